"""A candidate with several enrollments is read by whoever holds the latest one."""

import datetime

import pytest

from candidates.queries import (
    candidates_visible_to,
    contact_details_visible,
    enrollments_visible_to,
)
from followup.queries import activities_visible_to
from tests import factories


@pytest.fixture
def returning_candidate(specialist, teammate):
    candidate = factories.CandidateFactory(protected_address="confidential")
    first = factories.EnrollmentFactory(
        candidate=candidate,
        office=specialist.office,
        referral_date=datetime.date(2023, 1, 2),
        intake_date=datetime.date(2023, 1, 9),
        discharge_date=datetime.date(2023, 12, 1),
        discharge_reason="own_wish",
    )
    factories.AssignmentFactory(enrollment=first, specialist=specialist)
    factories.ActivityFactory(author=specialist, candidate=candidate, note="2023: first period")
    second = factories.EnrollmentFactory(
        candidate=candidate,
        office=specialist.office,
        referral_date=datetime.date(2025, 2, 3),
        intake_date=datetime.date(2025, 2, 10),
    )
    factories.AssignmentFactory(enrollment=second, specialist=teammate)
    factories.ActivityFactory(author=teammate, candidate=candidate, note="2025: second period")
    return candidate


def test_the_former_specialist_loses_the_file_when_a_new_enrollment_goes_to_someone_else(
    returning_candidate, specialist
):
    assert not candidates_visible_to(specialist).filter(pk=returning_candidate.pk).exists()
    assert not enrollments_visible_to(specialist).filter(candidate=returning_candidate).exists()
    notes = set(activities_visible_to(specialist).values_list("note", flat=True))
    assert notes == {"2023: first period"}
    assert not contact_details_visible(specialist, returning_candidate)


def test_the_new_holder_reads_the_whole_history(returning_candidate, teammate):
    assert candidates_visible_to(teammate).filter(pk=returning_candidate.pk).exists()
    assert enrollments_visible_to(teammate).filter(candidate=returning_candidate).count() == 2
    notes = set(activities_visible_to(teammate).values_list("note", flat=True))
    assert notes == {"2023: first period", "2025: second period"}
    assert contact_details_visible(teammate, returning_candidate)


def test_a_discharged_candidate_stays_with_the_holder_of_the_last_enrollment(specialist):
    enrollment = factories.EnrollmentFactory(
        office=specialist.office,
        discharge_date=datetime.date(2025, 6, 1),
        discharge_reason="moved",
    )
    factories.AssignmentFactory(enrollment=enrollment, specialist=specialist)
    assert candidates_visible_to(specialist).filter(pk=enrollment.candidate_id).exists()


def test_a_re_referral_waiting_for_intake_takes_the_file_to_intake_only(specialist, intake):
    first = factories.EnrollmentFactory(
        office=specialist.office,
        discharge_date=datetime.date(2025, 6, 1),
        discharge_reason="own_wish",
    )
    factories.AssignmentFactory(enrollment=first, specialist=specialist)
    factories.EnrollmentFactory(
        candidate=first.candidate,
        office=specialist.office,
        referral_date=datetime.date(2025, 9, 1),
        intake_date=None,
    )
    assert not candidates_visible_to(specialist).filter(pk=first.candidate_id).exists()
    assert candidates_visible_to(intake).filter(pk=first.candidate_id).exists()
