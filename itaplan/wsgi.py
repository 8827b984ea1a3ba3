"""WSGI entry point (gunicorn itaplan.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itaplan.settings_production")
application = get_wsgi_application()
