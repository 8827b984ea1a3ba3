"""Ids beyond what the database stores (30 digits) are "not found", never a 500."""

from __future__ import annotations

from django.urls import reverse

from itaplan.plans.models import Measure
from itaplan.progress.tests.base import ProgressTestCase

HUGE = "9" * 30


class OutOfRangeIdTestCase(ProgressTestCase):
    def setUp(self) -> None:
        self.client.raise_request_exception = False
        self.login(self.owner)

    def test_a_30_digit_measure_id_in_carry_forward_is_404(self) -> None:
        url = reverse("progress:carry_forward", args=[self.agency.code, self.plan.pk])
        response = self.client.post(url, {"measures": [HUGE]})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.plan.agency.plans.count(), 1)

    def test_a_30_digit_unit_id_in_the_measure_form_is_404(self) -> None:
        draft = self.client.post(
            reverse("plans:new_version", args=[self.agency.code, self.plan.pk])
        )
        self.assertIn(draft.status_code, (200, 302))
        new_plan = self.agency.plans.order_by("-pk").first()
        measure = Measure.objects.filter(plan=new_plan).first() or self.finance_measure
        url = reverse("plans:measure_edit", args=[self.agency.code, measure.plan_id, measure.pk])
        response = self.client.post(url, {"title": "x", "units": [HUGE]})
        self.assertEqual(response.status_code, 404)

    def test_30_digit_ids_in_urls_are_404(self) -> None:
        for url in [
            f"/agency/{self.agency.code}/plans/{HUGE}/",
            f"/agency/{self.agency.code}/results/{HUGE}/",
            f"/agency/{self.agency.code}/plans/{self.plan.pk}/measures/{HUGE}/edit/",
        ]:
            self.assertEqual(self.client.get(url).status_code, 404, url)
