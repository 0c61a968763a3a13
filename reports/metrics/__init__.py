"""The fidelity metrics of docs/metrics.md, computed by the database.

`queries` has one function per definition, `medians` the medians of all
levels in one query each; `reports.report.fidelity_report` assembles them into
the report. Decisions on cases the definitions leave open are in
docs/metrics.md.
"""

from reports.metrics.medians import (
    LEVELS,
    days_to_first_employer_contact,
    days_to_first_employer_contact_by_level,
    job_tenure,
    job_tenure_by_level,
)
from reports.metrics.queries import (
    FOLLOW_UP_DAYS,
    UNFILTERED,
    DaysBetween,
    activity_minutes,
    caseload,
    employment_rate,
    in_work_within_year,
    new_in_work,
    report_specialists,
)

__all__ = [
    "FOLLOW_UP_DAYS",
    "LEVELS",
    "UNFILTERED",
    "DaysBetween",
    "activity_minutes",
    "caseload",
    "days_to_first_employer_contact",
    "days_to_first_employer_contact_by_level",
    "employment_rate",
    "in_work_within_year",
    "job_tenure",
    "job_tenure_by_level",
    "new_in_work",
    "report_specialists",
]
