"""In work within a year: cohort = out of work at referral, intake in the period and
intake + 365 ≤ as-of; numerator = first competitive job start ≤ intake + 365;
credited to the holder on the intake date."""

import pytest

from reports.metrics import in_work_within_year
from tests.reports.helpers import candidate, day, enroll, figures_of, job, reassign, report

pytestmark = pytest.mark.django_db


def outcome(specialist, start="2025-01-01", end="2025-12-31", as_of="2026-12-31"):
    return figures_of(specialist, report(start, end, as_of))["in_work_within_year"]


def test_an_intake_exactly_365_days_before_the_as_of_date_is_counted(specialist):
    enroll(specialist, "2025-12-31")

    assert outcome(specialist, as_of="2026-12-31") == {
        "numerator": 0,
        "denominator": 1,
        "pending": 0,
        "rate": 0.0,
    }


def test_an_intake_366_days_before_the_as_of_date_is_counted(specialist):
    enroll(specialist, "2025-12-30")

    assert outcome(specialist, as_of="2026-12-31")["denominator"] == 1


def test_an_intake_364_days_before_the_as_of_date_is_pending_not_counted(specialist):
    enroll(specialist, "2025-12-31")

    assert outcome(specialist, as_of="2026-12-30") == {
        "numerator": 0,
        "denominator": 0,
        "pending": 1,
        "rate": None,
    }


def test_a_job_start_exactly_365_days_after_intake_counts(specialist):
    # 2023-03-01 + 365 days is 2024-02-29: the leap day must not shift the limit.
    enrollment = enroll(specialist, "2023-03-01")
    job(enrollment, "2024-02-29")

    assert in_work_within_year(day("2023-01-01"), day("2023-12-31"), day("2024-12-31")) == {
        specialist.pk: {"numerator": 1, "denominator": 1, "pending": 0}
    }


def test_a_job_start_366_days_after_intake_stays_in_the_denominator_only(specialist):
    enrollment = enroll(specialist, "2023-03-01")
    job(enrollment, "2024-03-01")

    assert in_work_within_year(day("2023-01-01"), day("2023-12-31"), day("2024-12-31")) == {
        specialist.pk: {"numerator": 0, "denominator": 1, "pending": 0}
    }


def test_a_competitive_job_before_intake_is_not_a_first_job_start(specialist):
    enrollment = enroll(specialist, "2025-03-01", assigned_from="2025-01-01")
    job(enrollment, "2025-02-01")

    assert outcome(specialist)["numerator"] == 0


def test_a_non_competitive_job_does_not_count(specialist):
    enrollment = enroll(specialist, "2025-03-01")
    job(enrollment, "2025-04-01", competitive=False)

    assert outcome(specialist)["numerator"] == 0


def test_two_jobs_in_one_enrollment_count_once(specialist):
    enrollment = enroll(specialist, "2025-03-01")
    job(enrollment, "2025-04-01", title="First")
    job(enrollment, "2025-09-01", title="Second")

    assert outcome(specialist)["numerator"] == 1
    assert outcome(specialist)["denominator"] == 1


def test_each_enrollment_of_a_candidate_is_its_own_cohort_member(specialist):
    person = candidate()
    first = enroll(specialist, "2025-01-13", discharge="2025-03-01", person=person)
    enroll(specialist, "2025-06-02", person=person)
    job(first, "2025-02-03")

    assert outcome(specialist)["numerator"] == 1
    assert outcome(specialist)["denominator"] == 2


def test_a_job_of_an_earlier_enrollment_does_not_count_for_the_next(specialist):
    person = candidate()
    first = enroll(specialist, "2024-01-15", discharge="2025-01-10", person=person)
    job(first, "2024-06-03")
    enroll(specialist, "2025-01-13", person=person)

    assert outcome(specialist)["numerator"] == 0


def test_it_credits_the_holder_on_the_intake_date_when_reassigned_that_day(specialist, teammate):
    enrollment = enroll(specialist, "2025-03-01", assigned_from="2025-02-01")
    reassign(enrollment, teammate, "2025-03-01")
    job(enrollment, "2025-05-01")

    assert outcome(teammate)["numerator"] == 1
    assert outcome(specialist)["denominator"] == 0


def test_a_later_reassignment_does_not_move_the_credit(specialist, teammate):
    enrollment = enroll(specialist, "2025-03-01")
    reassign(enrollment, teammate, "2025-03-02")
    job(enrollment, "2025-05-01")

    assert outcome(specialist)["numerator"] == 1
    assert outcome(teammate)["denominator"] == 0


def test_a_discharge_without_a_job_stays_in_the_denominator(specialist):
    enroll(specialist, "2025-03-01", discharge="2025-04-01")
    kept = enroll(specialist, "2025-03-01")
    job(kept, "2025-06-01")

    assert outcome(specialist) == {"numerator": 1, "denominator": 2, "pending": 0, "rate": 0.5}


def test_job_retention_cases_are_left_out_of_the_outcome(specialist):
    retention = enroll(specialist, "2025-03-01", employed_at_referral=True)
    job(retention, "2025-04-01")

    assert outcome(specialist) == {"numerator": 0, "denominator": 0, "pending": 0, "rate": None}


def test_an_intake_outside_the_period_is_not_in_the_cohort(specialist):
    enroll(specialist, "2024-12-31")
    enroll(specialist, "2026-01-01")

    assert outcome(specialist)["denominator"] == 0
    assert outcome(specialist)["pending"] == 0


def test_the_rate_is_rounded_to_four_decimals(specialist):
    for n in range(3):
        enrollment = enroll(specialist, "2025-03-01")
        if n < 2:
            job(enrollment, "2025-05-01")

    assert outcome(specialist)["rate"] == 0.6667
