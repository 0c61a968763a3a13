"""The IPS fidelity scale's measures beside the core metrics."""

import pytest

from reports.metrics import days_to_first_employer_contact, employment_rate, job_tenure
from tests.reports.helpers import day, enroll, figures_of, job, log, report, row

pytestmark = pytest.mark.django_db

START, END = day("2025-01-01"), day("2025-12-31")


def employer_meeting(specialist, enrollment, on, **extra):
    values = {"mode": "in_person", "with_whom": "employer", "location": "workplace"} | extra
    return log(specialist, on, 30, candidate=enrollment.candidate, **values)


def test_days_to_first_employer_contact_is_the_median_over_enrollments(specialist):
    for days_later in ("2025-03-11", "2025-03-21", "2025-04-10"):
        enrollment = enroll(specialist, "2025-03-01")
        employer_meeting(specialist, enrollment, days_later)

    assert days_to_first_employer_contact(START, END) == {specialist.pk: 20.0}


def test_an_even_number_of_enrollments_averages_the_middle_two(specialist):
    for days_later in ("2025-03-11", "2025-03-21", "2025-03-31", "2025-04-10"):
        employer_meeting(specialist, enroll(specialist, "2025-03-01"), days_later)

    assert days_to_first_employer_contact(START, END) == {specialist.pk: 25.0}


def test_only_the_first_face_to_face_employer_contact_on_or_after_intake_counts(specialist):
    enrollment = enroll(specialist, "2025-03-01", assigned_from="2025-02-01")
    employer_meeting(specialist, enrollment, "2025-02-20")
    employer_meeting(specialist, enrollment, "2025-03-05", mode="phone", location="office")
    employer_meeting(specialist, enrollment, "2025-03-08", with_whom="candidate")
    employer_meeting(specialist, enrollment, "2025-03-15")
    employer_meeting(specialist, enrollment, "2025-03-20")

    assert days_to_first_employer_contact(START, END) == {specialist.pk: 14.0}


def test_an_enrollment_without_an_employer_contact_has_no_figure(specialist):
    enroll(specialist, "2025-03-01")

    figures = figures_of(specialist, report("2025-01-01", "2025-12-31", "2026-12-31"))

    assert figures["days_to_first_employer_contact"] is None


def test_the_team_median_pools_enrollments_not_specialists_medians(specialist, teammate):
    for days_later in ("2025-03-02", "2025-03-03", "2025-03-04"):
        employer_meeting(specialist, enroll(specialist, "2025-03-01"), days_later)
    employer_meeting(teammate, enroll(teammate, "2025-03-01"), "2025-04-10")

    team = row(report("2025-01-01", "2025-12-31", "2026-12-31")["teams"], "name", "Horten")

    assert team["days_to_first_employer_contact"] == 2.5


def test_employer_contacts_per_week_counts_face_to_face_employer_meetings(specialist):
    enrollment = enroll(specialist, "2025-02-01")
    for n in range(6):
        employer_meeting(specialist, enrollment, f"2025-03-0{n + 3}")
    employer_meeting(specialist, enrollment, "2025-03-04", mode="phone", location="office")

    figures = figures_of(specialist, report("2025-03-03", "2025-03-09", "2025-12-31"))

    assert figures["employer_contacts"] == 6
    assert figures["employer_contacts_per_week"] == 6.0


def test_employment_rate_is_the_share_of_the_quarters_caseload_that_worked(specialist):
    worked = enroll(specialist, "2025-01-13")
    job(worked, "2025-02-01", end="2025-04-01")
    job(enroll(specialist, "2025-01-13"), "2025-02-01", end="2025-03-31")
    enroll(specialist, "2025-01-13", discharge="2025-04-02")
    enroll(specialist, "2025-01-13", discharge="2025-04-01")
    enroll(specialist, "2025-07-01")

    assert employment_rate(day("2025-04-01"), day("2025-06-30")) == {
        specialist.pk: {"employed": 1, "active": 3}
    }


def test_the_report_gives_the_employment_rate_of_the_quarter_holding_the_end(specialist):
    job(enroll(specialist, "2025-10-01"), "2025-11-01")
    enroll(specialist, "2025-10-01")

    rate = figures_of(specialist, report("2025-01-01", "2025-12-31", "2026-12-31"))[
        "employment_rate"
    ]

    assert rate == {
        "quarter_start": "2025-10-01",
        "quarter_end": "2025-12-31",
        "employed": 1,
        "active": 2,
        "rate": 0.5,
    }


def test_job_tenure_counts_open_jobs_to_the_as_of_date(specialist):
    enrollment = enroll(specialist, "2025-01-13")
    job(enrollment, "2025-03-01", end="2025-03-11", title="Short")
    job(enrollment, "2025-06-01", title="Open")
    job(enrollment, "2025-07-01", title="Sheltered", competitive=False)

    assert job_tenure(START, END, day("2025-06-21")) == {specialist.pk: 15.0}


def test_medians_of_one_level_alone_and_of_nothing(specialist, other_specialist):
    for days_later in ("2025-03-11", "2025-03-31"):
        employer_meeting(specialist, enroll(specialist, "2025-03-01"), days_later)
    employer_meeting(other_specialist, enroll(other_specialist, "2025-03-01"), "2025-03-06")

    assert days_to_first_employer_contact(START, END, level="total") == {0: 10.0}
    assert days_to_first_employer_contact(START, END, level="office") == {
        specialist.office_id: 20.0,
        other_specialist.office_id: 5.0,
    }
    # No enrollment in the period: no median at any level, not a median of nothing.
    assert days_to_first_employer_contact(day("2024-01-01"), day("2024-12-31"), "total") == {}
    assert job_tenure(START, END, day("2026-12-31"), level="team") == {}
