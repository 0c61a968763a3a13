"""The people and weeks behind a dashboard figure.

Each drill-down selects exactly what the matching query of reports.metrics
counts, from the same selection (the caseload, the in-work cohort, the first
job starts, the intakes with their first employer contact, the sums of
minutes), as rows instead of an aggregate
(tests/reports/test_dashboard_drilldown.py checks that the list is as long as
the figure). The figures name their drill-down (reports.figures); the view
narrows the rows to the reader's scope with the apps' scoping functions.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import F, OuterRef, QuerySet
from django.db.models.functions import TruncWeek
from django.utils.translation import gettext_lazy as _

from candidates.models import Enrollment
from candidates.queries import candidates_visible_to
from common.periods import Period
from followup.models import Activity
from reports.metrics.queries import (
    DaysBetween,
    first_employer_contact,
    first_job_start,
    first_job_starts,
    followed_up,
    in_work_cohort,
    intakes,
    minute_sums,
)


def caseload_members(day: datetime.date, holders) -> QuerySet:
    """Caseload(S, D): enrollments active on D held by S on D."""
    return (
        Enrollment.objects.held_on(day)
        .filter(holder_id__in=holders)
        .order_by("candidate__last_name", "candidate__first_name", "pk")
    )


def cohort_members(period: Period, as_of: datetime.date, holders) -> QuerySet:
    """The in-work-within-a-year cohort, pending intakes included, each with
    `followed_up` (a full year has passed) and `in_work` (a competitive job
    start within 365 days of intake)."""
    return (
        in_work_cohort(period.start, period.end)
        .filter(holder_id__in=holders)
        .annotate(
            in_work=F("in_work"),
            first_start=first_job_start(),
            followed_up=followed_up(as_of),
        )
        .order_by("in_work", "-followed_up", "intake_date", "pk")
    )


def job_starts(period: Period, holders) -> QuerySet:
    """New in work: the enrollments whose first job start in the period is
    credited to one of `holders`, each with `first_start` and `holder_id`."""
    counted = first_job_starts(period.start, period.end).filter(holder_id__in=holders)
    return (
        Enrollment.objects.filter(pk__in=counted.values("enrollment_id"))
        .annotate(first_start=first_job_start())
        .with_holder_on(OuterRef("first_start"))
        .order_by("first_start", "pk")
    )


def first_contacts(period: Period, holders) -> QuerySet:
    """Intakes of the period with their first face-to-face employer contact
    (None when there is none yet: those are left out of the median)."""
    return (
        intakes(period.start, period.end)
        .filter(holder_id__in=holders)
        .annotate(first_contact=first_employer_contact())
        .annotate(days=DaysBetween(F("first_contact"), F("intake_date")))
        .order_by(F("days").desc(nulls_first=True), "intake_date", "pk")
    )


def files_open_to(user, enrollments) -> set[int]:
    """The candidates of the listed enrollments whose file the user may open.

    One query for the whole list, not one per row. Being listed (holding an
    enrollment in scope) and opening the file are separate rules in
    candidates_visible_to; a name is only linked where the file would not answer 404."""
    candidate_ids = {enrollment.candidate_id for enrollment in enrollments}
    if not candidate_ids:
        return set()
    return set(
        candidates_visible_to(user).filter(pk__in=candidate_ids).values_list("pk", flat=True)
    )


def weeks(period: Period, authors) -> list[dict]:
    """Minutes, field minutes and employer contacts per specialist and week
    (weeks start on Monday); weeks without logged minutes are absent."""
    rows = (
        Activity.objects.filter(date__gte=period.start, date__lte=period.end, author__in=authors)
        .annotate(week=TruncWeek("date"))
        .order_by()
        .values("week", "author_id")
        .annotate(**minute_sums())
        .order_by("week", "author_id")
    )
    result = []
    for row in rows:
        week = row["week"]
        if isinstance(week, datetime.datetime):
            week = week.date()
        result.append(row | {"week": week, "field_share": row["field"] / row["logged"]})
    return result


@dataclass(frozen=True)
class Drill:
    """A list behind a figure: `name` is its address (…/behind/<name>/),
    `rows(period, as_of, holders)` what it lists: enrollments (person data,
    narrowed to the reader's scope and written to the access log) or, when
    `lists_candidates` is False, weeks of the specialists' own work."""

    name: str
    heading: str
    rows: Callable[[Period, datetime.date, list[int]], QuerySet | list[dict]]
    lists_candidates: bool = True


CASELOAD = Drill(
    "caseload",
    _("Caseload: the candidates held"),
    lambda period, as_of, holders: caseload_members(period.end, holders),
)
COHORT = Drill(
    "cohort",
    _("In work within a year: the cohort"),
    lambda period, as_of, holders: cohort_members(period, as_of, holders),
)
JOB_STARTS = Drill(
    "job_starts",
    _("New in work: the job starts counted"),
    lambda period, as_of, holders: job_starts(period, holders),
)
FIRST_CONTACT = Drill(
    "first_contact",
    _("First employer contact after intake"),
    lambda period, as_of, holders: first_contacts(period, holders),
)
WEEKS = Drill(
    "weeks",
    _("Weeks: field share and employer contacts"),
    lambda period, as_of, authors: weeks(period, authors),
    lists_candidates=False,
)
