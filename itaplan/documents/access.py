"""Who may download which document, on top of the agency's access rule.

Everyone who may read a plan (members, executives, supervisors, site admins) may
download its o27 document. The o28 report of a round lists the measures of every
unit; a unit member sees only its own unit's measures (:mod:`itaplan.progress.access`),
so the whole report is not theirs to download.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from itaplan.agencies.models import Agency
from itaplan.progress.access import unit_restriction


def can_download_round_report(user: AbstractBaseUser | AnonymousUser, agency: Agency) -> bool:
    """Whether a reader of the agency sees every measure, and so may have the whole report."""
    return unit_restriction(user, agency) is None
