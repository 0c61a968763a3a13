"""From a candidate listed behind a figure to their file, where the reader may open it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates.models import Candidate
from reports import drilldown
from tests.reports.dashboard_helpers import YEAR, a_year_of_work, text
from tests.reports.helpers import enroll

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def horten(specialist, other_specialist):
    return a_year_of_work(specialist, other_specialist)


def drill(client, team, metric="caseload"):
    return client.get(f"/reports/team/{team.pk}/behind/{metric}/{YEAR}", **EN)


def file_link(enrollment) -> str:
    return f'href="{reverse("candidate_file", args=[enrollment.candidate_id])}"'


def test_a_leader_follows_a_listed_name_to_the_candidate_file(client, login, leader, horten):
    login(leader)

    page = text(drill(client, leader.team))

    assert f"{file_link(horten['employed'])}><bdi>Eva Jobb</bdi></a>" in page
    assert (
        client.get(reverse("candidate_file", args=[horten["employed"].candidate_id])).status_code
        == 200
    )


def test_a_specialist_follows_a_name_behind_their_own_figure_to_the_file(
    client, login, specialist, horten
):
    login(specialist)

    page = text(client.get(f"/reports/mine/behind/job_starts/{YEAR}", **EN))

    assert f"{file_link(horten['employed'])}><bdi>Eva Jobb</bdi></a>" in page


def test_a_name_whose_file_the_reader_may_not_open_is_listed_without_a_link(
    client, login, leader, horten, monkeypatch
):
    """Every role that reaches a drill-down may today open each file listed
    there; the link follows the file's own scoping rule (candidates_visible_to), so a narrower
    rule (stood in for here) drops the link but keeps the row."""
    narrower = Candidate.objects.exclude(pk=horten["jobless"].candidate_id)
    monkeypatch.setattr(drilldown, "candidates_visible_to", lambda user: narrower)
    login(leader)

    page = text(drill(client, leader.team))

    assert "Ingrid Utenjobb" in page
    assert file_link(horten["jobless"]) not in page
    assert file_link(horten["employed"]) in page


def test_the_linked_list_runs_as_many_queries_for_many_candidates_as_for_few(
    client, login, leader, specialist
):
    listed = [enroll(specialist, "2025-02-03")]
    login(leader)
    with CaptureQueriesContext(connection) as few:
        drill(client, leader.team)
    listed += [enroll(specialist, "2025-02-03") for _n in range(20)]

    with CaptureQueriesContext(connection) as many:
        page = text(drill(client, leader.team))

    assert all(file_link(enrollment) in page for enrollment in listed)
    assert len(many) == len(few)
