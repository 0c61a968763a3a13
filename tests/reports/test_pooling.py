"""Team, office and total figures pool the parts: sums, and rates of the sums."""

from decimal import Decimal

import pytest

from tests.reports.helpers import enroll, job, log, report, row, specialist_in

pytestmark = pytest.mark.django_db


def yearly(**kwargs):
    return report("2025-01-01", "2025-12-31", "2026-12-31", **kwargs)


def test_team_field_share_is_pooled_minutes_not_the_mean_of_shares(specialist, teammate):
    log(specialist, "2025-03-03", 10, location="workplace")
    log(specialist, "2025-03-03", 90, location="office")
    log(teammate, "2025-03-03", 900, location="community")
    log(teammate, "2025-03-03", 100, location="office")

    team = row(yearly()["teams"], "name", "Horten")

    assert team["field_share"] == round(910 / 1100, 4)
    assert team["field_share"] != (0.1 + 0.9) / 2


def test_team_in_work_rate_is_pooled_numerator_over_pooled_denominator(specialist, teammate):
    job(enroll(specialist, "2025-03-01"), "2025-04-01")
    job(enroll(teammate, "2025-03-01"), "2025-04-01")
    for _ in range(3):
        enroll(teammate, "2025-03-01")

    team = row(yearly()["teams"], "name", "Horten")

    assert team["in_work_within_year"] == {
        "numerator": 2,
        "denominator": 5,
        "pending": 0,
        "rate": 0.4,
    }
    assert team["in_work_within_year"]["rate"] != (1.0 + 0.25) / 2


def test_team_caseload_sums_and_averages_and_divides_by_pooled_fte(specialist, teammate):
    teammate.fte = Decimal("0.6")
    teammate.save()
    for _ in range(12):
        enroll(specialist, "2025-03-01")
    for _ in range(4):
        enroll(teammate, "2025-03-01")

    team = row(yearly()["teams"], "name", "Horten")

    assert team["caseload"] == 16
    assert team["caseload_mean"] == 8.0
    assert team["fte"] == 1.6
    assert team["caseload_per_fte"] == 10.0


def test_team_placements_are_summed_and_divided_by_pooled_fte(specialist, teammate):
    teammate.fte = Decimal("0.6")
    teammate.save()
    job(enroll(specialist, "2024-12-01"), "2025-02-01")
    job(enroll(teammate, "2024-12-01"), "2025-02-01")

    team = row(yearly()["teams"], "name", "Horten")

    assert team["new_in_work"] == 2
    assert team["new_in_work_per_fte"] == 1.25


def test_the_total_pools_every_team(specialist, other_specialist):
    job(enroll(specialist, "2025-03-01"), "2025-04-01")
    enroll(other_specialist, "2025-03-01")
    enroll(other_specialist, "2025-03-01")
    log(specialist, "2025-03-03", 100, location="office")
    log(other_specialist, "2025-03-03", 300, location="workplace")

    total = yearly()["total"]

    assert total["specialists"] == 2
    assert total["in_work_within_year"]["rate"] == round(1 / 3, 4)
    assert total["field_share"] == 0.75
    assert total["caseload"] == 3


def test_offices_pool_their_teams(office, specialist, teammate, other_specialist):
    second_team_member = specialist_in(specialist.team.office.teams.create(name="Tønsberg"), "tone")
    enroll(specialist, "2025-03-01")
    enroll(second_team_member, "2025-03-01")
    enroll(other_specialist, "2025-03-01")

    offices = yearly()["offices"]

    assert row(offices, "name", "NAV Vestfold")["caseload"] == 2
    assert row(offices, "name", "NAV Vestfold")["specialists"] == 3
    assert row(offices, "name", "NAV Innlandet")["caseload"] == 1


def test_team_leaders_are_not_specialists_in_the_report(specialist, leader):
    log(leader, "2025-03-03", 100, location="office")
    log(specialist, "2025-03-03", 100, location="workplace")

    result = yearly()

    assert [r["username"] for r in result["specialists"]] == ["kari"]
    assert result["total"]["field_share"] == 1.0


def test_an_inactive_specialist_without_figures_is_left_out(specialist, teammate):
    teammate.is_active = False
    teammate.save()

    assert [r["username"] for r in yearly()["specialists"]] == ["kari"]


def test_an_inactive_specialist_with_figures_stays_in(specialist, teammate):
    teammate.is_active = False
    teammate.save()
    log(teammate, "2025-03-03", 100)

    assert {r["username"] for r in yearly()["specialists"]} == {"kari", "ola"}
