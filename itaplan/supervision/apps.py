from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "itaplan.supervision"
    verbose_name = "การกำกับดูแล"
