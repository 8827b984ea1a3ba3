from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "itaplan.agencies"
    verbose_name = "หน่วยงานและผู้ใช้"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.contrib.auth import signals

        from itaplan.agencies import audit
        from itaplan.agencies.models import Agency, Membership, SupervisorScope, Unit
        from itaplan.lib.validation import use_thai_messages

        use_thai_messages()
        auditlog.register(Agency)
        auditlog.register(Membership)
        auditlog.register(Unit)
        auditlog.register(SupervisorScope)
        signals.user_logged_in.connect(audit.logged_in, dispatch_uid="itaplan-audit-login")
        signals.user_login_failed.connect(audit.login_failed, dispatch_uid="itaplan-audit-fail")
        signals.user_logged_out.connect(audit.logged_out, dispatch_uid="itaplan-audit-logout")
