from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "itaplan.results"
    verbose_name = "ผลการประเมิน"
