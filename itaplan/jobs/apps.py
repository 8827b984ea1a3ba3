from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "itaplan.jobs"
    verbose_name = "งานเบื้องหลัง"
