"""The people and weeks behind a dashboard figure.

Each function selects exactly what the matching function of reports.metrics
counts, as rows instead of an aggregate (tests/reports/test_dashboard_drilldown.py
checks that the list is as long as the figure). The view narrows the rows to
the reader's scope with ips.access.
"""

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.fields import DateField
from django.db.models.functions import Coalesce, TruncWeek

from candidates.models import Enrollment
from common.periods import Period
from employers.models import Placement
from followup.models import FIELD_LOCATIONS, Activity, Mode, WithWhom
from ips.access import candidates_visible_to
from reports.metrics.queries import FOLLOW_UP_DAYS, DaysBetween, first_job_start

DRILLS = ("caseload", "cohort", "job_starts", "first_contact", "weeks")


def caseload_members(day: datetime.date, holders) -> QuerySet:
    """Caseload(S, D): enrollments active on D held by S on D."""
    return (
        Enrollment.objects.active_on(day)
        .with_holder_on(day)
        .filter(holder_id__in=holders)
        .order_by("candidate__last_name", "candidate__first_name", "pk")
    )


def cohort_members(period: Period, as_of: datetime.date, holders) -> QuerySet:
    """The in-work-within-a-year cohort, pending intakes included, each with
    `followed_up` (a full year has passed) and `in_work` (a competitive job
    start within 365 days of intake)."""
    job_within_year = (
        Placement.objects.filter(
            enrollment=OuterRef("pk"), competitive=True, start_date__gte=OuterRef("intake_date")
        )
        .alias(days=DaysBetween(F("start_date"), OuterRef("intake_date")))
        .filter(days__lte=FOLLOW_UP_DAYS)
    )
    followed_up_by = as_of - datetime.timedelta(days=FOLLOW_UP_DAYS)
    return (
        Enrollment.objects.filter(
            employed_at_referral=False, intake_date__gte=period.start, intake_date__lte=period.end
        )
        .with_holder_on(OuterRef("intake_date"))
        .filter(holder_id__in=holders)
        .annotate(
            in_work=Exists(job_within_year),
            first_start=first_job_start(),
            followed_up=Q(intake_date__lte=followed_up_by),
        )
        .order_by("in_work", "-followed_up", "intake_date", "pk")
    )


def job_starts(period: Period, holders) -> QuerySet:
    """New in work: first competitive job starts in the period, credited to
    the holder on the start date."""
    return (
        Enrollment.objects.filter(employed_at_referral=False, intake_date__isnull=False)
        .annotate(first_start=first_job_start())
        .filter(first_start__gte=period.start, first_start__lte=period.end)
        .with_holder_on(OuterRef("first_start"))
        .filter(holder_id__in=holders)
        .order_by("first_start", "pk")
    )


def first_contacts(period: Period, holders) -> QuerySet:
    """Intakes of the period with their first face-to-face employer contact
    (None when there is none yet: those are left out of the median)."""
    first_contact = Subquery(
        Activity.objects.filter(
            candidate=OuterRef("candidate"),
            mode=Mode.IN_PERSON,
            with_whom=WithWhom.EMPLOYER,
            date__gte=OuterRef("intake_date"),
            date__lte=Coalesce(OuterRef("discharge_date"), datetime.date.max),
        )
        .order_by("date")
        .values("date")[:1],
        output_field=DateField(),
    )
    return (
        Enrollment.objects.filter(intake_date__gte=period.start, intake_date__lte=period.end)
        .with_holder_on(OuterRef("intake_date"))
        .filter(holder_id__in=holders)
        .annotate(first_contact=first_contact)
        .annotate(days=DaysBetween(F("first_contact"), F("intake_date")))
        .order_by(F("days").desc(nulls_first=True), "intake_date", "pk")
    )


def files_open_to(user, enrollments) -> set[int]:
    """The candidates of the listed enrollments whose file the user may open.

    One query for the whole list, not one per row. Being listed (holding an
    enrollment in scope) and opening the file are separate rules in
    ips.access; a name is only linked where the file would not answer 404."""
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
        .annotate(
            logged=Sum("minutes"),
            field=Coalesce(Sum("minutes", filter=Q(location__in=FIELD_LOCATIONS)), 0),
            employer_contacts=Count(
                "pk", filter=Q(mode=Mode.IN_PERSON, with_whom=WithWhom.EMPLOYER)
            ),
        )
        .order_by("week", "author_id")
    )
    result = []
    for row in rows:
        week = row["week"]
        if isinstance(week, datetime.datetime):
            week = week.date()
        result.append(row | {"week": week, "field_share": row["field"] / row["logged"]})
    return result
