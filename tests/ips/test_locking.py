"""A save from a stale form is refused and the first edit is kept."""

import pytest
from django import forms
from django.urls import reverse

from candidates.models import Candidate
from employers.models import ContactPerson, Employer
from employers.services import employer_update, employer_upsert
from ips.locking import StaleEdit, VersionedFormMixin, save_edit, save_versioned
from tests.factories import CandidateFactory, ContactPersonFactory, EmployerFactory, UserFactory


class CandidatePhoneForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Candidate
        fields = ["phone"]


def _edit(candidate, phone, version):
    form = CandidatePhoneForm({"phone": phone, "version": version}, instance=candidate)
    assert form.is_valid(), form.errors
    try:
        save_versioned(form.save(commit=False), expected_version=form.cleaned_data["version"])
    except StaleEdit as error:
        form.refuse_stale(error)
    return form


def test_the_form_carries_the_version_it_was_opened_with(db):
    candidate = CandidateFactory()
    assert CandidatePhoneForm(instance=candidate).initial["version"] == 1


def test_a_stale_edit_is_refused_and_the_first_edit_kept(db):
    candidate = CandidateFactory(phone="11111111")
    opened_by_first = Candidate.objects.get(pk=candidate.pk)
    opened_by_second = Candidate.objects.get(pk=candidate.pk)
    first = _edit(opened_by_first, "22222222", version=1)
    assert not first.errors
    second = _edit(opened_by_second, "33333333", version=1)
    assert second.non_field_errors()
    assert second.current.phone == "22222222"
    candidate.refresh_from_db()
    assert candidate.phone == "22222222"
    assert candidate.version == 2


def test_edits_in_turn_both_land(db):
    candidate = CandidateFactory(phone="11111111")
    _edit(Candidate.objects.get(pk=candidate.pk), "22222222", version=1)
    _edit(Candidate.objects.get(pk=candidate.pk), "33333333", version=2)
    candidate.refresh_from_db()
    assert (candidate.phone, candidate.version) == ("33333333", 3)


def test_a_missing_version_is_a_form_error(db):
    form = CandidatePhoneForm({"phone": "1"}, instance=CandidateFactory())
    assert not form.is_valid()
    assert "version" in form.errors


@pytest.mark.django_db
def test_save_versioned_raises_with_the_current_record():
    candidate = CandidateFactory(phone="1")
    Candidate.objects.filter(pk=candidate.pk).update(version=5, phone="2")
    with pytest.raises(StaleEdit) as error:
        save_versioned(candidate, expected_version=1)
    assert error.value.current.phone == "2"


def test_a_save_from_an_old_copy_still_gives_a_new_version(db):
    """Whoever saves (the import, the admin), an open form then is stale."""
    employer = EmployerFactory()
    old_copy = Employer.objects.get(pk=employer.pk)
    save_versioned(Employer.objects.get(pk=employer.pk), expected_version=1)
    old_copy.name = "Fra importen AS"
    old_copy.save()
    employer.refresh_from_db()
    assert employer.version == 3


def test_logging_in_does_not_make_an_open_account_form_stale(client, login, specialist):
    login(specialist)
    specialist.refresh_from_db()
    assert specialist.last_login is not None
    assert specialist.version == 1


def test_the_import_changing_an_employer_makes_an_open_form_stale(db):
    employer = EmployerFactory(orgnr="988077917", name="Gammelt Navn AS")
    employer_upsert(orgnr="988077917", name="Nytt Navn AS")
    with pytest.raises(StaleEdit):
        employer_update(
            employer=Employer.objects.get(pk=employer.pk),
            orgnr="988077917",
            name="Fra skjemaet AS",
            expected_version=1,
        )
    employer.refresh_from_db()
    assert employer.name == "Nytt Navn AS"


def test_save_edit_shows_the_current_values_after_a_stale_edit(db):
    candidate = CandidateFactory(phone="1")
    Candidate.objects.filter(pk=candidate.pk).update(version=2, phone="2")
    form = CandidatePhoneForm({"phone": "3", "version": 1}, instance=candidate)
    assert form.is_valid()
    shown = save_edit(form, lambda: save_versioned(form.save(commit=False), expected_version=1))
    assert shown.stale_errors
    assert (shown.initial["phone"], shown.initial["version"]) == ("2", 2)
    assert Candidate.objects.get(pk=candidate.pk).phone == "2"


# --- The admin: a superuser's change is checked the same way ---------------


@pytest.fixture
def admin_client(db, client, login):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    login(UserFactory(username="root", is_superuser=True, is_staff=True, team=None))
    return client


def _contact_data(contact, **changes):
    data = {"employer": contact.employer_id, "name": contact.name, "title": contact.title}
    data |= {"phone": contact.phone, "email": contact.email, "version": 1}
    return data | changes


def test_the_admin_refuses_a_stale_change_and_keeps_the_first(admin_client):
    contact = ContactPersonFactory(phone="11111111")
    url = reverse("admin:employers_contactperson_change", args=[contact.pk])
    assert 'name="version"' in admin_client.get(url).content.decode()
    assert admin_client.post(url, _contact_data(contact, phone="22222222")).status_code == 302
    response = admin_client.post(url, _contact_data(contact, title="Sjef"))
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    contact.refresh_from_db()
    assert (contact.phone, contact.title, contact.version) == ("22222222", "", 2)


def test_a_stale_inline_row_is_refused_by_the_admin_not_written_back(admin_client):
    contact = ContactPersonFactory(phone="11111111")
    employer = contact.employer
    ContactPerson.objects.filter(pk=contact.pk).update(phone="22222222", version=2)
    data = {"orgnr": employer.orgnr, "name": "Nytt Navn AS", "industry": "", "office": ""}
    data |= {"version": employer.version}
    data |= {
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "1",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
        "contacts-0-id": contact.pk,
        "contacts-0-employer": employer.pk,
        "contacts-0-name": contact.name,
        "contacts-0-title": "",
        "contacts-0-phone": "11111111",  # as the page showed it, before the change
        "contacts-0-email": "",
        "contacts-0-version": 1,
    }
    response = admin_client.post(
        reverse("admin:employers_employer_change", args=[employer.pk]), data
    )
    assert response.status_code == 200  # the row differs from the record: refused
    assert "Someone else changed this record" in response.content.decode()
    contact.refresh_from_db()
    assert contact.phone == "22222222"
