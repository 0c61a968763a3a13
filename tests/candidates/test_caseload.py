"""My caseload: the specialist's start page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidates.models import EuseStage
from tests import factories
from tests.casework import days_ago, held_candidate, held_enrollment

pytestmark = pytest.mark.django_db


def _rows(response):
    return [e.candidate for e in response.context["entries"]]


def test_a_specialist_lands_on_the_caseload(client, login, specialist):
    login(specialist)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/caseload/"


def test_it_lists_every_active_enrollment_the_specialist_holds(client, login, specialist):
    mine = held_candidate(specialist, first_name="Mona")
    login(specialist)
    response = client.get("/caseload/")
    assert response.status_code == 200
    assert _rows(response) == [mine]
    assert "Mona" in response.content.decode()


def test_it_leaves_out_discharged_enrollments(client, login, specialist):
    enrollment = held_enrollment(specialist)
    enrollment.discharge_date = days_ago(1)
    enrollment.discharge_reason = "moved"
    enrollment.save()
    login(specialist)
    assert _rows(client.get("/caseload/")) == []


def test_it_leaves_out_another_specialists_candidates(client, login, specialist, teammate):
    held_candidate(teammate)
    login(specialist)
    assert _rows(client.get("/caseload/")) == []


def test_a_leader_sees_the_team_caseload_with_the_holder(client, login, leader, specialist):
    mine = held_candidate(specialist)
    login(leader)
    response = client.get("/caseload/")
    assert _rows(response) == [mine]
    assert response.context["entries"][0].holder == specialist


def test_another_teams_leader_does_not_see_it(client, login, other_leader, specialist):
    held_candidate(specialist)
    login(other_leader)
    assert _rows(client.get("/caseload/")) == []


@pytest.mark.parametrize("persona", ["intake", "analyst"])
def test_other_roles_are_refused(client, login, personas, persona):
    login(personas[persona])
    assert client.get("/caseload/").status_code == 403


def test_it_shows_days_since_the_last_contact(client, login, specialist):
    candidate = held_candidate(specialist)
    factories.ActivityFactory(author=specialist, candidate=candidate, date=days_ago(3))
    factories.ActivityFactory(author=specialist, candidate=candidate, date=days_ago(9))
    login(specialist)
    entry = client.get("/caseload/").context["entries"][0]
    assert entry.days_since_contact == 3
    assert not entry.overdue


def test_it_marks_a_candidate_overdue_after_the_setting(client, login, specialist, settings):
    settings.CONTACT_OVERDUE_DAYS = 14
    candidate = held_candidate(specialist)
    factories.ActivityFactory(author=specialist, candidate=candidate, date=days_ago(15))
    login(specialist)
    response = client.get("/caseload/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["entries"][0].overdue
    assert "overdue" in response.content.decode()


def test_a_candidate_never_contacted_is_overdue(client, login, specialist):
    held_candidate(specialist)
    login(specialist)
    assert client.get("/caseload/").context["entries"][0].overdue


def test_a_competitive_job_makes_the_candidate_in_work_with_the_job_shown(
    client, login, specialist
):
    enrollment = held_enrollment(specialist)
    factories.PlacementFactory(
        enrollment=enrollment, title="Butikkmedarbeider", start_date=days_ago(5)
    )
    login(specialist)
    entry = client.get("/caseload/").context["entries"][0]
    assert entry.status == "in_work"
    assert entry.current_job_title == "Butikkmedarbeider"


def test_a_sheltered_placement_leaves_the_candidate_job_seeking(client, login, specialist):
    enrollment = held_enrollment(specialist)
    factories.PlacementFactory(enrollment=enrollment, competitive=False, start_date=days_ago(5))
    login(specialist)
    assert client.get("/caseload/").context["entries"][0].status == "job_seeking"


def test_follow_along_support_shows_at_stage_five_in_work(client, login, specialist):
    enrollment = held_enrollment(specialist)
    enrollment.euse_stage = EuseStage.SUPPORT
    enrollment.save()
    factories.PlacementFactory(enrollment=enrollment, start_date=days_ago(60))
    login(specialist)
    response = client.get("/caseload/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["entries"][0].status == "follow_along"
    assert "Follow-along" in response.content.decode()


def test_it_shows_the_next_planned_contact(client, login, specialist):
    enrollment = held_enrollment(specialist)
    enrollment.next_contact_date = datetime.date(2031, 5, 17)
    enrollment.save()
    login(specialist)
    response = client.get("/caseload/")
    assert response.context["entries"][0].next_contact_date == datetime.date(2031, 5, 17)


def test_it_searches_by_name(client, login, specialist):
    mona = held_candidate(specialist, first_name="Mona", last_name="Lie")
    held_candidate(specialist, first_name="Petter", last_name="Dahl")
    login(specialist)
    assert _rows(client.get("/caseload/", {"q": "lie"})) == [mona]


def test_it_filters_by_stage(client, login, specialist):
    held_enrollment(specialist)
    third = held_enrollment(specialist)
    third.euse_stage = EuseStage.JOB_FINDING
    third.save()
    login(specialist)
    assert _rows(client.get("/caseload/", {"euse_stage": 3})) == [third.candidate]


def test_it_filters_to_overdue(client, login, specialist):
    overdue = held_candidate(specialist)
    recent = held_candidate(specialist)
    factories.ActivityFactory(author=specialist, candidate=recent, date=days_ago(1))
    login(specialist)
    assert _rows(client.get("/caseload/", {"overdue": "true"})) == [overdue]


@pytest.mark.parametrize(
    "sort", ["name", "-name", "stage", "status", "job", "-last_contact", "next_contact"]
)
def test_it_sorts_by_any_column(client, login, specialist, sort):
    held_candidate(specialist, last_name="Aas")
    held_candidate(specialist, last_name="Berg")
    login(specialist)
    response = client.get("/caseload/", {"sort": sort})
    assert response.status_code == 200
    assert len(response.context["entries"]) == 2


def test_sorting_by_name_descending_reverses_the_list(client, login, specialist):
    held_candidate(specialist, last_name="Aas")
    held_candidate(specialist, last_name="Berg")
    login(specialist)
    names = [c.last_name for c in _rows(client.get("/caseload/", {"sort": "-name"}))]
    assert names == ["Berg", "Aas"]


def test_it_counts_the_caseload_against_the_band_and_fte(client, login, specialist):
    specialist.fte = "0.50"
    specialist.save()
    for _ in range(5):
        held_candidate(specialist)
    login(specialist)
    response = client.get("/caseload/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["total"] == 5
    assert response.context["per_fte"] == 10.0
    assert not response.context["in_band"]
    assert "outside the band" in response.content.decode()


def test_an_unknown_filter_value_is_refused_with_a_message(client, login, specialist):
    login(specialist)

    response = client.get("/caseload/", {"sort": "nonsense"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "Select a valid choice. nonsense is not one of the available choices." in (
        response.content.decode()
    )


def test_the_query_count_does_not_grow_with_the_caseload(client, login, specialist):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/caseload/").status_code == 200
        return len(captured)

    candidate = held_candidate(specialist)
    factories.ActivityFactory(author=specialist, candidate=candidate, date=days_ago(2))
    login(specialist)
    few = queries()
    for _ in range(12):
        enrollment = held_enrollment(specialist)
        factories.ActivityFactory(
            author=specialist, candidate=enrollment.candidate, date=days_ago(2)
        )
        factories.PlacementFactory(enrollment=enrollment, start_date=days_ago(3))
    assert queries() == few


def test_a_protected_persons_address_is_not_on_the_caseload(client, login, leader, specialist):
    held_candidate(specialist, protected_address="confidential", address="Hemmeligveien 7")
    login(specialist)
    assert "Hemmeligveien" not in client.get("/caseload/").content.decode()
