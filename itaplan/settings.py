"""Django settings for itaplan, driven by environment variables.

Development needs none of them (SQLite, console e-mail, DEBUG on). Production
sets at least ITAPLAN_SECRET_KEY, DATABASE_URL and ITAPLAN_ALLOWED_HOSTS.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.getenv(name, default).lower()
    if value not in ("true", "false", "1", "0", "yes", "no"):
        raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")
    return value in ("true", "1", "yes")


def envint(name: str, default: str) -> int:
    value = os.getenv(name, default)
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def envlist(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.getenv(name, default).split(",") if part.strip()]


DEBUG = envbool("ITAPLAN_DEBUG", "true")
SECRET_KEY = os.getenv("ITAPLAN_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("ITAPLAN_SECRET_KEY must be set when ITAPLAN_DEBUG is false")
    SECRET_KEY = "development-only-not-secret"
ALLOWED_HOSTS = envlist("ITAPLAN_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("ITAPLAN_CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.getenv("ITAPLAN_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "auditlog",
    "axes",
    "itaplan.agencies",
    "itaplan.results",
    "itaplan.demo",
    "itaplan.plans",
    "itaplan.knowledgebase",
    "itaplan.documents",
    "itaplan.progress",
    "itaplan.supervision",
    "huey.contrib.djhuey",
    "itaplan.jobs",
    "itaplan.readiness",
    "itaplan.lib",  # shared form widgets (templates/widgets)
]

MIDDLEWARE = [
    "itaplan.lib.proxies.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "itaplan.lib.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    "itaplan.lib.middleware.DatabaseBusyMiddleware",
    "itaplan.lib.middleware.OutOfRangeIdMiddleware",
]

ROOT_URLCONF = "itaplan.urls"
WSGI_APPLICATION = "itaplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "itaplan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "itaplan.progress.approvals.approvals",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("ITAPLAN_DB_CONN_MAX_AGE", "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One agency on SQLite: a write transaction takes the write lock when it begins
    # (not halfway, where SQLite cannot wait and fails at once), and waits up to the
    # timeout for another writer to finish; WAL lets readers go on meanwhile. What is
    # still locked after that is answered by DatabaseBusyMiddleware, never a 500.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": envint("ITAPLAN_SQLITE_TIMEOUT_SECONDS", "20"),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles the dashboard's national aggregates on every request and
    # makes them 2–5× slower (deploy/README.md); this app's queries are short.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "itaplan.agencies.backends.LoginThrottleBackend",  # refuses while locked out (django-axes)
    "django.contrib.auth.backends.ModelBackend",
]
#: Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (addresses or
#: networks, comma separated). Empty: the app is reached directly and believes no one.
ITAPLAN_TRUSTED_PROXIES = envlist("ITAPLAN_TRUSTED_PROXIES", "")
# Login protection (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user
# name, or from one address, that user name / address is locked for the cool-off time.
AXES_FAILURE_LIMIT = envint("ITAPLAN_LOGIN_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = envint("ITAPLAN_LOGIN_COOLOFF_MINUTES", "15") / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "itaplan.lib.proxies.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day, in seconds

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "itaplan" / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.getenv("ITAPLAN_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "itaplan" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.getenv("ITAPLAN_MEDIA_ROOT", str(BASE_DIR / "media")))
#: Replacement DOCX looks (styles, header, margins): default.docx for the deployment,
#: <agency code>.docx for one agency. Without them the built-in template is used.
ITAPLAN_DOCX_TEMPLATES = Path(
    os.getenv("ITAPLAN_DOCX_TEMPLATES", str(MEDIA_ROOT / "docx-templates"))
)

EMAIL_BACKEND = os.getenv("ITAPLAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.getenv("ITAPLAN_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("ITAPLAN_EMAIL_PORT", "25")
EMAIL_HOST_USER = os.getenv("ITAPLAN_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("ITAPLAN_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("ITAPLAN_EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = os.getenv("ITAPLAN_DEFAULT_FROM_EMAIL", "itaplan@localhost")

#: Largest upload accepted by intake (results files, spreadsheets), in bytes.
ITAPLAN_MAX_UPLOAD_BYTES = envint("ITAPLAN_MAX_UPLOAD_BYTES", str(5 * 1024 * 1024))
#: Largest evidence file (progress reports), in bytes. The web server's own limit
#: (nginx client_max_body_size) must be at least this.
ITAPLAN_MAX_EVIDENCE_BYTES = envint("ITAPLAN_MAX_EVIDENCE_BYTES", str(10 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = ITAPLAN_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = ITAPLAN_MAX_UPLOAD_BYTES

if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("ITAPLAN_SECURE_COOKIES", "true")
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("ITAPLAN_SSL_REDIRECT", "true")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers check over plain HTTP
    SECURE_HSTS_SECONDS = envint("ITAPLAN_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Task queue (Huey; README "Task queue"): "sqlite" runs embedded beside the app with no
# extra server, "redis" shares one queue between many workers (national deployment),
# "immediate" runs every job inside the caller (tests, a quick look without a worker).
ITAPLAN_QUEUE = os.getenv("ITAPLAN_QUEUE", "sqlite")
if ITAPLAN_QUEUE not in ("sqlite", "redis", "immediate"):
    raise ImproperlyConfigured(
        f"ITAPLAN_QUEUE must be sqlite, redis or immediate, not {ITAPLAN_QUEUE!r}"
    )
HUEY = {
    "name": os.getenv("ITAPLAN_QUEUE_NAME", "itaplan"),
    "immediate": ITAPLAN_QUEUE == "immediate",
    "utc": True,
    "consumer": {
        "workers": envint("ITAPLAN_WORKERS", "4"),
        "worker_type": "thread",  # the jobs wait on the network and the database
        "periodic": True,
    },
}
if ITAPLAN_QUEUE == "redis":
    HUEY |= {
        "huey_class": "huey.RedisHuey",
        "connection": {"url": os.getenv("ITAPLAN_REDIS_URL", "redis://127.0.0.1:6379/0")},
    }
else:
    HUEY |= {
        "huey_class": "huey.SqliteHuey",
        "filename": os.getenv("ITAPLAN_QUEUE_FILE", str(BASE_DIR / "queue.sqlite3")),
    }

# OIT readiness checker (itaplan/readiness): a good citizen on agencies' websites.
ITAPLAN_FETCH_USER_AGENT = os.getenv(
    "ITAPLAN_FETCH_USER_AGENT",
    f"itaplan-oit-checker/0.1 (+{SITE_URL}; OIT readiness check)",
)
if not ITAPLAN_FETCH_USER_AGENT.isascii():
    raise ImproperlyConfigured("ITAPLAN_FETCH_USER_AGENT must be ASCII (HTTP headers are)")
ITAPLAN_FETCH_CONNECT_TIMEOUT = float(os.getenv("ITAPLAN_FETCH_CONNECT_TIMEOUT", "10"))
ITAPLAN_FETCH_TOTAL_TIMEOUT = float(os.getenv("ITAPLAN_FETCH_TOTAL_TIMEOUT", "30"))
ITAPLAN_FETCH_MAX_BYTES = envint("ITAPLAN_FETCH_MAX_BYTES", str(20 * 1024 * 1024))
ITAPLAN_FETCH_MAX_REDIRECTS = envint("ITAPLAN_FETCH_MAX_REDIRECTS", "5")
ITAPLAN_FETCH_PER_HOST = envint("ITAPLAN_FETCH_PER_HOST", "2")
ITAPLAN_FETCH_RETRIES = envint("ITAPLAN_FETCH_RETRIES", "2")
ITAPLAN_FETCH_BACKOFF = float(os.getenv("ITAPLAN_FETCH_BACKOFF", "1.0"))
#: Fetch private, loopback and link-local addresses (tests and closed networks only).
ITAPLAN_FETCH_ALLOW_PRIVATE = envbool("ITAPLAN_FETCH_ALLOW_PRIVATE", "false")
