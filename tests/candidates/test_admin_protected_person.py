"""The Django admin never shows a protected person's address or contact
details, superusers included: only the specialist who holds them sees them."""

import pytest

from candidates.models import Candidate, ProtectedAddress
from tests import factories
from tests.casework import held_candidate

SECRET = {"phone": "48123456", "email": "skjult@example.no", "address": "Hemmeligveien 7"}


@pytest.fixture
def admin_client(db, client, login):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    login(factories.UserFactory(username="root", is_superuser=True, is_staff=True, team=None))
    return client


@pytest.fixture
def protected(specialist):
    return held_candidate(
        specialist, protected_address=ProtectedAddress.STRICTLY_CONFIDENTIAL, **SECRET
    )


def test_the_admin_page_of_a_protected_person_hides_the_contact_details(admin_client, protected):
    page = admin_client.get(f"/admin/candidates/candidate/{protected.pk}/change/")

    html = page.content.decode()
    assert page.status_code == 200
    assert not [value for value in SECRET.values() if value in html]
    assert 'name="address"' not in html
    assert "Hidden: a protected address is shown only to the specialist who holds them." in html


def test_saving_a_protected_person_in_the_admin_keeps_the_hidden_details(admin_client, protected):
    form = {
        "first_name": protected.first_name,
        "last_name": "Nyttnavn",
        "birth_date": protected.birth_date.isoformat(),
        "fnr": "",
        "protected_address": protected.protected_address,
        "version": protected.version,
        "profile-TOTAL_FORMS": "0",
        "profile-INITIAL_FORMS": "0",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
    }

    response = admin_client.post(f"/admin/candidates/candidate/{protected.pk}/change/", form)

    assert response.status_code == 302
    saved = Candidate.objects.get(pk=protected.pk)
    assert saved.last_name == "Nyttnavn"
    assert (saved.phone, saved.email, saved.address) == tuple(SECRET.values())


def test_the_admin_shows_the_contact_details_of_anyone_else(admin_client, specialist):
    candidate = held_candidate(specialist, **SECRET)

    html = admin_client.get(f"/admin/candidates/candidate/{candidate.pk}/change/").content.decode()

    assert SECRET["address"] in html


def test_the_admin_cannot_move_a_candidate_to_another_office(admin_client, protected, other_office):
    office = protected.office
    form = {
        "first_name": protected.first_name,
        "last_name": protected.last_name,
        "birth_date": protected.birth_date.isoformat(),
        "fnr": "",
        "office": other_office.pk,
        "protected_address": protected.protected_address,
        "version": protected.version,
        "profile-TOTAL_FORMS": "0",
        "profile-INITIAL_FORMS": "0",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
    }

    admin_client.post(f"/admin/candidates/candidate/{protected.pk}/change/", form)

    assert Candidate.objects.get(pk=protected.pk).office == office
