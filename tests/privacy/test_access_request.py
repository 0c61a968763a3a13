"""A team leader produces a candidate's full record for an access request."""

import datetime
import json

import pytest

from audit.queries import access_entries_for
from tests import factories
from tests.conftest import log_in


@pytest.fixture
def candidate(specialist):
    candidate = factories.CandidateFactory(first_name="Siri", last_name="Solberg", phone="45454545")
    factories.VocationalProfileFactory(candidate=candidate, strengths="Punktlig")
    enrollment = factories.EnrollmentFactory(candidate=candidate, office=specialist.office)
    factories.AssignmentFactory(enrollment=enrollment, specialist=specialist)
    factories.PlacementFactory(enrollment=enrollment, title="Butikkmedarbeider")
    factories.ActivityFactory(author=specialist, candidate=candidate, note="Første møte på kafé")
    return candidate


@pytest.fixture
def someone_else(specialist):
    other = factories.CandidateFactory(first_name="Bjørn", last_name="Annen")
    enrollment = factories.EnrollmentFactory(candidate=other, office=specialist.office)
    factories.AssignmentFactory(enrollment=enrollment, specialist=specialist)
    factories.PlacementFactory(enrollment=enrollment, title="Snekker")
    factories.ActivityFactory(author=specialist, candidate=other, note="Annen persons notat")
    return other


def test_the_json_holds_every_record_of_the_candidate_and_nobody_elses(
    client, leader, candidate, someone_else
):
    log_in(client, leader)
    response = client.get(f"/privacy/candidates/{candidate.pk}/record.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    record = json.loads(response.content)
    assert record["identity"]["first_name"] == "Siri"
    assert record["identity"]["phone"] == "45454545"
    assert record["vocational_profile"]["strengths"] == "Punktlig"
    assert [p["title"] for e in record["enrollments"] for p in e["placements"]] == [
        "Butikkmedarbeider"
    ]
    assert [a["note"] for a in record["activities"]] == ["Første møte på kafé"]
    assert record["enrollments"][0]["assignments"][0]["specialist"] == "Kari Nordmann"
    text = response.content.decode()
    assert "Bjørn" not in text and "Snekker" not in text and "Annen persons notat" not in text


def test_the_printable_page_shows_the_record(client, leader, candidate):
    log_in(client, leader)
    response = client.get(f"/privacy/candidates/{candidate.pk}/record/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Siri" in page and "Butikkmedarbeider" in page and "Første møte på kafé" in page


def test_producing_the_record_is_an_audited_read(client, leader, candidate):
    log_in(client, leader)
    client.get(f"/privacy/candidates/{candidate.pk}/record.json")
    assert access_entries_for(candidate).filter(actor=leader).count() == 1


def test_a_protected_persons_contact_details_are_withheld_from_the_leader(
    client, leader, candidate
):
    candidate.protected_address = "strictly_confidential"
    candidate.address = "Hemmeligveien 7"
    candidate.save()
    log_in(client, leader)
    text = client.get(f"/privacy/candidates/{candidate.pk}/record.json").content.decode()
    assert "Hemmeligveien" not in text and "45454545" not in text
    assert json.loads(text)["identity"]["contact_details_withheld"] is True


@pytest.mark.parametrize("persona", ["specialist", "intake", "analyst"])
def test_other_roles_may_not_produce_the_record(client, personas, persona, candidate):
    log_in(client, personas[persona])
    assert client.get(f"/privacy/candidates/{candidate.pk}/record.json").status_code == 403
    assert client.get(f"/privacy/candidates/{candidate.pk}/record/").status_code == 403


def test_another_teams_leader_gets_404(client, other_leader, candidate):
    log_in(client, other_leader)
    assert client.get(f"/privacy/candidates/{candidate.pk}/record.json").status_code == 404
    assert client.get(f"/privacy/candidates/{candidate.pk}/record/").status_code == 404


def test_the_record_takes_a_fixed_number_of_queries(leader, candidate, django_assert_num_queries):
    from privacy.queries import candidate_record

    enrollment = candidate.enrollments.get()
    with django_assert_num_queries(5):
        candidate_record(candidate, viewer=leader)
    for day in range(5):
        factories.ActivityFactory(candidate=candidate, date=datetime.date(2025, 4, day + 1))
        factories.PlacementFactory(
            enrollment=enrollment, start_date=datetime.date(2025, 5, day + 1)
        )
    with django_assert_num_queries(5):
        candidate_record(candidate, viewer=leader)
