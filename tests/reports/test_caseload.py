"""Caseload(S, D): enrollments active on D held by S; the report takes D = end."""

from decimal import Decimal

import pytest

from reports.metrics import caseload
from tests.reports.helpers import day, enroll, figures_of, reassign, report

pytestmark = pytest.mark.django_db


def test_it_counts_enrollments_taken_in_on_or_before_the_day(specialist):
    enroll(specialist, "2025-06-30")
    enroll(specialist, "2025-01-13")
    enroll(specialist, "2025-07-01")

    assert caseload(day("2025-06-30")) == {specialist.pk: 2}


def test_it_leaves_out_an_enrollment_discharged_on_the_period_end(specialist):
    enroll(specialist, "2025-01-13", discharge="2025-12-31")
    enroll(specialist, "2025-01-13", discharge="2026-01-01")

    assert figures_of(specialist, report("2025-01-01", "2025-12-31", "2026-01-31"))["caseload"] == 1


def test_it_credits_the_new_holder_when_reassigned_on_the_period_end(specialist, teammate):
    enrollment = enroll(specialist, "2025-01-13")
    reassign(enrollment, teammate, "2025-12-31")

    result = report("2025-01-01", "2025-12-31", "2026-01-31")

    assert figures_of(specialist, result)["caseload"] == 0
    assert figures_of(teammate, result)["caseload"] == 1


def test_it_keeps_the_old_holder_until_the_reassignment_day(specialist, teammate):
    enrollment = enroll(specialist, "2025-01-13")
    reassign(enrollment, teammate, "2026-01-01")

    assert caseload(day("2025-12-31")) == {specialist.pk: 1}


def test_it_counts_job_retention_cases_in_the_caseload(specialist):
    enroll(specialist, "2025-01-13", employed_at_referral=True)

    assert figures_of(specialist, report("2025-01-01", "2025-12-31", "2026-01-31"))["caseload"] == 1


def test_caseload_per_fte_divides_by_a_part_time_position(specialist):
    specialist.fte = Decimal("0.6")
    specialist.save()
    for _ in range(9):
        enroll(specialist, "2025-01-13")

    figures = figures_of(specialist, report("2025-01-01", "2025-12-31", "2026-01-31"))

    assert figures["fte"] == 0.6
    assert figures["caseload"] == 9
    assert figures["caseload_per_fte"] == 15.0


def test_the_band_check_is_on_caseload_per_fte_between_12_and_20(specialist, teammate):
    teammate.fte = Decimal("0.6")
    teammate.save()
    for _ in range(11):
        enroll(specialist, "2025-01-13")
    for _ in range(12):
        enroll(teammate, "2025-01-13")

    result = report("2025-01-01", "2025-12-31", "2026-01-31")

    assert figures_of(specialist, result)["caseload_per_fte_in_band"] is False
    assert figures_of(teammate, result)["caseload_per_fte"] == 20.0
    assert figures_of(teammate, result)["caseload_per_fte_in_band"] is True
