"""Edits on the candidate file: details, vocational profile, stage, protected flag."""

import pytest

from candidates.models import Candidate, StageChange, VocationalProfile
from tests.casework import held_candidate, held_enrollment

pytestmark = pytest.mark.django_db


def _details(candidate, **changes):
    data = {
        "first_name": candidate.first_name,
        "last_name": candidate.last_name,
        "birth_date": candidate.birth_date.isoformat(),
        "fnr": "",
        "phone": candidate.phone,
        "email": "",
        "address": candidate.address,
        "postal_code": candidate.postal_code,
        "city": candidate.city,
        "version": candidate.version,
    }
    return data | changes


def test_the_holder_changes_the_contact_details(client, login, specialist):
    candidate = held_candidate(specialist)
    login(specialist)
    response = client.post(
        f"/candidates/{candidate.pk}/edit/", _details(candidate, phone="90000001")
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.phone == "90000001"


def test_a_stale_edit_of_the_file_is_refused_and_the_first_edit_kept(client, login, specialist):
    candidate = held_candidate(specialist, phone="11111111")
    login(specialist)
    opened = _details(candidate)  # both forms opened at version 1
    client.post(f"/candidates/{candidate.pk}/edit/", opened | {"phone": "22222222"})
    response = client.post(
        f"/candidates/{candidate.pk}/edit/",
        opened | {"phone": "33333333"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert response.context["form"].initial["phone"] == "22222222"
    candidate.refresh_from_db()
    assert candidate.phone == "22222222"


def test_an_invalid_fodselsnummer_is_refused_next_to_the_field(client, login, specialist):
    candidate = held_candidate(specialist)
    login(specialist)
    response = client.post(
        f"/candidates/{candidate.pk}/edit/", _details(candidate, fnr="12345678910")
    )
    assert response.status_code == 200
    assert "fnr" in response.context["form"].errors
    candidate.refresh_from_db()
    assert candidate.fnr is None


def test_the_leader_may_not_edit_details(client, login, leader, specialist):
    candidate = held_candidate(specialist)
    login(leader)
    assert client.get(f"/candidates/{candidate.pk}/edit/").status_code == 403


def test_another_specialist_gets_404_on_edit(client, login, specialist, other_specialist):
    candidate = held_candidate(other_specialist)
    login(specialist)
    assert client.post(f"/candidates/{candidate.pk}/edit/", _details(candidate)).status_code == 404


def test_the_profile_is_created_and_edited(client, login, specialist):
    candidate = held_candidate(specialist)
    login(specialist)
    data = {
        "job_preferences": "Kafé",
        "preferred_hours": "Deltid",
        "preferred_places": "Horten",
        "work_history": "",
        "education": "",
        "strengths": "Punktlig",
        "support_needs": "",
        "disclosure": "partial",
        "benefits_counselling_done": "on",
        "treatment_contact": "DPS Vestfold",
        "nav_adviser": "Nina NAV",
        "version": 1,
    }
    assert client.post(f"/candidates/{candidate.pk}/profile/", data).status_code == 302
    profile = VocationalProfile.objects.get(candidate=candidate)
    assert (profile.treatment_contact, profile.benefits_counselling_done) == ("DPS Vestfold", True)
    data["nav_adviser"] = "Nils NAV"
    assert client.post(f"/candidates/{candidate.pk}/profile/", data).status_code == 302
    profile.refresh_from_db()
    assert (profile.nav_adviser, profile.version) == ("Nils NAV", 2)


def test_a_profile_someone_else_created_meanwhile_is_not_overwritten(client, login, specialist):
    candidate = held_candidate(specialist)
    login(specialist)
    opened = client.get(f"/candidates/{candidate.pk}/profile/").context["form"]
    VocationalProfile.objects.create(candidate=candidate, nav_adviser="Nina NAV")
    response = client.post(
        f"/candidates/{candidate.pk}/profile/",
        {"disclosure": "partial", "nav_adviser": "Nils NAV", "version": opened.initial["version"]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Someone else changed this record" in response.content.decode()
    assert response.context["form"].initial["nav_adviser"] == "Nina NAV"
    assert VocationalProfile.objects.get(candidate=candidate).nav_adviser == "Nina NAV"


def test_a_stage_change_is_recorded_and_shows_in_the_timeline(client, login, specialist):
    enrollment = held_enrollment(specialist)
    candidate = enrollment.candidate
    login(specialist)
    response = client.post(
        f"/candidates/{candidate.pk}/plan/",
        {"euse_stage": 3, "next_contact_date": "2030-01-02", "version": enrollment.version},
    )
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.euse_stage == 3
    change = StageChange.objects.get(enrollment=enrollment)
    assert (change.from_stage, change.to_stage, change.changed_by) == (1, 3, specialist)
    items = client.get(f"/candidates/{candidate.pk}/").context["items"]
    assert items[0].kind == "stage_change"


def test_planning_only_the_next_contact_records_no_stage_change(client, login, specialist):
    enrollment = held_enrollment(specialist)
    login(specialist)
    client.post(
        f"/candidates/{enrollment.candidate.pk}/plan/",
        {"euse_stage": 1, "next_contact_date": "2030-01-02", "version": 1},
    )
    assert not StageChange.objects.exists()


def test_an_unknown_stage_is_refused(client, login, specialist):
    enrollment = held_enrollment(specialist)
    login(specialist)
    response = client.post(
        f"/candidates/{enrollment.candidate.pk}/plan/", {"euse_stage": 9, "version": 1}
    )
    assert response.status_code == 200
    assert "euse_stage" in response.context["form"].errors


@pytest.mark.parametrize("persona", ["specialist", "leader", "intake"])
def test_the_holder_a_leader_or_intake_flags_a_protected_address(client, login, personas, persona):
    candidate = held_candidate(personas["specialist"])
    login(personas[persona])
    response = client.post(
        f"/candidates/{candidate.pk}/protection/",
        {"protected_address": "strictly_confidential", "version": candidate.version},
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.protected_address == "strictly_confidential"


def test_the_analyst_may_not_flag_a_protected_address(client, login, analyst, specialist):
    candidate = held_candidate(specialist)
    login(analyst)
    assert client.get(f"/candidates/{candidate.pk}/protection/").status_code == 403


def test_another_teams_specialist_gets_404_on_the_flag(client, login, other_specialist, specialist):
    candidate = held_candidate(specialist)
    login(other_specialist)
    response = client.post(
        f"/candidates/{candidate.pk}/protection/",
        {"protected_address": "confidential", "version": 1},
    )
    assert response.status_code == 404
    assert Candidate.objects.get(pk=candidate.pk).protected_address == ""
