"""Each list behind a figure holds exactly what the figure counts: the lists
and the report read the same selections (reports.metrics.queries)."""

import pytest

from common.periods import Period
from reports import drilldown
from tests.reports.helpers import day, enroll, figures_of, job, reassign, report

pytestmark = pytest.mark.django_db

YEAR = Period.year_of(day("2025-01-01"))
AS_OF = day("2026-03-01")


@pytest.fixture
def kari_year(specialist, teammate):
    """Cases at the edges of the definitions."""
    two_jobs = enroll(specialist, "2025-02-03")
    job(two_jobs, "2025-04-07", title="Morning")
    job(two_jobs, "2025-04-07", title="Evening")  # two first jobs on one day count once
    earlier = enroll(specialist, "2025-03-03")
    job(earlier, "2025-01-06")  # before intake: no first job start
    retention = enroll(specialist, "2025-05-05", employed_at_referral=True)
    job(retention, "2025-06-02")  # in work at referral: not counted
    enroll(specialist, "2025-09-01")  # pending on the as-of day
    moved = enroll(teammate, "2025-06-02")
    job(moved, "2025-08-04")
    reassign(moved, specialist, "2025-07-01")  # credited to the holder on the start
    enroll(specialist, "2025-01-13", discharge="2025-12-31")  # out of the caseload on the end
    return specialist


def test_the_lists_are_as_long_as_the_figures(kari_year):
    figures = figures_of(kari_year, report("2025-01-01", "2025-12-31", AS_OF.isoformat()))
    ids = [kari_year.pk]

    cohort = list(drilldown.cohort_members(YEAR, AS_OF, ids))

    assert drilldown.caseload_members(YEAR.end, ids).count() == figures["caseload"] == 5
    assert len(drilldown.job_starts(YEAR, ids)) == figures["new_in_work"] == 2
    in_work = figures["in_work_within_year"]
    assert [m.followed_up for m in cohort].count(True) == in_work["denominator"]
    assert [m.followed_up for m in cohort].count(False) == in_work["pending"] == 2
    assert [m.in_work and m.followed_up for m in cohort].count(True) == in_work["numerator"]
