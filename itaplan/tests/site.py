"""The demo site as each role sees it, for whole-site browser checks (axe-core, language).

Loads the demo agencies through the real loader, adds a draft FY2569 plan of อบต.สามเรือน
made from its suggestions (the measure form and the plan page of a plan being written),
and names the main pages of each role by URL name, looked up in the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from itaplan.agencies.models import Agency
from itaplan.plans import selectors as plan_selectors
from itaplan.plans import services as plan_services
from itaplan.plans.models import Plan
from itaplan.progress.models import ReportingRound

#: The demo's password (README.md); the demo users are made by ``load_demo``.
DEMO_PASSWORD = "itaplan-demo"
ROLES = ("editor", "executive", "unit", "supervisor", "admin", "siteadmin")


@dataclass(frozen=True)
class Site:
    pages: dict[str, list[str]]  # role → paths of its main pages


def load_site() -> Site:
    for command in ("load_demo", "load_demo_progress"):  # as `itaplan demo load`
        call_command(command, stdout=StringIO())
    editor = get_user_model().objects.get(username="editor")
    samruean = Agency.objects.get(code="samruean")
    draft = plan_services.create_plan(samruean, 2569, editor)
    for suggestion in plan_selectors.suggestions_for(draft)[:2]:
        plan_services.add_measure_from_suggestion(draft, editor, suggestion.measure.key)
    approved = Plan.objects.get(agency__code="bankham", status=Plan.Status.APPROVED)
    round_ = ReportingRound.objects.filter(plan=approved).order_by("end_date").first()
    assert round_ is not None
    measure = approved.measures.order_by("order").first()
    assert measure is not None

    def url(name: str, *args: Any) -> str:
        return reverse(name, args=args)

    results = url("results:detail", "samruean", 2568)
    analysis = url("plans:analysis", "samruean", 2568)
    progress = url("progress:dashboard", "bankham")
    a_round = url("progress:round", "bankham", round_.pk)
    own_progress = url("progress:dashboard", "samruean")
    return Site(
        pages={
            "editor": [
                "/",
                results,
                analysis,
                url("results:form", "samruean"),
                url("plans:detail", "samruean", draft.pk),
                url("plans:measure_new", "samruean", draft.pk),
                progress,
                a_round,
                url("progress:measure", "bankham", measure.pk),
                url("progress:update", "bankham", measure.pk, round_.pk),
            ],
            "executive": [
                "/",
                url("plans:detail", "bankham", approved.pk),
                a_round,
                analysis,
            ],
            "unit": ["/", own_progress, results],
            "supervisor": ["/", url("supervision:dashboard"), results],
            "admin": [
                "/",
                url("agency_admin:units", "samruean"),
                url("agency_admin:people", "samruean"),
                url("agency_admin:profile", "samruean"),
                url("documents:docx_template", "samruean"),
            ],
            "siteadmin": [
                "/",
                url("supervision:dashboard"),
                url("site_admin:agencies"),
                url("site_admin:scopes"),
                url("results:bulk_import"),
            ],
        }
    )


def log_in(page: Any, base_url: str, username: str, language: str) -> None:
    """Log in as ``username`` with the language switch set to ``language``."""
    from itaplan.lib.browser import log_in as browser_log_in

    page.context.clear_cookies()
    browser_log_in(page, base_url, username, DEMO_PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
