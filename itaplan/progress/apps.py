from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "itaplan.progress"
    verbose_name = "ความก้าวหน้า"
