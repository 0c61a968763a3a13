"""My figures: a specialist's own row, the team's pooled row and trends."""

import pytest

from tests.reports.dashboard_helpers import YEAR, a_year_of_work, cell, drill_url, row_html, text

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def horten(specialist, teammate, other_specialist):
    return a_year_of_work(specialist, other_specialist)


def test_a_specialist_sees_their_own_row_and_the_team_pooled(client, login, specialist, horten):
    login(specialist)

    page = text(client.get(f"/reports/mine/{YEAR}", **EN))

    assert cell(page, "Kari Nordmann", "field_share")["text"] == "53.8 %"
    assert row_html(page, "Team Horten (pooled)")


def test_a_specialist_does_not_see_a_teammates_row(client, login, specialist, horten):
    login(specialist)

    page = text(client.get(f"/reports/mine/{YEAR}", **EN))

    assert "Ola Hansen" not in page


def test_the_team_pooled_row_does_not_lead_to_teammates_candidates(
    client, login, specialist, horten
):
    login(specialist)

    page = text(client.get(f"/reports/mine/{YEAR}", **EN))

    assert "figure-link" not in row_html(page, "Team Horten (pooled)")
    assert drill_url(page, "Kari Nordmann", "in_work").startswith("/reports/mine/behind/cohort/")


def test_a_specialist_sees_trends_of_their_own_and_the_team(client, login, specialist, horten):
    login(specialist)

    page = text(client.get(f"/reports/mine/{YEAR}", **EN))

    assert page.count("<canvas data-chart=") == 6
    assert '"label": "Team Horten"' in page


@pytest.mark.parametrize("persona", ["leader", "intake", "analyst"])
def test_my_figures_are_for_specialists(request, client, login, persona):
    login(request.getfixturevalue(persona))

    assert client.get("/reports/mine/").status_code == 403


def test_a_specialist_without_a_team_sees_their_own_row(client, login, db):
    from tests import factories

    loner = factories.SpecialistFactory(
        username="solo", first_name="Solo", last_name="Alene", team=None
    )
    login(loner)

    page = text(client.get(f"/reports/mine/{YEAR}", **EN))

    assert cell(page, "Solo Alene", "field_share")["status"] == "no_data"
