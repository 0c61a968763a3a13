"""A fødselsnummer is unique within an office, and a uniqueness check never
reveals a record the user may not see: another office's records do not count
at all, and within the office one neutral message answers, whoever holds the
other record. Django's "Constraint … is violated" never reaches a user."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from candidates.models import Candidate
from candidates.services import assignment_upsert, candidate_upsert
from tests import factories
from tests.casework import held_candidate

pytestmark = pytest.mark.django_db

FNR = "15108695088"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
NEUTRAL = "This fødselsnummer cannot be saved here"
STALE = "Someone else changed this record"


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


def _edit(client, candidate, **changes):
    return client.post(f"/candidates/{candidate.pk}/edit/", _details(candidate, **changes), **EN)


def test_a_stale_edit_with_another_offices_fodselsnummer_says_only_that_it_is_stale(
    client, login, specialist, other_specialist
):
    held_candidate(other_specialist, fnr=FNR)
    candidate = held_candidate(specialist)
    login(specialist)
    response = _edit(client, candidate, fnr=FNR, version=candidate.version + 5)
    page = response.content.decode()
    assert response.status_code == 200
    assert STALE in page
    assert "Constraint" not in page
    assert NEUTRAL not in page
    assert Candidate.objects.get(pk=candidate.pk).fnr is None


def test_a_stale_edit_with_a_fodselsnummer_nobody_has_answers_the_same(
    client, login, specialist, other_specialist
):
    held_candidate(other_specialist, fnr=FNR)
    candidate = held_candidate(specialist)
    login(specialist)
    taken = _edit(client, candidate, fnr=FNR, version=9)
    free = _edit(client, candidate, fnr="01010750160", version=9)
    assert taken.context["form"].stale_errors == free.context["form"].stale_errors
    assert taken.context["form"].errors == free.context["form"].errors == {}


def test_another_offices_fodselsnummer_is_no_obstacle_to_this_offices_record(
    client, login, specialist, other_specialist
):
    theirs = held_candidate(other_specialist, fnr=FNR)
    candidate = held_candidate(specialist)
    login(specialist)
    assert _edit(client, candidate, fnr=FNR).status_code == 302
    assert Candidate.objects.get(pk=candidate.pk).fnr == FNR
    assert Candidate.objects.get(pk=theirs.pk).fnr == FNR


def test_a_stale_edit_with_a_visible_duplicate_shows_the_stale_message_and_current_values(
    client, login, specialist
):
    held_candidate(specialist, fnr=FNR, first_name="Synlig")
    candidate = held_candidate(specialist, phone="11111111")
    login(specialist)
    response = _edit(client, candidate, fnr=FNR, version=candidate.version + 1)
    page = response.content.decode()
    assert STALE in page
    assert "Constraint" not in page
    assert response.context["form"].initial["fnr"] is None


@pytest.mark.parametrize("holder", ["specialist", "teammate"])
def test_a_duplicate_in_the_office_gets_one_neutral_message_whoever_holds_it(
    client, login, specialist, teammate, holder
):
    """kari may open her own record, not Ola's: the answer is the same."""
    holder_user = {"specialist": specialist, "teammate": teammate}[holder]
    other = held_candidate(holder_user, fnr=FNR, last_name="Skjultnavn")
    candidate = held_candidate(specialist)
    login(specialist)
    response = _edit(client, candidate, fnr=FNR)
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "fnr": [
            "This fødselsnummer cannot be saved here: it is already used by a record of this "
            "office. Check the number; if it is right, ask the intake admin to look into it."
        ]
    }
    assert "Constraint" not in page
    assert other.last_name not in page
    assert Candidate.objects.get(pk=candidate.pk).fnr is None


def test_two_offices_may_each_hold_a_record_with_the_same_fodselsnummer(office, other_office):
    factories.CandidateFactory(fnr=FNR, office=office)
    factories.CandidateFactory(fnr=FNR, office=other_office)
    assert Candidate.objects.filter(fnr=FNR).count() == 2


def test_the_database_refuses_the_same_fodselsnummer_twice_in_one_office(office):
    factories.CandidateFactory(fnr=FNR, office=office)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.CandidateFactory(fnr=FNR, office=office)


def test_model_validation_answers_a_duplicate_with_the_neutral_message(office):
    factories.CandidateFactory(fnr=FNR, office=office)
    duplicate = factories.CandidateFactory.build(fnr=FNR, office=office)
    with pytest.raises(ValidationError) as raised:
        duplicate.full_clean()
    messages = " ".join(raised.value.messages)
    assert NEUTRAL in messages
    assert "Constraint" not in messages


def test_the_import_checks_the_fodselsnummer_only_within_the_office(office, other_office):
    factories.CandidateFactory(fnr=FNR, office=other_office)
    candidate, _outcome = candidate_upsert(
        ref="K-1",
        first_name="Åse",
        last_name="Lie",
        birth_date=factories.CandidateFactory.birth_date,
        fnr=FNR,
        office=office,
    )
    assert candidate.office == office


def test_the_import_answers_a_duplicate_in_the_office_with_the_neutral_message(office):
    factories.CandidateFactory(fnr=FNR, office=office)
    with pytest.raises(ValidationError) as raised:
        candidate_upsert(
            ref="K-1",
            first_name="Åse",
            last_name="Lie",
            birth_date=factories.CandidateFactory.birth_date,
            fnr=FNR,
            office=office,
        )
    assert NEUTRAL in raised.value.message_dict["fnr"][0]


def test_tying_an_imported_record_to_an_office_that_has_the_number_is_refused_neutrally(
    specialist,
):
    factories.CandidateFactory(fnr=FNR, office=specialist.office)
    loose = factories.CandidateFactory(fnr=FNR, office=None)
    enrollment = factories.EnrollmentFactory(candidate=loose, office=None)
    with pytest.raises(ValidationError) as raised, transaction.atomic():
        assignment_upsert(
            enrollment=enrollment, specialist=specialist, from_date=enrollment.intake_date
        )
    assert NEUTRAL in raised.value.message_dict["fnr"][0]
    loose.refresh_from_db()
    assert loose.office is None
