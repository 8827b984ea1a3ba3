from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "itaplan.plans"
    verbose_name = "แผนมาตรการ"
