"""An intake admin registers a referral (henvisning)."""

import datetime

import pytest
from django.utils import timezone

from candidates.models import Candidate, Enrollment
from tests import factories
from tests.conftest import log_in
from tests.intake.helpers import EN, referral_data, years_ago

URL = "/intake/referrals/new/"


@pytest.fixture
def admin(client, intake):
    return log_in(client, intake)


def test_it_registers_a_valid_referral_on_the_waiting_list(admin, intake):
    response = admin.post(URL, referral_data())
    assert response.status_code == 302
    assert response["Location"] == "/intake/waiting-list/"
    enrollment = Enrollment.objects.get()
    assert enrollment.candidate.last_name == "Solberg"
    assert enrollment.office == intake.office
    assert enrollment.referrer_kind == "nav_adviser"
    assert enrollment.referrer_contact == "Nina NAV, 55 55 55 55"
    assert enrollment.consent_to_share is True
    assert enrollment.intake_date is None
    assert "Solberg" in admin.get("/intake/waiting-list/").content.decode()


def test_it_asks_only_age_and_the_wish_to_work(admin):
    page = admin.get(URL, **EN).content.decode()
    assert "want ordinary paid work" in page
    for ground in ("diagnosis", "work ready", "motivation", "sober", "substance"):
        assert ground not in page.lower()


def test_it_explains_why_someone_under_18_is_not_taken_in(admin):
    response = admin.post(URL, referral_data(birth_date=years_ago(17).isoformat()), **EN)
    assert response.status_code == 200
    assert "aged 18 or over" in response.content.decode()
    assert "nothing has been saved" in response.content.decode()
    assert not Candidate.objects.exists()
    assert not Enrollment.objects.exists()


def test_it_takes_in_someone_who_turned_18_today(admin):
    admin.post(URL, referral_data(birth_date=years_ago(18).isoformat()))
    assert Enrollment.objects.count() == 1


def test_it_explains_why_someone_who_does_not_want_work_is_not_taken_in(admin):
    response = admin.post(URL, referral_data(wants_work="no"), **EN)
    assert response.status_code == 200
    assert "want ordinary paid work" in response.content.decode()
    assert "welcome to be referred again" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_it_refuses_an_invalid_fodselsnummer_and_saves_nothing(admin):
    response = admin.post(URL, referral_data(fnr="15108695077"), **EN)
    assert response.status_code == 200
    assert "not a valid fødselsnummer" in response.content.decode()
    assert not Candidate.objects.exists()


def test_it_accepts_a_valid_fodselsnummer(admin):
    admin.post(URL, referral_data(fnr="151086 95088"))
    assert Candidate.objects.get().fnr == "15108695088"


def test_it_requires_name_and_birth_date(admin):
    response = admin.post(URL, referral_data(first_name="", birth_date=""), **EN)
    assert response.status_code == 200
    assert response.content.decode().count("This field is required") == 2
    assert not Enrollment.objects.exists()


def test_it_asks_how_to_reach_a_referrer_who_is_not_the_candidate(admin):
    response = admin.post(URL, referral_data(referrer_contact=""), **EN)
    assert "Give the referrer" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_a_self_referral_needs_no_referrer_contact(admin):
    admin.post(URL, referral_data(referrer_kind="self", referrer_contact=""))
    assert Enrollment.objects.get().referrer_kind == "self"


def test_it_opens_a_new_enrollment_for_a_person_known_by_fodselsnummer(admin, intake):
    known = factories.CandidateFactory(fnr="15108695088", first_name="Sara", last_name="Berg")
    factories.EnrollmentFactory(
        candidate=known,
        office=intake.office,
        discharge_date=datetime.date(2025, 6, 1),
        discharge_reason="moved",
    )
    admin.post(URL, referral_data(fnr="15108695088", last_name="Solberg"))
    assert Candidate.objects.count() == 1
    assert known.enrollments.count() == 2


