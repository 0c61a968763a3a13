"""The database refuses impossible candidates, enrollments and assignments."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from candidates.models import Candidate, DischargeReason, Enrollment
from tests import factories

pytestmark = pytest.mark.django_db

REFERRAL = datetime.date(2025, 1, 6)
INTAKE = datetime.date(2025, 1, 13)


def enrollment(**fields):
    return factories.EnrollmentFactory(referral_date=REFERRAL, intake_date=INTAKE, **fields)


# Candidate


def test_it_refuses_two_candidates_with_the_same_fnr():
    factories.CandidateFactory(fnr="15108695088")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.CandidateFactory(fnr="15108695088")


def test_it_accepts_many_candidates_without_fnr():
    factories.CandidateFactory(fnr=None)
    factories.CandidateFactory(fnr=None)
    assert Candidate.objects.filter(fnr__isnull=True).count() == 2


def test_it_refuses_two_candidates_with_the_same_import_ref_in_one_office():
    office = factories.OfficeFactory()
    factories.CandidateFactory(ref="K-1", office=office)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.CandidateFactory(ref="K-1", office=office)


def test_it_refuses_two_candidates_with_the_same_import_ref_and_no_office():
    factories.CandidateFactory(ref="K-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.CandidateFactory(ref="K-1")


def test_two_offices_may_use_the_same_import_ref_for_their_candidates():
    factories.CandidateFactory(ref="K-1", office=factories.OfficeFactory())
    factories.CandidateFactory(ref="K-1", office=factories.OfficeFactory())
    assert Candidate.objects.filter(ref="K-1").count() == 2


def test_it_accepts_many_candidates_without_import_ref():
    factories.CandidateFactory(ref=None)
    factories.CandidateFactory(ref=None)
    assert Candidate.objects.filter(ref__isnull=True).count() == 2


def test_it_refuses_a_second_vocational_profile_for_a_candidate():
    profile = factories.VocationalProfileFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.VocationalProfileFactory(candidate=profile.candidate)


# Enrollment dates


def test_it_refuses_intake_before_referral():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.EnrollmentFactory(
            referral_date=REFERRAL, intake_date=REFERRAL - datetime.timedelta(1)
        )


def test_it_accepts_intake_on_the_referral_date():
    factories.EnrollmentFactory(referral_date=REFERRAL, intake_date=REFERRAL)


def test_it_accepts_a_referral_without_intake_on_the_waiting_list():
    factories.EnrollmentFactory(referral_date=REFERRAL, intake_date=None)


def test_it_refuses_discharge_before_intake():
    with pytest.raises(IntegrityError), transaction.atomic():
        enrollment(
            discharge_date=INTAKE - datetime.timedelta(1), discharge_reason=DischargeReason.MOVED
        )


def test_it_accepts_discharge_on_the_intake_date():
    enrollment(discharge_date=INTAKE, discharge_reason=DischargeReason.MOVED)


def test_it_accepts_a_referral_withdrawn_before_intake_on_the_referral_date():
    factories.EnrollmentFactory(
        referral_date=REFERRAL,
        intake_date=None,
        discharge_date=REFERRAL,
        discharge_reason=DischargeReason.OWN_WISH,
    )


def test_it_refuses_a_withdrawal_before_the_referral_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.EnrollmentFactory(
            referral_date=REFERRAL,
            intake_date=None,
            discharge_date=REFERRAL - datetime.timedelta(1),
            discharge_reason=DischargeReason.OWN_WISH,
        )


def test_it_refuses_discharge_without_a_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        enrollment(discharge_date=INTAKE, discharge_reason="")


def test_it_refuses_a_discharge_reason_without_a_discharge_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        enrollment(discharge_date=None, discharge_reason=DischargeReason.OTHER)


# EUSE stage


@pytest.mark.parametrize("stage", [1, 2, 3, 4, 5])
def test_it_accepts_euse_stages_1_to_5(stage):
    assert enrollment(euse_stage=stage).euse_stage == stage


@pytest.mark.parametrize("stage", [0, 6])
def test_it_refuses_euse_stages_outside_1_to_5(stage):
    with pytest.raises(IntegrityError), transaction.atomic():
        enrollment(euse_stage=stage)


# Import references


def test_it_refuses_two_enrollments_with_the_same_import_ref_in_one_office():
    office = factories.OfficeFactory()
    enrollment(ref="E-1", office=office)
    with pytest.raises(IntegrityError), transaction.atomic():
        enrollment(ref="E-1", office=office)


def test_it_refuses_two_enrollments_with_the_same_import_ref_and_no_office():
    enrollment(ref="E-1", office=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        enrollment(ref="E-1", office=None)


def test_two_offices_may_use_the_same_import_ref_for_their_enrollments():
    enrollment(ref="E-1", office=factories.OfficeFactory())
    enrollment(ref="E-1", office=factories.OfficeFactory())
    assert Enrollment.objects.filter(ref="E-1").count() == 2


# Assignment


def test_it_refuses_two_assignments_of_one_enrollment_on_the_same_date():
    first = factories.AssignmentFactory(from_date=INTAKE)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.AssignmentFactory(enrollment=first.enrollment, from_date=INTAKE)


def test_it_accepts_a_reassignment_on_a_later_date():
    first = factories.AssignmentFactory(from_date=INTAKE)
    factories.AssignmentFactory(
        enrollment=first.enrollment, from_date=INTAKE + datetime.timedelta(1)
    )
    assert first.enrollment.assignments.count() == 2


def test_it_accepts_assignments_of_two_enrollments_on_the_same_date():
    factories.AssignmentFactory(from_date=INTAKE)
    factories.AssignmentFactory(from_date=INTAKE)
