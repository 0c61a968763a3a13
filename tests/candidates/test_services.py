"""Writes to candidates, enrollments and assignments."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from candidates.services import assignment_upsert, candidate_upsert, enrollment_upsert
from ips.services import Outcome
from tests import factories

JAN_6 = datetime.date(2025, 1, 6)
JAN_13 = datetime.date(2025, 1, 13)


def _candidate(**overrides):
    values = {
        "ref": "C001",
        "first_name": "Åse",
        "last_name": "Lie",
        "birth_date": datetime.date(1986, 10, 15),
        "fnr": "15108695088",
    }
    return candidate_upsert(**(values | overrides))


def test_candidate_upsert_refuses_an_invalid_fodselsnummer(db):
    with pytest.raises(ValidationError) as raised:
        _candidate(fnr="15108695077")

    assert "fnr" in raised.value.message_dict


def test_candidate_upsert_accepts_a_number_valid_only_under_the_2032_rule(db):
    candidate, _outcome = _candidate(fnr="15108695096")

    assert candidate.fnr == "15108695096"


def test_candidate_upsert_refuses_the_fodselsnummer_of_another_candidate(db):
    factories.CandidateFactory(fnr="15108695088")

    with pytest.raises(ValidationError) as raised:
        _candidate()

    assert "fnr" in raised.value.message_dict


def test_candidate_upsert_updates_by_ref_and_counts_a_version(db):
    _candidate()

    candidate, outcome = _candidate(last_name="Lie-Berg")

    assert outcome == Outcome.UPDATED
    assert (candidate.last_name, candidate.version) == ("Lie-Berg", 2)


def test_candidate_upsert_into_an_office_leaves_another_offices_ref_alone(office, other_office):
    theirs = factories.CandidateFactory(ref="C001", office=other_office, last_name="Dahl")

    ours, outcome = _candidate(office=office, fnr=None)

    theirs.refresh_from_db()
    assert outcome == Outcome.CREATED
    assert (ours.office, ours.last_name) == (office, "Lie")
    assert (theirs.office, theirs.last_name) == (other_office, "Dahl")


def test_candidate_upsert_without_an_office_refuses_a_ref_used_by_several_offices(
    office, other_office
):
    factories.CandidateFactory(ref="C001", office=office)
    factories.CandidateFactory(ref="C001", office=other_office)

    with pytest.raises(ValidationError) as raised:
        _candidate(fnr=None)

    assert "ref" in raised.value.message_dict


def _enrollment(**overrides):
    values = {
        "ref": "E001",
        "candidate": factories.CandidateFactory(),
        "referral_date": JAN_6,
        "intake_date": JAN_13,
    }
    return enrollment_upsert(**(values | overrides))


def test_enrollment_upsert_refuses_an_intake_before_the_referral(db):
    with pytest.raises(ValidationError) as raised:
        _enrollment(intake_date=datetime.date(2025, 1, 1))

    assert "intake_date" in raised.value.message_dict


def test_enrollment_upsert_refuses_a_discharge_before_the_intake(db):
    with pytest.raises(ValidationError) as raised:
        _enrollment(discharge_date=JAN_6, discharge_reason="moved")

    assert "discharge_date" in raised.value.message_dict


def test_enrollment_upsert_accepts_a_referral_withdrawn_before_intake(db):
    enrollment, _outcome = _enrollment(
        intake_date=None, discharge_date=JAN_13, discharge_reason="own_wish"
    )

    assert (enrollment.intake_date, enrollment.discharge_date) == (None, JAN_13)


def test_enrollment_upsert_refuses_a_withdrawal_before_the_referral(db):
    with pytest.raises(ValidationError) as raised:
        _enrollment(
            intake_date=None, discharge_date=datetime.date(2025, 1, 1), discharge_reason="moved"
        )

    assert "discharge_date" in raised.value.message_dict


def test_enrollment_upsert_refuses_withdrawing_an_assigned_enrollment(specialist):
    enrollment, _outcome = _enrollment()
    assignment_upsert(enrollment=enrollment, specialist=specialist, from_date=JAN_13)

    with pytest.raises(ValidationError) as raised:
        _enrollment(intake_date=None, discharge_date=JAN_13, discharge_reason="moved")

    assert "intake_date" in raised.value.message_dict


def test_assignment_upsert_refuses_a_referral_withdrawn_before_intake(specialist):
    enrollment, _outcome = _enrollment(
        intake_date=None, discharge_date=JAN_13, discharge_reason="own_wish"
    )

    with pytest.raises(ValidationError) as raised:
        assignment_upsert(enrollment=enrollment, specialist=specialist, from_date=JAN_13)

    assert "enrollment" in raised.value.message_dict


def test_enrollment_upsert_refuses_a_discharge_without_reason(db):
    with pytest.raises(ValidationError) as raised:
        _enrollment(discharge_date=datetime.date(2025, 6, 1))

    assert "discharge_reason" in raised.value.message_dict


def test_enrollment_upsert_refuses_an_unknown_discharge_reason(db):
    with pytest.raises(ValidationError) as raised:
        _enrollment(discharge_date=datetime.date(2025, 6, 1), discharge_reason="quit")

    assert "discharge_reason" in raised.value.message_dict


def test_assignment_upsert_gives_an_enrollment_the_office_of_its_first_holder(specialist):
    enrollment = factories.EnrollmentFactory(office=None)

    assignment_upsert(enrollment=enrollment, specialist=specialist, from_date=JAN_13)

    enrollment.refresh_from_db()
    assert enrollment.office == specialist.office


def test_assignment_upsert_refuses_a_specialist_of_another_office(specialist, other_office):
    enrollment = factories.EnrollmentFactory(office=other_office)

    with pytest.raises(ValidationError) as raised:
        assignment_upsert(enrollment=enrollment, specialist=specialist, from_date=JAN_13)

    assert "specialist" in raised.value.message_dict
    assert not enrollment.assignments.exists()


def test_assignment_upsert_refuses_a_specialist_of_another_office_than_the_candidate(
    specialist, other_office
):
    enrollment = factories.EnrollmentFactory(
        office=None, candidate=factories.CandidateFactory(office=other_office)
    )

    with pytest.raises(ValidationError) as raised:
        assignment_upsert(enrollment=enrollment, specialist=specialist, from_date=JAN_13)

    assert "specialist" in raised.value.message_dict


def test_assignment_upsert_refuses_a_holder_who_is_not_a_specialist(intake):
    enrollment = factories.EnrollmentFactory()

    with pytest.raises(ValidationError) as raised:
        assignment_upsert(enrollment=enrollment, specialist=intake, from_date=JAN_13)

    assert "specialist" in raised.value.message_dict


def test_assignment_upsert_refuses_a_start_before_the_referral(specialist):
    enrollment = factories.EnrollmentFactory()

    with pytest.raises(ValidationError) as raised:
        assignment_upsert(
            enrollment=enrollment, specialist=specialist, from_date=datetime.date(2024, 12, 1)
        )

    assert "from_date" in raised.value.message_dict


def test_assignment_upsert_adds_a_reassignment_and_keeps_the_history(specialist, teammate):
    enrollment = factories.EnrollmentFactory(office=specialist.office)
    assignment_upsert(enrollment=enrollment, specialist=specialist, from_date=JAN_13)

    assignment_upsert(
        enrollment=enrollment, specialist=teammate, from_date=datetime.date(2025, 6, 1)
    )

    assert [a.specialist for a in enrollment.assignments.order_by("from_date")] == [
        specialist,
        teammate,
    ]


def test_enrollment_upsert_refuses_a_candidate_of_another_office(office, other_office):
    candidate = factories.CandidateFactory(office=other_office)

    with pytest.raises(ValidationError) as raised:
        _enrollment(candidate=candidate, office=office)

    assert "candidate" in raised.value.message_dict


def test_enrollment_upsert_without_an_office_takes_the_candidates_office(office):
    enrollment, _outcome = _enrollment(candidate=factories.CandidateFactory(office=office))

    assert enrollment.office == office
