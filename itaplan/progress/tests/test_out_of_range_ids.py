"""Ids beyond what the database stores (30 digits) are "not found" or a form error, never a 500.

SQLite's driver overflows on such a number (answered 404 by the middleware); on
PostgreSQL Django finds no row for it, so a choice field says the choice is not valid.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse

from itaplan.plans.models import Measure
from itaplan.progress.tests.base import ProgressTestCase

HUGE = "9" * 30


class OutOfRangeIdTestCase(ProgressTestCase):
    def setUp(self) -> None:
        self.client.raise_request_exception = False
        self.login(self.owner)

    def assert_not_found_or_refused(self, response: HttpResponse) -> None:
        if response.status_code != 404:
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "errorlist")

    def test_a_30_digit_measure_id_in_carry_forward_is_not_found_or_refused(self) -> None:
        url = reverse("progress:carry_forward", args=[self.agency.code, self.plan.pk])
        response = self.client.post(url, {"measures": [HUGE]})
        self.assert_not_found_or_refused(response)
        self.assertEqual(self.plan.agency.plans.count(), 1)

    def test_a_30_digit_unit_id_in_the_measure_form_is_not_found_or_refused(self) -> None:
        draft = self.client.post(
            reverse("plans:new_version", args=[self.agency.code, self.plan.pk])
        )
        self.assertIn(draft.status_code, (200, 302))
        new_plan = self.agency.plans.order_by("-pk").first()
        measure = Measure.objects.filter(plan=new_plan).first() or self.finance_measure
        url = reverse("plans:measure_edit", args=[self.agency.code, measure.plan_id, measure.pk])
        before = list(measure.units.values_list("pk", flat=True))
        response = self.client.post(url, {"title": "x", "units": [HUGE]})
        self.assert_not_found_or_refused(response)
        self.assertEqual(list(measure.units.values_list("pk", flat=True)), before)

    def test_30_digit_ids_in_urls_are_404(self) -> None:
        for url in [
            f"/agency/{self.agency.code}/plans/{HUGE}/",
            f"/agency/{self.agency.code}/results/{HUGE}/",
            f"/agency/{self.agency.code}/plans/{self.plan.pk}/measures/{HUGE}/edit/",
        ]:
            self.assertEqual(self.client.get(url).status_code, 404, url)
