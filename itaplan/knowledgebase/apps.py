from django.apps import AppConfig


class KnowledgebaseConfig(AppConfig):
    name = "itaplan.knowledgebase"
    verbose_name = "ฐานความรู้มาตรการ"
