from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "itaplan.progress"
    verbose_name = "ความก้าวหน้า"

    def ready(self) -> None:
        from itaplan.progress import signals  # noqa: F401  (connects the receivers)
