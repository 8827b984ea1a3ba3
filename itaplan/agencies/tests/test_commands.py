"""agency_add and user_add, as the itaplan CLI calls them."""

from __future__ import annotations

from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase

from itaplan.agencies.models import Agency, Membership, SupervisorScope


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


class AgencyAddTestCase(TestCase):
    def test_it_adds_an_agency_with_its_province_and_district(self) -> None:
        output = run(
            "agency_add", "--code", "a1", "--name", "อบต.หนึ่ง", "--kind", "อบต.",
            "--province", "ราชบุรี", "--district", "เมืองราชบุรี",
        )  # fmt: skip
        agency = Agency.objects.get(code="a1")
        self.assertEqual(agency.kind, Agency.Kind.SAO)
        self.assertEqual(str(agency.district), "เมืองราชบุรี จ.ราชบุรี")
        self.assertIn("เพิ่มหน่วยงาน a1", output)

    def test_running_it_again_updates_instead_of_duplicating(self) -> None:
        args = ["--code", "a1", "--province", "ราชบุรี", "--district", "เมืองราชบุรี"]
        run("agency_add", "--name", "ชื่อเดิม", *args)
        run("agency_add", "--name", "ชื่อใหม่", "--kind", "tambon", *args)
        agency = Agency.objects.get()
        self.assertEqual((agency.name, agency.kind), ("ชื่อใหม่", "tambon"))

    def test_an_unknown_kind_is_a_thai_error(self) -> None:
        with self.assertRaisesMessage(CommandError, "ไม่รู้จักประเภทหน่วยงาน"):
            run(
                "agency_add", "--code", "a1", "--name", "x", "--kind", "zoo",
                "--province", "p", "--district", "d",
            )  # fmt: skip


class UserAddTestCase(TestCase):
    def setUp(self) -> None:
        run(
            "agency_add", "--code", "a1", "--name", "อบต.หนึ่ง",
            "--province", "ราชบุรี", "--district", "เมืองราชบุรี",
        )  # fmt: skip

    def test_it_adds_a_member_with_a_role(self) -> None:
        run("user_add", "--username", "u", "--email", "u@x.org", "--password", "pw-12345678",
            "--agency", "a1", "--role", "editor")  # fmt: skip
        membership = Membership.objects.get()
        self.assertEqual((membership.user.username, membership.role), ("u", "editor"))
        self.assertTrue(membership.user.check_password("pw-12345678"))

    def test_a_unit_member_gets_the_unit(self) -> None:
        run("user_add", "--username", "u", "--agency", "a1", "--role", "unit", "--unit", "กองคลัง")
        self.assertEqual(Membership.objects.get().unit.name, "กองคลัง")

    def test_a_unit_member_without_unit_is_refused(self) -> None:
        with self.assertRaisesMessage(CommandError, "--unit"):
            run("user_add", "--username", "u", "--agency", "a1", "--role", "unit")

    def test_supervisors_of_a_province_district_or_everything(self) -> None:
        run("user_add", "--username", "p", "--supervise-province", "ราชบุรี")
        run("user_add", "--username", "d", "--supervise-district", "เมืองราชบุรี/ราชบุรี")
        run("user_add", "--username", "n", "--supervise-all")
        scopes = {s.user.username: s for s in SupervisorScope.objects.all()}
        self.assertEqual(scopes["p"].province.name, "ราชบุรี")
        self.assertEqual(scopes["d"].district.name, "เมืองราชบุรี")
        self.assertIsNone(scopes["n"].province or scopes["n"].district)

    def test_an_unknown_province_is_a_thai_error(self) -> None:
        with self.assertRaisesMessage(CommandError, "ไม่พบจังหวัด"):
            run("user_add", "--username", "p", "--supervise-province", "ไม่มี")

    def test_a_superuser(self) -> None:
        run("user_add", "--username", "root", "--superuser")
        from django.contrib.auth import get_user_model

        self.assertTrue(get_user_model().objects.get(username="root").is_superuser)

    def test_agency_and_role_go_together(self) -> None:
        with self.assertRaisesMessage(CommandError, "คู่กัน"):
            run("user_add", "--username", "u", "--agency", "a1")

    def test_an_unknown_agency_is_a_thai_error(self) -> None:
        with self.assertRaisesMessage(CommandError, "ไม่พบหน่วยงานรหัส zz"):
            run("user_add", "--username", "u", "--agency", "zz", "--role", "admin")
