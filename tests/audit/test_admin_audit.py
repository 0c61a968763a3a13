"""The Django admin's pages of person data are audited like every other page,
its fødselsnummer search included, and its audit trail view hides what a
protected person's contact details were."""

import pytest
from auditlog.models import LogEntry

from audit.queries import access_entries_for
from candidates.models import ProtectedAddress
from tests import factories
from tests.casework import held_candidate

FNR = "15108695088"


@pytest.fixture
def admin_client(db, client, login):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    login(factories.UserFactory(username="root", is_superuser=True, is_staff=True, team=None))
    return client


def access_entries():
    return LogEntry.objects.filter(action=LogEntry.Action.ACCESS)


def test_the_admin_candidate_list_writes_one_entry_naming_the_candidates_on_it(
    admin_client, specialist
):
    candidates = [held_candidate(specialist) for _n in range(3)]

    assert admin_client.get("/admin/candidates/candidate/").status_code == 200

    entry = access_entries().get()
    assert entry.additional_data["page"] == "admin_candidate_list"
    assert set(entry.additional_data["candidates"]) == {c.pk for c in candidates}


def test_the_admin_candidate_page_writes_an_entry_on_the_candidate(admin_client, specialist):
    candidate = held_candidate(specialist)

    admin_client.get(f"/admin/candidates/candidate/{candidate.pk}/change/")

    entry = access_entries().get()
    assert entry.additional_data["page"] == "admin_candidate_change"
    assert list(access_entries_for(candidate)) == [entry]


def test_a_fodselsnummer_search_in_the_admin_writes_an_entry_naming_the_person_found(
    admin_client, specialist
):
    found = held_candidate(specialist, fnr=FNR)
    held_candidate(specialist)

    response = admin_client.get("/admin/candidates/candidate/", {"q": FNR})

    assert found.last_name in response.content.decode()
    entry = access_entries().get()
    assert entry.object_pk == str(found.pk)
    assert FNR not in str(entry.additional_data)


@pytest.mark.parametrize("model", ["enrollment", "assignment"])
def test_the_admin_lists_of_enrollments_name_their_candidates(admin_client, specialist, model):
    candidates = [held_candidate(specialist) for _n in range(2)]

    admin_client.get(f"/admin/candidates/{model}/")

    assert set(access_entries().get().additional_data["candidates"]) == {c.pk for c in candidates}


def test_the_admin_pickers_answers_are_audited(admin_client, specialist):
    candidate = held_candidate(specialist, first_name="Sigrun")

    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "candidates", "model_name": "enrollment", "field_name": "candidate"}
        | {"term": "Sigrun"},
    )

    assert "Sigrun" in response.content.decode()
    assert list(access_entries_for(candidate)) == [access_entries().get()]


def test_the_audit_trail_in_the_admin_hides_a_protected_persons_old_address(
    admin_client, specialist
):
    candidate = held_candidate(specialist, address="Gamleveien 1")
    candidate.address = "Hemmeligveien 7"
    candidate.protected_address = ProtectedAddress.CONFIDENTIAL
    candidate.save()
    change = LogEntry.objects.get_for_object(candidate).get(action=LogEntry.Action.UPDATE)

    html = admin_client.get(f"/admin/auditlog/logentry/{change.pk}/change/").content.decode()

    assert "Gamleveien 1" not in html
    assert "Hemmeligveien 7" not in html
    assert "hidden (protected address)" in html


def test_the_audit_trail_cannot_be_searched_for_a_fodselsnummer(admin_client, specialist):
    held_candidate(specialist, fnr=FNR)

    response = admin_client.get("/admin/auditlog/logentry/", {"q": FNR})

    assert response.context["cl"].result_count == 0