def test_it_recognises_a_person_by_name_and_birth_date(admin, intake):
    known = factories.CandidateFactory(
        first_name="Sara", last_name="Solberg", birth_date=datetime.date(1990, 3, 15)
    )
    factories.EnrollmentFactory(
        candidate=known,
        office=intake.office,
        discharge_date=datetime.date(2025, 6, 1),
        discharge_reason="moved",
    )
    admin.post(URL, referral_data(first_name="sara", fnr="15108695088"))
    assert Candidate.objects.count() == 1
    known.refresh_from_db()
    assert known.enrollments.count() == 2
    assert known.fnr == "15108695088"


def test_it_refuses_a_second_open_enrollment_at_the_same_office(admin, intake):
    known = factories.CandidateFactory(
        first_name="Sara", last_name="Solberg", birth_date=datetime.date(1990, 3, 15)
    )
    factories.EnrollmentFactory(candidate=known, office=intake.office, intake_date=None)
    response = admin.post(URL, referral_data(), **EN)
    assert "already registered at this office" in response.content.decode()
    assert known.enrollments.count() == 1


def test_a_double_submission_creates_one_enrollment(admin):
    data = referral_data()
    first = admin.post(URL, data)
    second = admin.post(URL, data, **EN)
    assert first.status_code == second.status_code == 302
    assert Enrollment.objects.count() == 1
    assert Candidate.objects.count() == 1


def test_two_separate_referrals_of_different_people_make_two_enrollments(admin):
    admin.post(URL, referral_data())
    admin.post(URL, referral_data(first_name="Jonas", birth_date="1985-01-01"))
    assert Enrollment.objects.count() == 2


def test_it_refuses_a_referral_date_in_the_future(admin):
    tomorrow = timezone.localdate() + datetime.timedelta(days=2)
    response = admin.post(URL, referral_data(referral_date=tomorrow.isoformat()), **EN)
    assert "cannot be in the future" in response.content.decode()
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("persona", ["specialist", "leader", "analyst"])
def test_other_roles_may_not_register_referrals(client, personas, persona):
    log_in(client, personas[persona])
    assert client.post(URL, referral_data()).status_code == 403
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("by", ["fnr", "name"])
def test_a_person_known_only_at_another_office_gets_a_new_record_that_shares_nothing(
    admin, intake, other_specialist, by
):
    from tests.casework import held_enrollment

    theirs = held_enrollment(
        other_specialist,
        first_name="Sara",
        last_name="Solberg",
        birth_date=datetime.date(1990, 3, 15),
        fnr="15108695088" if by == "fnr" else None,
        phone="90000000",
        protected_address="strictly_confidential",
    ).candidate
    response = admin.post(URL, referral_data(fnr="15108695088" if by == "fnr" else ""), **EN)
    assert response.status_code == 302
    ours = Candidate.objects.exclude(pk=theirs.pk).get()
    assert ours.office == intake.office
    assert ours.enrollments.get().office == intake.office
    theirs.refresh_from_db()
    assert theirs.enrollments.count() == 1
    assert (theirs.phone, theirs.version) == ("90000000", 1)
    assert "already registered" not in admin.get("/intake/waiting-list/").content.decode()


def test_a_referral_never_lowers_the_protection_of_a_known_person(admin, intake):
    known = factories.CandidateFactory(
        first_name="Sara",
        last_name="Solberg",
        birth_date=datetime.date(1990, 3, 15),
        protected_address="strictly_confidential",
    )
    factories.EnrollmentFactory(
        candidate=known,
        office=intake.office,
        discharge_date=datetime.date(2025, 6, 1),
        discharge_reason="moved",
    )
    admin.post(URL, referral_data(protected_address="confidential"))
    known.refresh_from_db()
    assert known.enrollments.count() == 2
    assert known.protected_address == "strictly_confidential"


def test_a_referral_needs_an_office(client, db):
    root = factories.UserFactory(username="root", is_staff=True, is_superuser=True, team=None)
    log_in(client, root)
    response = client.post(URL, referral_data(), **EN)
    assert response.status_code == 200
    assert "A referral is registered at an office" in response.content.decode()
    assert not Candidate.objects.exists()
