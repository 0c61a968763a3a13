"""The whole report runs a fixed number of queries, however large the data."""

import pytest

from tests import factories
from tests.reports.helpers import enroll, job, log, report, specialist_in

pytestmark = pytest.mark.django_db

#: One for the specialists, five aggregates, and two medians (each one query
#: for all four levels).
REPORT_QUERIES = 8


def staff(how_many: int, offices: int = 3) -> None:
    """`how_many` specialists over teams in several offices, each with candidates,
    job starts, activities and an employer meeting."""
    teams = [
        factories.TeamFactory(office=factories.OfficeFactory(name=f"Office {n}"))
        for n in range(offices)
    ]
    for n in range(how_many):
        person = specialist_in(teams[n % offices], f"specialist{n}")
        for intake in ("2025-02-03", "2025-09-01"):
            enrollment = enroll(person, intake)
            job(enrollment, "2025-10-06")
            log(person, "2025-10-01", 45, mode="in_person", with_whom="employer")
            log(person, "2025-10-02", 30, location="office", candidate=enrollment.candidate)


@pytest.mark.parametrize("specialists", [3, 30])
def test_the_report_query_count_does_not_grow_with_the_specialists(
    specialists, django_assert_num_queries
):
    staff(specialists)

    with django_assert_num_queries(REPORT_QUERIES):
        result = report("2025-01-01", "2025-12-31", "2026-12-31")

    assert len(result["specialists"]) == specialists
    assert result["total"]["new_in_work"] == 2 * specialists
