"""Caseload(S, D) is counted once (candidates.queries.caseloads): the caseload
page, the intake's choice of a specialist, the account checks and the
fidelity report give the same number."""

import datetime

import pytest
from django.utils import timezone

from intake.services import specialist_loads
from ips import holdings
from reports.report import fidelity_report
from tests.reports.helpers import enroll, reassign

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_today(specialist, teammate):
    """Kari holds two today: one taken in long ago (a job-retention case) and
    one moved to her today. One discharged today and one moved away today
    are no longer hers."""
    today = timezone.localdate()
    year_ago = (today - datetime.timedelta(days=365)).isoformat()
    enroll(specialist, year_ago, employed_at_referral=True)
    moved_in = enroll(teammate, year_ago)
    reassign(moved_in, specialist, today.isoformat())
    enroll(specialist, year_ago, discharge=today.isoformat())
    moved_away = enroll(specialist, year_ago)
    reassign(moved_away, teammate, today.isoformat())
    return today


def test_every_reader_counts_the_same_caseload(client, login, specialist, held_today):
    report = fidelity_report(held_today, held_today, held_today)
    (kari,) = [row for row in report["specialists"] if row["username"] == specialist.username]
    (load,) = [
        load
        for load in specialist_loads(office_id=specialist.office_id, day=held_today)
        if load.specialist == specialist
    ]
    login(specialist)

    page_total = client.get("/caseload/").context["total"]

    assert kari["caseload"] == load.caseload == holdings.held_on(specialist, held_today) == 2
    assert page_total == 2
