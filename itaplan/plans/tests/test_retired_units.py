"""A retired unit keeps the measures it had but is not offered for new ones."""

from __future__ import annotations

import pytest
from django.urls import reverse

from itaplan.agencies import administration
from itaplan.plans import services
from itaplan.plans.tests.test_measures import measure_data

pytestmark = pytest.mark.django_db


def test_a_retired_unit_stays_on_its_measure_and_leaves_new_ones(client, people, plan, agency):
    works = agency.units.get(name="กองช่าง")
    measure = services.add_measure(plan, people.editor, measure_data(plan, units=[works]))
    administration.retire_unit(works)
    client.force_login(people.editor)
    edit = reverse("plans:measure_edit", args=[agency.code, plan.pk, measure.pk])
    assert "กองช่าง" in client.get(edit).content.decode()
    assert list(measure.units.all()) == [works]

    other = services.create_plan(agency, 2570, people.editor)
    new = reverse("plans:measure_new", args=[agency.code, other.pk])
    assert "กองช่าง" not in client.get(new).content.decode()
