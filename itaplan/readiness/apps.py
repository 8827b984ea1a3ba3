from django.apps import AppConfig


class ReadinessConfig(AppConfig):
    name = "itaplan.readiness"
    verbose_name = "ความพร้อมข้อมูลเปิดเผย (OIT)"
