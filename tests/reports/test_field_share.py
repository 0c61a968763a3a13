"""Field share(S, period): field minutes ÷ all minutes logged; no minutes, no figure."""

import pytest

from reports.metrics import activity_minutes
from tests.reports.helpers import day, figures_of, log, report, row

pytestmark = pytest.mark.django_db


def test_it_divides_workplace_and_community_minutes_by_all_minutes(specialist):
    log(specialist, "2025-03-03", 60, location="workplace")
    log(specialist, "2025-03-04", 70, location="community")
    log(specialist, "2025-03-05", 70, location="office", mode="phone")

    figures = figures_of(specialist, report("2025-03-01", "2025-03-31", "2025-04-30"))

    assert figures["field_minutes"] == 130
    assert figures["logged_minutes"] == 200
    assert figures["field_share"] == 0.65


def test_it_counts_the_first_and_last_day_of_the_period_and_not_a_day_outside(specialist):
    log(specialist, "2025-02-28", 500, location="office")
    log(specialist, "2025-03-01", 30, location="workplace")
    log(specialist, "2025-03-31", 10, location="office")
    log(specialist, "2025-04-01", 500, location="workplace")

    assert activity_minutes(day("2025-03-01"), day("2025-03-31"))[specialist.pk] == {
        "logged": 40,
        "field": 30,
        "employer_contacts": 0,
    }


def test_a_specialist_with_no_logged_minutes_has_no_field_share_not_zero(specialist, teammate):
    log(teammate, "2025-03-03", 60, location="office")

    result = report("2025-03-01", "2025-03-31", "2025-04-30")

    assert figures_of(specialist, result)["field_share"] is None
    assert figures_of(specialist, result)["logged_minutes"] == 0
    assert figures_of(teammate, result)["field_share"] == 0.0


def test_a_team_without_logged_minutes_has_no_field_share(specialist, other_specialist):
    log(specialist, "2025-03-03", 60)

    result = report("2025-03-01", "2025-03-31", "2025-04-30")

    assert row(result["teams"], "name", "Hamar")["field_share"] is None
    assert row(result["teams"], "name", "Horten")["field_share"] == 1.0


def test_it_credits_minutes_to_the_author_not_to_the_candidates_holder(specialist, teammate):
    log(teammate, "2025-03-03", 45)

    result = report("2025-03-01", "2025-03-31", "2025-04-30")

    assert figures_of(teammate, result)["logged_minutes"] == 45
    assert figures_of(specialist, result)["logged_minutes"] == 0
