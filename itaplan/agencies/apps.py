from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "itaplan.agencies"
    verbose_name = "หน่วยงานและผู้ใช้"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from itaplan.agencies.models import Agency, Membership

        auditlog.register(Agency)
        auditlog.register(Membership)
