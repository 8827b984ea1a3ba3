from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "itaplan.demo"
    verbose_name = "ข้อมูลตัวอย่าง"
