"""Employers of the office: list, page, create, edit, contact persons."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from employers.models import ContactPerson, Employer
from tests import factories
from tests.casework import days_ago, held_enrollment

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_offices_employers(client, login, specialist, other_office):
    mine = factories.EmployerFactory(office=specialist.office, name="Horten Bakeri")
    factories.EmployerFactory(office=other_office, name="Hamar Sag")
    login(specialist)
    response = client.get("/employers/")
    assert list(response.context["page"]) == [mine]


def test_the_list_searches_by_name(client, login, specialist):
    bakery = factories.EmployerFactory(office=specialist.office, name="Horten Bakeri")
    factories.EmployerFactory(office=specialist.office, name="Borre Sag")
    login(specialist)
    assert list(client.get("/employers/", {"q": "bakeri"}).context["page"]) == [bakery]


def test_the_list_searches_by_orgnr_written_in_groups(client, login, specialist):
    employer = factories.EmployerFactory(office=specialist.office, orgnr="988077917")
    factories.EmployerFactory(office=specialist.office)
    login(specialist)
    assert list(client.get("/employers/", {"q": "988 077"}).context["page"]) == [employer]


def test_the_list_query_count_is_flat(client, login, specialist):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get("/employers/")
        return len(captured)

    factories.EmployerFactory(office=specialist.office)
    login(specialist)
    few = queries()
    factories.EmployerFactory.create_batch(10, office=specialist.office)
    assert queries() == few


@pytest.mark.parametrize("persona", ["intake", "analyst"])
def test_other_roles_are_refused(client, login, personas, persona):
    login(personas[persona])
    assert client.get("/employers/").status_code == 403


def test_the_employer_page_shows_contacts_log_and_placements(client, login, specialist):
    employer = factories.EmployerFactory(office=specialist.office)
    factories.ContactPersonFactory(employer=employer, name="Siri Sjef")
    enrollment = held_enrollment(specialist, first_name="Mona")
    factories.PlacementFactory(enrollment=enrollment, employer=employer, title="Baker")
    factories.ActivityFactory(
        author=specialist, employer=employer, date=days_ago(2), note="Besøk hos bakeriet"
    )
    login(specialist)
    body = client.get(f"/employers/{employer.pk}/").content.decode()
    for text in ("Siri Sjef", "Baker", "Mona", "Besøk hos bakeriet"):
        assert text in body
    assert f"/activities/new/?employer={employer.pk}" in body


def test_the_employer_page_hides_other_teams_placements_and_notes(
    client, login, specialist, other_specialist
):
    employer = factories.EmployerFactory(office=None)
    enrollment = held_enrollment(other_specialist, first_name="Hemmelig")
    factories.PlacementFactory(enrollment=enrollment, employer=employer)
    factories.ActivityFactory(author=other_specialist, employer=employer, note="Annen note")
    login(specialist)
    body = client.get(f"/employers/{employer.pk}/").content.decode()
    assert "Hemmelig" not in body
    assert "Annen note" not in body


def test_another_offices_employer_answers_404(client, login, specialist, other_office):
    employer = factories.EmployerFactory(office=other_office)
    login(specialist)
    assert client.get(f"/employers/{employer.pk}/").status_code == 404


def test_an_employer_is_created_for_the_office(client, login, specialist):
    login(specialist)
    response = client.post(
        "/employers/new/", {"orgnr": "988 077 917", "name": "Bakeriet AS", "industry": "Mat"}
    )
    employer = Employer.objects.get()
    assert response["Location"] == f"/employers/{employer.pk}/"
    assert (employer.orgnr, employer.office) == ("988077917", specialist.office)


def test_an_invalid_orgnr_is_refused_next_to_the_field(client, login, specialist):
    login(specialist)
    response = client.post(
        "/employers/new/",
        {"orgnr": "988077918", "name": "Feil AS", "industry": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    error = response.context["form"].errors["orgnr"][0]
    assert error in response.content.decode()
    assert not Employer.objects.exists()


def test_an_existing_employer_is_named_with_a_link(client, login, specialist):
    existing = factories.EmployerFactory(office=specialist.office, orgnr="988077917")
    login(specialist)
    response = client.post(
        "/employers/new/",
        {"orgnr": "988077917", "name": "Dobbel AS", "industry": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = response.content.decode()
    assert "already registered" in body
    assert f'href="/employers/{existing.pk}/"' in body
    assert Employer.objects.count() == 1


def test_an_existing_employer_of_another_office_is_named_without_a_link(
    client, login, specialist, other_office
):
    existing = factories.EmployerFactory(office=other_office, orgnr="988077917")
    login(specialist)
    response = client.post(
        "/employers/new/", {"orgnr": "988077917", "name": "Dobbel AS", "industry": ""}
    )
    assert f"/employers/{existing.pk}/" not in response.content.decode()
    assert response.context["form"].errors["orgnr"]


def test_an_employer_is_edited(client, login, specialist):
    employer = factories.EmployerFactory(office=specialist.office, orgnr="988077917")
    login(specialist)
    client.post(
        f"/employers/{employer.pk}/edit/",
        {"orgnr": "988077917", "name": "Nytt Navn AS", "industry": "", "version": 1},
    )
    employer.refresh_from_db()
    assert employer.name == "Nytt Navn AS"


def test_a_contact_person_is_added_and_edited(client, login, specialist):
    employer = factories.EmployerFactory(office=specialist.office)
    login(specialist)
    data = {"name": "Siri Sjef", "title": "Daglig leder", "phone": "33000000", "email": ""}
    assert client.post(f"/employers/{employer.pk}/contacts/new/", data).status_code == 302
    contact = ContactPerson.objects.get()
    data |= {"title": "Styreleder", "version": contact.version}
    assert client.post(f"/contacts/{contact.pk}/edit/", data).status_code == 302
    contact.refresh_from_db()
    assert contact.title == "Styreleder"


def test_a_contact_person_with_a_bad_email_is_refused(client, login, specialist):
    employer = factories.EmployerFactory(office=specialist.office)
    login(specialist)
    response = client.post(
        f"/employers/{employer.pk}/contacts/new/", {"name": "Siri", "email": "ikke-epost"}
    )
    assert "email" in response.context["form"].errors
    assert not ContactPerson.objects.exists()


def test_another_offices_contact_person_answers_404(client, login, specialist, other_office):
    contact = factories.ContactPersonFactory(
        employer=factories.EmployerFactory(office=other_office)
    )
    login(specialist)
    assert client.get(f"/contacts/{contact.pk}/edit/").status_code == 404


def test_a_stale_employer_edit_is_refused_and_the_first_edit_kept(client, login, specialist):
    employer = factories.EmployerFactory(office=specialist.office, orgnr="988077917")
    login(specialist)
    opened = {"orgnr": "988077917", "name": employer.name, "industry": "", "version": 1}
    first = client.post(f"/employers/{employer.pk}/edit/", opened | {"name": "Første AS"})
    assert first.status_code == 302
    response = client.post(
        f"/employers/{employer.pk}/edit/",
        opened | {"industry": "Retail"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    form = response.context["form"]
    assert (form.initial["name"], form.initial["version"]) == ("Første AS", 2)
    employer.refresh_from_db()
    assert (employer.name, employer.industry) == ("Første AS", "")


def test_a_stale_contact_person_edit_is_refused_and_the_first_edit_kept(
    client, login, specialist, teammate
):
    contact = factories.ContactPersonFactory(
        employer=factories.EmployerFactory(office=specialist.office), title="Daglig leder"
    )
    opened = {"name": contact.name, "title": contact.title, "phone": "", "email": ""}
    opened["version"] = contact.version
    login(teammate)
    assert (
        client.post(f"/contacts/{contact.pk}/edit/", opened | {"phone": "33000000"}).status_code
        == 302
    )
    login(specialist)
    response = client.post(
        f"/contacts/{contact.pk}/edit/", opened | {"title": "Styreleder"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Someone else changed this record" in response.content.decode()
    assert response.context["form"].initial["phone"] == "33000000"
    contact.refresh_from_db()
    assert (contact.title, contact.phone) == ("Daglig leder", "33000000")
