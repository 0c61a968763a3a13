"""New candidates in work: out-of-work enrollments whose first job start falls in the
period, credited to the holder on that start date."""

import pytest

from reports.metrics import new_in_work
from tests.reports.helpers import candidate, day, enroll, figures_of, job, reassign, report

pytestmark = pytest.mark.django_db

START, END = day("2025-01-01"), day("2025-12-31")


def test_it_counts_a_first_job_start_in_the_period(specialist):
    job(enroll(specialist, "2024-10-01"), "2025-01-01")
    job(enroll(specialist, "2024-10-01"), "2025-12-31")
    job(enroll(specialist, "2024-10-01"), "2026-01-01")

    assert new_in_work(START, END) == {specialist.pk: 2}


def test_a_second_job_in_the_period_after_a_first_before_it_does_not_count(specialist):
    enrollment = enroll(specialist, "2024-10-01")
    job(enrollment, "2024-12-01", title="First")
    job(enrollment, "2025-02-01", title="Second")

    assert new_in_work(START, END) == {}


def test_two_jobs_in_the_period_count_once(specialist):
    enrollment = enroll(specialist, "2024-10-01")
    job(enrollment, "2025-02-01", title="First")
    job(enrollment, "2025-08-01", title="Second")

    assert new_in_work(START, END) == {specialist.pk: 1}


def test_a_competitive_job_before_intake_does_not_hide_the_first_start_after_it(specialist):
    enrollment = enroll(specialist, "2025-03-01", assigned_from="2024-12-01")
    job(enrollment, "2024-12-15", title="Before intake")
    job(enrollment, "2025-05-01", title="After intake")

    assert new_in_work(START, END) == {specialist.pk: 1}


def test_a_non_competitive_job_is_not_a_job_start(specialist):
    job(enroll(specialist, "2024-10-01"), "2025-02-01", competitive=False)

    assert new_in_work(START, END) == {}


def test_it_credits_the_holder_on_the_job_start_date_when_reassigned_that_day(specialist, teammate):
    enrollment = enroll(specialist, "2024-10-01")
    reassign(enrollment, teammate, "2025-02-01")
    job(enrollment, "2025-02-01")

    assert new_in_work(START, END) == {teammate.pk: 1}


def test_job_retention_cases_are_not_new_in_work(specialist):
    job(enroll(specialist, "2024-10-01", employed_at_referral=True), "2025-02-01")

    assert new_in_work(START, END) == {}


def test_a_candidate_with_two_enrollments_can_count_twice(specialist):
    person = candidate()
    first = enroll(specialist, "2025-01-06", discharge="2025-03-01", person=person)
    second = enroll(specialist, "2025-06-02", person=person)
    job(first, "2025-02-03")
    job(second, "2025-08-04")

    assert new_in_work(START, END) == {specialist.pk: 2}


def test_the_target_is_pro_rated_by_fte_and_the_share_of_the_year_passed(specialist):
    specialist.fte = "0.60"
    specialist.save()

    full_year = figures_of(specialist, report("2025-01-01", "2025-12-31", "2026-01-31"))
    half_year = figures_of(specialist, report("2025-01-01", "2025-12-31", "2025-07-02"))

    assert full_year["new_in_work_target"] == 5.4
    assert half_year["new_in_work_target"] == round(9 * 0.6 * 183 / 365, 2)
