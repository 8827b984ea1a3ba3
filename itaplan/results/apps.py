from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "itaplan.results"
    verbose_name = "ผลการประเมิน"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from itaplan.results.models import IndicatorScore, ItemScore, Result

        # The raw text can be long: the log says it changed, not what it said.
        auditlog.register(Result, exclude_fields=["source_text", "updated_at"])
        auditlog.register(IndicatorScore)
        auditlog.register(ItemScore)
