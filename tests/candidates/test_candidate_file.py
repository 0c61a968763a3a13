"""The candidate file: who may open it, what it shows, and the access log."""

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidates.models import EuseStage, StageChange
from tests import factories
from tests.casework import days_ago, held_candidate, held_enrollment

pytestmark = pytest.mark.django_db


def _access_entries(candidate, page):
    return LogEntry.objects.filter(
        object_pk=str(candidate.pk),
        action=LogEntry.Action.ACCESS,
        additional_data__page=page,
    )


def test_the_holder_opens_the_file(client, login, specialist):
    candidate = held_candidate(specialist, first_name="Mona", phone="48000000")
    login(specialist)
    response = client.get(f"/candidates/{candidate.pk}/")
    assert response.status_code == 200
    assert "48000000" in response.content.decode()


def test_another_specialists_candidate_answers_404(client, login, specialist, other_specialist):
    candidate = held_candidate(other_specialist)
    login(specialist)
    assert client.get(f"/candidates/{candidate.pk}/").status_code == 404


def test_a_teammates_candidate_answers_404_to_a_specialist(client, login, specialist, teammate):
    candidate = held_candidate(teammate)
    login(specialist)
    assert client.get(f"/candidates/{candidate.pk}/").status_code == 404


def test_the_team_leader_reads_the_file(client, login, leader, specialist):
    candidate = held_candidate(specialist)
    login(leader)
    assert client.get(f"/candidates/{candidate.pk}/").status_code == 200


def test_another_teams_leader_gets_404(client, login, other_leader, specialist):
    candidate = held_candidate(specialist)
    login(other_leader)
    assert client.get(f"/candidates/{candidate.pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["intake", "analyst"])
def test_other_roles_are_refused(client, login, personas, persona, specialist):
    candidate = held_candidate(specialist)
    login(personas[persona])
    assert client.get(f"/candidates/{candidate.pk}/").status_code == 403


def test_opening_the_file_writes_an_access_entry(client, login, specialist):
    candidate = held_candidate(specialist)
    login(specialist)
    client.get(f"/candidates/{candidate.pk}/")
    entry = _access_entries(candidate, "candidate_file").get()
    assert entry.actor == specialist


def test_a_refused_request_writes_no_access_entry(client, login, specialist, other_specialist):
    candidate = held_candidate(other_specialist)
    login(specialist)
    client.get(f"/candidates/{candidate.pk}/")
    client.get(f"/candidates/{candidate.pk}/timeline/")
    assert not LogEntry.objects.filter(
        object_pk=str(candidate.pk), action=LogEntry.Action.ACCESS
    ).exists()


def test_the_timeline_fragment_writes_an_access_entry(client, login, specialist):
    candidate = held_candidate(specialist)
    login(specialist)
    response = client.get(f"/candidates/{candidate.pk}/timeline/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert _access_entries(candidate, "timeline").count() == 1


def test_the_timeline_holds_activities_jobs_and_stage_changes_newest_first(
    client, login, specialist
):
    enrollment = held_enrollment(specialist)
    candidate = enrollment.candidate
    factories.ActivityFactory(
        author=specialist, candidate=candidate, date=days_ago(10), note="Første møte"
    )
    factories.PlacementFactory(enrollment=enrollment, title="Kokk", start_date=days_ago(5))
    StageChange.objects.create(
        enrollment=enrollment, from_stage=1, to_stage=2, changed_by=specialist
    )
    login(specialist)
    items = client.get(f"/candidates/{candidate.pk}/").context["items"]
    assert [item.kind for item in items] == ["stage_change", "job_start", "activity"]


def test_the_leader_sees_who_has_opened_the_file(client, login, leader, specialist):
    candidate = held_candidate(specialist)
    login(specialist)
    client.get(f"/candidates/{candidate.pk}/")
    client.logout()
    login(leader)
    response = client.get(f"/candidates/{candidate.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert "Who has opened this file" in body
    assert "Kari Nordmann" in body
    assert f"/audit/candidates/{candidate.pk}/access/" in body
    assert f"/privacy/candidates/{candidate.pk}/record/" in body
    assert f"/privacy/candidates/{candidate.pk}/record.json" in body


def test_the_specialist_does_not_see_the_access_log(client, login, specialist):
    candidate = held_candidate(specialist)
    login(specialist)
    response = client.get(f"/candidates/{candidate.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Who has opened this file" not in response.content.decode()


def test_a_protected_persons_address_is_shown_to_the_holder(client, login, specialist):
    candidate = held_candidate(
        specialist, protected_address="confidential", address="Hemmeligveien 7"
    )
    login(specialist)
    assert "Hemmeligveien 7" in client.get(f"/candidates/{candidate.pk}/").content.decode()


def test_a_protected_persons_address_is_hidden_from_the_leader(client, login, leader, specialist):
    candidate = held_candidate(
        specialist, protected_address="confidential", address="Hemmeligveien 7", phone="48999999"
    )
    login(leader)
    body = client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert "Hemmeligveien" not in body
    assert "48999999" not in body


def test_the_leader_reads_but_gets_no_edit_buttons(client, login, leader, specialist):
    candidate = held_candidate(specialist)
    login(leader)
    body = client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert f"/candidates/{candidate.pk}/edit/" not in body
    assert f"/candidates/{candidate.pk}/placements/new/" not in body


def test_the_query_count_does_not_grow_with_the_timeline(client, login, specialist):
    enrollment = held_enrollment(specialist)
    candidate = enrollment.candidate
    employer = factories.EmployerFactory(office=specialist.office)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/candidates/{candidate.pk}/").status_code == 200
        return len(captured)

    factories.ActivityFactory(author=specialist, candidate=candidate, date=days_ago(1))
    login(specialist)
    few = queries()
    for day in range(2, 14):
        factories.ActivityFactory(
            author=specialist, candidate=candidate, employer=employer, date=days_ago(day)
        )
        factories.PlacementFactory(
            enrollment=enrollment, employer=employer, title=f"Jobb {day}", start_date=days_ago(day)
        )
        StageChange.objects.create(
            enrollment=enrollment, from_stage=1, to_stage=EuseStage.SUPPORT, changed_by=specialist
        )
    assert queries() == few
