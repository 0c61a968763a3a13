"""The team dashboard: a team leader's figures per specialist against the targets."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import services
from tests import factories
from tests.reports.dashboard_helpers import (
    END,
    START,
    YEAR,
    a_year_of_work,
    cell,
    many_specialists,
    report_for,
    row_html,
    text,
)

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def horten(specialist, teammate, other_specialist):
    return a_year_of_work(specialist, other_specialist)


def team_page(client, team, query=YEAR):
    return client.get(f"/reports/team/{team.pk}/{query}", **EN)


def test_a_team_leader_is_sent_from_home_to_the_team_dashboard(client, login, leader):
    login(leader)

    response = client.get("/", follow=True)

    assert response.redirect_chain[-1][0] == f"/reports/team/{leader.team_id}/"
    assert "Modelltroskap for team <bdi>Horten</bdi>" in text(response)


def test_the_leader_sees_one_row_per_specialist_and_the_pooled_team(client, login, leader, horten):
    login(leader)

    page = text(team_page(client, leader.team))

    assert "Kari Nordmann" in row_html(page, "Kari Nordmann")
    assert row_html(page, "Ola Hansen")
    assert row_html(page, "Team Horten (pooled)")
    assert "Per Berg" not in page


def test_the_figures_on_the_page_equal_the_fidelity_report(client, login, leader, horten):
    login(leader)
    report = report_for()

    page = text(team_page(client, leader.team))

    rows = [(r["id"], r) for r in report["specialists"]]
    names = {"kari": "Kari Nordmann", "ola": "Ola Hansen"}
    for _id, figures in rows:
        if figures["username"] not in names:
            continue
        label = names[figures["username"]]
        assert_row_shows(page, label, figures)
    (team,) = [t for t in report["teams"] if t["name"] == "Horten"]
    assert_row_shows(page, "Team Horten (pooled)", team)


def assert_row_shows(page, label, figures):
    assert cell(page, label, "caseload")["text"] == str(figures["caseload"])
    share = figures["field_share"]
    expected = "no data" if share is None else f"{share * 100:.1f} %"
    assert cell(page, label, "field_share")["text"] == expected
    rate = figures["in_work_within_year"]["rate"]
    expected = "no data" if rate is None else f"{rate * 100:.1f} %"
    assert cell(page, label, "in_work")["text"] == expected
    in_work = figures["in_work_within_year"]
    counts = f"{in_work['numerator']}/{in_work['denominator']}, {in_work['pending']} pending"
    assert counts in row_html(page, label)
    assert cell(page, label, "new_in_work")["text"] == str(figures["new_in_work"])
    days = figures["days_to_first_employer_contact"]
    expected = "no data" if days is None else f"{days:.1f}"
    assert cell(page, label, "days_to_contact")["text"] == expected


def test_the_stored_figures_are_shown_with_their_computation_time(client, login, leader, horten):
    from django.utils import timezone

    services.figures_recompute(start=START, end=END, as_of=timezone.localdate())
    login(leader)

    page = text(team_page(client, leader.team))

    assert "Computed live" not in page
    assert "Computed " in page
    assert cell(page, "Kari Nordmann", "field_share")["text"] == "53.8 %"


def test_a_period_without_stored_figures_is_computed_live_and_says_so(
    client, login, leader, horten
):
    login(leader)

    page = text(team_page(client, leader.team))

    assert "Computed live" in page
    assert "no stored figures for this period yet" in page


def test_each_figure_has_a_status_with_an_icon_not_colour_alone(client, login, leader, horten):
    login(leader)

    page = text(team_page(client, leader.team))

    kari = row_html(page, "Kari Nordmann")
    assert cell(page, "Kari Nordmann", "field_share")["status"] == "not_met"
    assert cell(page, "Kari Nordmann", "days_to_contact")["status"] == "met"
    assert "✗" in kari and "✓" in kari
    assert "(target not met)" in kari and "(target met)" in kari
    assert "Legend" in page


def test_missing_data_shows_no_data_never_zero_or_red(client, login, leader, horten):
    login(leader)

    page = text(team_page(client, leader.team))

    for metric in ("field_share", "in_work", "employer_contacts"):
        assert cell(page, "Ola Hansen", metric) == {"status": "no_data", "text": "no data"}


def test_each_figure_has_a_definition_to_show_on_hover_or_tap(client, login, leader, horten):
    login(leader)

    page = text(team_page(client, leader.team))

    assert page.count('data-bs-toggle="popover"') == 6
    assert "divided by all minutes logged in the period" in page
    assert "js/dashboard.js" in page


def test_the_period_selector_picks_a_month(client, login, leader, horten):
    login(leader)

    page = text(team_page(client, leader.team, "?period=month&on=2025-03-15"))

    assert "Period March 1, 2025 – March 31, 2025" in page
    # March holds all of Kari's logged minutes except the employer meeting.
    assert cell(page, "Kari Nordmann", "field_share")["text"] == "40.0 %"


def test_the_period_selector_picks_a_quarter(client, login, leader, horten):
    login(leader)

    page = text(team_page(client, leader.team, "?period=quarter&on=2025-05-15"))

    assert "Period April 1, 2025 – June 30, 2025" in page


def test_a_custom_period_with_the_end_before_the_start_is_refused_with_a_message(
    client, login, leader, horten
):
    login(leader)

    response = team_page(client, leader.team, "?period=custom&start=2025-06-01&end=2025-01-01")

    assert response.status_code == 400
    assert "The last day is before the first day." in text(response)


def test_a_date_that_is_not_a_date_is_refused_with_a_message(client, login, leader):
    login(leader)

    response = team_page(client, leader.team, "?period=month&on=yesterday")

    assert response.status_code == 400
    assert "Enter a valid date." in text(response)


def test_the_page_has_a_trend_chart_per_metric_with_a_table_fallback(client, login, leader, horten):
    login(leader)

    page = text(team_page(client, leader.team))

    assert page.count("<canvas data-chart=") == 6
    assert 'id="trend-data" type="application/json"' in page
    assert page.count('<div class="visually-hidden chart-table"><table>') == 6
    assert "vendor/chartjs/chart.umd.min.js" in page
    assert "target 65 %" in page


def test_another_teams_leader_gets_404(client, login, other_leader, leader, horten):
    login(other_leader)

    assert team_page(client, leader.team).status_code == 404


@pytest.mark.parametrize("persona", ["specialist", "intake", "analyst"])
def test_other_roles_may_not_use_the_team_dashboard(request, client, login, leader, persona):
    login(request.getfixturevalue(persona))

    assert team_page(client, leader.team).status_code == 403


def test_a_leader_of_two_teams_can_switch_between_them(client, login, leader, office):
    second_team = factories.TeamFactory(office=office, name="Tønsberg")
    second_team.leaders.add(leader)
    login(leader)

    page = text(team_page(client, leader.team))

    assert f"/reports/team/{second_team.pk}/" in page
    assert client.get("/reports/", **EN).url == "/reports/offices/"


def test_a_leader_named_leader_of_another_offices_team_cannot_open_it(
    client, login, leader, other_team
):
    other_team.leaders.add(leader)
    login(leader)

    assert f"/reports/team/{other_team.pk}/" not in text(team_page(client, leader.team))
    assert team_page(client, other_team).status_code == 404


def _count_queries(client, team) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = team_page(client, team)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("stored", [True, False], ids=["stored", "live"])
def test_the_query_count_does_not_grow_with_specialists_and_candidates(
    client, login, leader, stored
):
    from django.utils import timezone

    login(leader)
    many_specialists(leader.team, 3)
    if stored:
        services.figures_recompute(start=START, end=END, as_of=timezone.localdate())
    few = _count_queries(client, leader.team)

    many_specialists(leader.team, 27, first=3)
    if stored:
        services.figures_recompute(start=START, end=END, as_of=timezone.localdate())
    many = _count_queries(client, leader.team)

    assert many == few
