"""Production settings (gunicorn through itaplan.wsgi, the Docker image): DEBUG is off
unless ITAPLAN_DEBUG says otherwise. Everything else is :mod:`itaplan.settings`."""

import os

os.environ.setdefault("ITAPLAN_DEBUG", "false")

from itaplan.settings import *  # noqa: F403
