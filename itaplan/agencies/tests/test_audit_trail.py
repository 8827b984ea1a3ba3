"""The audit is complete and its addresses cannot be forged by the client."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from itaplan.agencies.models import Membership, SupervisorScope, Unit
from itaplan.agencies.services import grant_role
from itaplan.lib.testing import BaseTestCase, csv_bytes, make_user, sheet_row
from itaplan.results.models import IndicatorScore, Result
from itaplan.results.tests.test_import_sheet import token

CLIENT = "198.51.100.20"


def entries_for(model: type) -> list[LogEntry]:
    kind = ContentType.objects.get_for_model(model)
    return list(LogEntry.objects.filter(content_type=kind).order_by("pk"))


class AuditTrailTestCase(BaseTestCase):
    def bulk_import(self, **headers: str) -> None:
        self.login(self.siteadmin)
        upload = SimpleUploadedFile("all.csv", csv_bytes(sheet_row()))
        preview = self.client.post(
            reverse("results:bulk_import"), {"file": upload}, REMOTE_ADDR=CLIENT, **headers
        )
        saved = self.client.post(
            reverse("results:bulk_confirm"),
            {"rows": token(preview)},
            REMOTE_ADDR=CLIENT,
            **headers,
        )
        self.assertEqual(saved.status_code, 302)

    def test_bulk_written_results_and_scores_carry_the_address(self) -> None:
        self.bulk_import()
        for model in (Result, IndicatorScore):
            addresses = {e.remote_addr for e in entries_for(model)}
            self.assertEqual(addresses, {CLIENT}, model.__name__)

    def test_a_forwarded_for_header_from_a_client_is_not_believed(self) -> None:
        self.bulk_import(HTTP_X_FORWARDED_FOR="6.6.6.6")
        self.assertEqual({e.remote_addr for e in entries_for(Result)}, {CLIENT})

    @override_settings(ITAPLAN_TRUSTED_PROXIES=[CLIENT])
    def test_from_a_trusted_proxy_the_client_it_saw_is_recorded_not_a_forged_hop(self) -> None:
        self.bulk_import(HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.50")
        self.assertEqual({e.remote_addr for e in entries_for(Result)}, {"203.0.113.50"})

    def test_units_memberships_and_supervisor_scopes_are_audited(self) -> None:
        unit = Unit.objects.create(agency=self.agency, name="กองช่าง")
        person = make_user("newcomer")
        grant_role(person, self.agency, Membership.Role.EDITOR)
        scope = SupervisorScope.objects.create(user=person, province=self.agency.district.province)
        scope.delete()
        unit.name = "กองช่างและผังเมือง"
        unit.save()
        unit_actions = [e.action for e in entries_for(Unit)]
        self.assertEqual(unit_actions[-2:], [LogEntry.Action.CREATE, LogEntry.Action.UPDATE])
        self.assertIn(
            str(person.pk), {e.changes.get("user", ["", ""])[1] for e in entries_for(Membership)}
        )
        scope_actions = [e.action for e in entries_for(SupervisorScope)]
        self.assertEqual(scope_actions[-2:], [LogEntry.Action.CREATE, LogEntry.Action.DELETE])
