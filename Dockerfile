# itaplan web app: Django served by gunicorn, static files by whitenoise.
#
#   docker build -t itaplan .
#   docker compose up -d            # app + PostgreSQL 15, see compose.yaml
#
# Settings come from environment variables (deploy/README.md lists them all).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ITAPLAN_STATIC_ROOT=/app/staticfiles \
    ITAPLAN_MEDIA_ROOT=/app/media \
    DJANGO_SETTINGS_MODULE=itaplan.settings_production \
    GUNICORN_CMD_ARGS="--bind=0.0.0.0:8000 --workers=3 --threads=4 --timeout=60 --max-requests=2000 --max-requests-jitter=200 --access-logfile=-"

# WeasyPrint (PDF documents) needs Pango; Thai fonts back up the vendored Sarabun;
# the PostgreSQL client gives pg_dump and pg_restore to backup jobs run from the image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-thai-tlwg postgresql-client \
    && rm -rf /var/lib/apt/lists/*

# Install from a scratch directory so the source never shadows the installed package.
COPY pyproject.toml README.md /src/
COPY itaplan /src/itaplan
RUN pip install /src && rm -rf /src

# Static files are collected into the image (whitenoise serves them, hashed and
# compressed). The key only lets settings load; it signs nothing.
RUN ITAPLAN_DEBUG=false ITAPLAN_SECRET_KEY=collectstatic-only-not-secret \
    itaplan manage collectstatic --noinput --verbosity 0

RUN useradd --system --home-dir /app --shell /usr/sbin/nologin itaplan \
    && mkdir -p /app/media \
    && chown itaplan /app/media
USER itaplan
WORKDIR /app
EXPOSE 8000

# Migrations are not run here: run them once per release (compose.yaml's migrate
# service, or `itaplan manage migrate` as a one-off job), never from every server.
CMD ["gunicorn", "itaplan.wsgi"]
