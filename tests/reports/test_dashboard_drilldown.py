"""From a figure to the candidates or weeks behind it, within the reader's scope."""

import pytest
from auditlog.models import LogEntry

from audit.queries import access_entries_for
from candidates.models import Candidate
from tests.reports.dashboard_helpers import YEAR, a_year_of_work, drill_url, text
from tests.reports.helpers import reassign

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def horten(specialist, teammate, other_specialist):
    return a_year_of_work(specialist, other_specialist)


def drill(client, team, metric, query=YEAR, specialist=None):
    extra = f"&specialist={specialist.pk}" if specialist else ""
    return client.get(f"/reports/team/{team.pk}/behind/{metric}/{query}{extra}", **EN)


def access_entries(user):
    return LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=user)


def test_every_figure_of_a_specialist_links_to_what_is_behind_it(client, login, leader, horten):
    login(leader)
    page = text(client.get(f"/reports/team/{leader.team.pk}/{YEAR}", **EN))

    url = drill_url(page, "Kari Nordmann", "caseload")

    assert url.startswith(f"/reports/team/{leader.team.pk}/behind/caseload/?")
    response = client.get(url, **EN)
    assert "Eva Jobb" in text(response)


def test_the_caseload_lists_the_candidates_held_on_the_last_day(
    client, login, leader, specialist, horten
):
    login(leader)

    page = text(drill(client, leader.team, "caseload", specialist=specialist))

    assert "Eva Jobb" in page and "Ingrid Utenjobb" in page
    assert "3 enrollments listed." in page
    assert "Otto Annetteam" not in page


def test_the_cohort_without_a_job_leaves_out_those_in_work(
    client, login, leader, specialist, horten
):
    login(leader)

    page = text(
        drill(client, leader.team, "cohort", YEAR + "&show=without_job", specialist=specialist)
    )

    assert "Ingrid Utenjobb" in page
    assert "no job within a year" in page
    assert "Eva Jobb" not in page


def test_the_job_starts_counted_are_listed_with_their_date(client, login, leader, horten):
    login(leader)

    page = text(drill(client, leader.team, "job_starts"))

    assert "Eva Jobb" in page
    assert "April 7, 2025" in page
    assert "Ingrid Utenjobb" not in page


def test_the_days_to_first_employer_contact_are_listed_per_intake(client, login, leader, horten):
    login(leader)

    page = text(drill(client, leader.team, "first_contact"))

    assert "Feb. 20, 2025" in page
    assert "none yet" in page


def test_the_weeks_with_low_field_share_are_marked(client, login, leader, specialist, horten):
    login(leader)

    page = text(drill(client, leader.team, "weeks", YEAR + "&show=low", specialist=specialist))

    assert "March 10, 2025" in page
    assert "40 %" in page
    assert "Feb. 17, 2025" not in page


def test_the_list_writes_one_access_entry_naming_each_candidate(
    client, login, leader, specialist, horten
):
    login(leader)

    drill(client, leader.team, "caseload", specialist=specialist)

    entry = access_entries(leader).get()
    assert entry.additional_data["page"] == "dashboard_drilldown"
    assert len(entry.additional_data["candidates"]) == 3
    for name in ("Eva Jobb", "Ingrid Utenjobb"):
        first, last = name.split()
        candidate = Candidate.objects.get(first_name=first, last_name=last)
        assert entry in access_entries_for(candidate)


def test_the_weeks_show_no_person_data_and_write_no_access_entry(client, login, leader, horten):
    login(leader)

    drill(client, leader.team, "weeks")

    assert access_entries(leader).count() == 0


def test_a_candidate_now_held_outside_the_team_is_counted_but_not_listed(
    client, login, leader, other_specialist, horten
):
    reassign(horten["jobless"], other_specialist, "2026-01-05")
    login(leader)

    page = text(drill(client, leader.team, "caseload"))

    assert "Ingrid Utenjobb" not in page
    assert "1 more counted here is no longer held in your scope" in page
    assert len(access_entries(leader).get().additional_data["candidates"]) == 2


def test_a_specialist_of_another_team_gives_404(client, login, leader, other_specialist, horten):
    login(leader)

    assert drill(client, leader.team, "caseload", specialist=other_specialist).status_code == 404


def test_another_leader_gets_404(client, login, leader, other_leader, horten):
    login(other_leader)

    assert drill(client, leader.team, "caseload").status_code == 404


def test_an_unknown_figure_gives_404(client, login, leader):
    login(leader)

    assert drill(client, leader.team, "salaries").status_code == 404


def test_a_refused_request_writes_no_access_entry(client, login, leader, other_leader, horten):
    login(other_leader)

    drill(client, leader.team, "caseload")

    assert access_entries(other_leader).count() == 0


def test_a_specialist_drills_down_into_their_own_figures_only(client, login, specialist, horten):
    login(specialist)

    page = text(client.get(f"/reports/mine/behind/caseload/{YEAR}", **EN))

    assert "Eva Jobb" in page
    assert "Otto Annetteam" not in page
    assert len(access_entries(specialist).get().additional_data["candidates"]) == 3


def test_the_drilldown_query_count_does_not_grow_with_the_list(
    client, login, leader, specialist, django_assert_max_num_queries
):
    from tests.reports.helpers import enroll

    for _n in range(20):
        enroll(specialist, "2025-02-03")
    login(leader)

    with django_assert_max_num_queries(20):
        response = drill(client, leader.team, "caseload")

    assert "20 enrollments listed." in text(response)
