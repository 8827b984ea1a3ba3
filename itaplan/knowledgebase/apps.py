from django.apps import AppConfig


class KnowledgebaseConfig(AppConfig):
    name = "itaplan.knowledgebase"
    verbose_name = "ฐานความรู้มาตรการ"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from itaplan.knowledgebase.models import EntryTemplate, KnowledgeEntry, MeasureTemplate

        # The hash and the timestamp change with every edit; the log shows the edit itself.
        auditlog.register(MeasureTemplate, exclude_fields=["file_hash", "updated_at"])
        auditlog.register(KnowledgeEntry, exclude_fields=["file_hash", "updated_at"])
        auditlog.register(EntryTemplate)
