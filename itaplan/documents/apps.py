from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "itaplan.documents"
    verbose_name = "เอกสาร"
