"""The plans app's agency, people and seed 004 result, and a knowledge base in the database."""

from __future__ import annotations

import pytest

from itaplan.knowledgebase.services import SyncReport, sync_from_files

# Suggestions are the plans app's: its fixtures (an agency with a person in every role,
# seed 004's FY2568 result, the FY2569 plan answering it) are the ones to test them with.
from itaplan.plans.tests.conftest import (  # noqa: F401
    agency,
    fast_passwords,
    other_agency,
    people,
    plan,
    result_2568,
)


@pytest.fixture
def stored_2568(db: None) -> SyncReport:
    """FY2568's knowledge file loaded into the database."""
    (report,) = sync_from_files([2568])
    return report
