"""The fidelity metrics of docs/metrics.md: one query per definition.

Every function here runs ONE query and returns aggregate rows keyed by the
id of the specialist they are credited to, never rows per candidate or
activity. The selections they count (a cohort, the first job starts, the
first employer contact) are functions of their own, which the drill-downs
(reports.drilldown) list instead of counting.

Decisions on cases the definitions leave open are in docs/metrics.md.
"""

import datetime

from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from candidates.models import Assignment, Enrollment
from candidates.queries import caseloads
from employers.models import Placement
from followup.models import FIELD_LOCATIONS, Activity, Mode, WithWhom
from ips.models import Role, User

#: A full year of follow-up.
FOLLOW_UP_DAYS = 365


class DaysBetween(Func):
    """Whole days from `start` to `end` (end − start), the same on SQLite and PostgreSQL.

    PostgreSQL subtracts dates to an integer; SQLite stores dates as ISO text,
    so it goes through julianday(). Django's own DateField subtraction yields a
    DurationField (an interval on PostgreSQL, microseconds on SQLite), which
    cannot be compared with a plain number portably.
    """

    output_field = IntegerField()
    arg_joiner = " - "
    template = "(%(expressions)s)"

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


def date_value(value: datetime.date) -> Value:
    return Value(value, output_field=DateField())


def report_specialists() -> QuerySet:
    """The people a report is about: users whose role is job specialist."""
    return User.objects.filter(role=Role.SPECIALIST)


def specialist_ids(specialists: QuerySet | None) -> QuerySet:
    return (specialists if specialists is not None else report_specialists()).values("pk")


#: Passed as `specialists` by `fidelity_report` when it reports on everyone: a
#: count per credited specialist then needs no filter, since the report reads
#: only its specialists' rows. Without the filter PostgreSQL evaluates the
#: holder subquery once per row instead of twice (WHERE and GROUP BY).
UNFILTERED = object()


def credited_to(queryset: QuerySet, credited: str, specialists) -> QuerySet:
    """Keep the rows credited to `specialists` (None: every job specialist)."""
    if specialists is UNFILTERED:
        return queryset
    if credited == "holder_id":
        queryset = held_by(queryset, specialists)
    return queryset.filter(**{f"{credited}__in": specialist_ids(specialists)})


def held_by(queryset: QuerySet, specialists: QuerySet | None) -> QuerySet:
    """Narrow enrollments (or placements) to those one of `specialists` has
    held at some time, before the holder on a date is looked up for each.

    The holder on any date is one of the enrollment's assignments, so this
    drops no row credited to them; it only spares looking up the holder of
    every enrollment of the period when a report is on a few specialists (a
    team's recompute task, a team's dashboard). A report on every specialist
    (None) is not narrowed.
    """
    if specialists is None:
        return queryset
    held = Assignment.objects.filter(specialist__in=specialist_ids(specialists)).values(
        "enrollment_id"
    )
    path = "pk" if queryset.model is Enrollment else "enrollment_id"
    return queryset.filter(**{f"{path}__in": held})


def first_job_start() -> Subquery:
    """First job start of an enrollment: its earliest competitive placement
    start on or after intake."""
    earliest = (
        Placement.objects.filter(
            enrollment=OuterRef("pk"), competitive=True, start_date__gte=OuterRef("intake_date")
        )
        .order_by()
        .values("enrollment")
        .annotate(first=Min("start_date"))
        .values("first")
    )
    return Subquery(earliest, output_field=DateField())


# --- Caseload --------------------------------------------------------------


def caseload(day: datetime.date, specialists: QuerySet | None = None) -> dict[int, int]:
    """Caseload(S, D): enrollments active on D held by S.

    Active on D: intake ≤ D and (no discharge or discharge > D). Holder on D:
    the specialist of the latest assignment with from-date ≤ D. Counted by
    candidates.queries.caseloads, the one caseload count. The band check
    (caseload ÷ FTE in the band of ips.targets) is made by the report.
    """
    if specialists is UNFILTERED:
        return caseloads(day)
    return caseloads(day, specialists if specialists is not None else report_specialists())


# --- Minutes and employer contacts ----------------------------------------


def minute_sums() -> dict:
    """Per group of activities: all minutes logged, field minutes (location
    workplace or community) and face-to-face employer contacts (in person,
    with an employer)."""
    # Counted on `minutes` (never null), not on the id: every column read is
    # in the index activity_period_minutes_idx, so PostgreSQL answers a
    # period's sums from the index alone.
    return {
        "logged": Sum("minutes"),
        "field": Coalesce(Sum("minutes", filter=Q(location__in=FIELD_LOCATIONS)), 0),
        "employer_contacts": Count(
            "minutes", filter=Q(mode=Mode.IN_PERSON, with_whom=WithWhom.EMPLOYER)
        ),
    }


def activity_minutes(
    start: datetime.date, end: datetime.date, specialists: QuerySet | None = None
) -> dict[int, dict]:
    """Field share(S, period): minutes of S's activities in the period whose
    location is the employer's workplace or elsewhere in the community, divided
    by all minutes S logged in the period. No logged minutes: no figure.

    Also counts face-to-face employer contacts (mode in person, with the
    employer) for the fidelity scale's employer-contact item (its target per
    specialist per week is in ips.targets). Credited to the activity's author.
    """
    rows = (
        credited_to(Activity.objects.filter(date__gte=start, date__lte=end), "author", specialists)
        .order_by()
        .values("author_id")
        .annotate(**minute_sums())
    )
    return {
        row["author_id"]: {
            "logged": row["logged"],
            "field": row["field"],
            "employer_contacts": row["employer_contacts"],
        }
        for row in rows
    }


# --- Outcomes --------------------------------------------------------------


def intakes(start: datetime.date, end: datetime.date) -> QuerySet:
    """Enrollments taken in during [start, end], each with `holder_id`: the
    holder on the intake date, to whom intake figures are credited."""
    return Enrollment.objects.filter(intake_date__gte=start, intake_date__lte=end).with_holder_on(
        OuterRef("intake_date")
    )


def job_within_year() -> QuerySet:
    """Competitive placements of the outer enrollment starting on or after
    its intake and at most 365 days after it (for `Exists`)."""
    return (
        Placement.objects.filter(
            enrollment=OuterRef("pk"), competitive=True, start_date__gte=OuterRef("intake_date")
        )
        .alias(days=DaysBetween(F("start_date"), OuterRef("intake_date")))
        .filter(days__lte=FOLLOW_UP_DAYS)
    )


def in_work_cohort(start: datetime.date, end: datetime.date) -> QuerySet:
    """The cohort of in work within a year, pending intakes included:
    enrollments out of work at referral with intake in [start, end], with
    `holder_id` (the holder on the intake date) and the alias `in_work` (a
    competitive job start within 365 days of intake)."""
    return (
        intakes(start, end)
        .filter(employed_at_referral=False)
        .alias(in_work=Exists(job_within_year()))
    )


def followed_up(as_of: datetime.date) -> Q:
    """A full year of follow-up by `as_of`: intake + 365 days ≤ as-of."""
    # intake + 365 ≤ as_of  ⇔  intake ≤ as_of − 365: the date is computed here,
    # so the comparison is a plain date comparison on every database.
    return Q(intake_date__lte=as_of - datetime.timedelta(days=FOLLOW_UP_DAYS))


def in_work_within_year(
    start: datetime.date,
    end: datetime.date,
    as_of: datetime.date,
    specialists: QuerySet | None = None,
) -> dict[int, dict]:
    """In work within a year (period): cohort = enrollments out of work at
    referral with intake in the period and intake + 365 days ≤ as-of date (a
    full year of follow-up; younger ones are reported as pending, not
    counted). Numerator = cohort members whose first job start ≤ intake + 365
    days. Credited to the holder on the intake date. Intention to treat: a
    discharge without a job stays in the denominator.
    """
    full_year = followed_up(as_of)
    rows = (
        credited_to(in_work_cohort(start, end), "holder_id", specialists)
        .order_by()
        .values("holder_id")
        .annotate(
            denominator=Count("pk", filter=full_year),
            numerator=Count("pk", filter=full_year & Q(in_work=True)),
            pending=Count("pk", filter=~full_year),
        )
    )
    return {
        row["holder_id"]: {
            "numerator": row["numerator"],
            "denominator": row["denominator"],
            "pending": row["pending"],
        }
        for row in rows
    }


def first_job_starts(start: datetime.date, end: datetime.date) -> QuerySet:
    """The first job starts in [start, end] of enrollments out of work at
    referral, as placements, each with `holder_id`: the holder on its start
    date, to whom it is credited."""
    # Seen from the job: a competitive placement in the period that starts on
    # or after intake with no competitive placement of the same enrollment
    # between intake and its start is a first job start. Starting from the
    # period's placements (not every enrollment) keeps the work proportional
    # to the period's job starts. Two first jobs on the same day are two
    # placements of one enrollment: count the enrollments.
    earlier = Placement.objects.filter(
        enrollment=OuterRef("enrollment"),
        competitive=True,
        start_date__gte=OuterRef("enrollment__intake_date"),
        start_date__lt=OuterRef("start_date"),
    )
    return (
        Placement.objects.filter(
            competitive=True,
            enrollment__employed_at_referral=False,
            start_date__gte=start,
            start_date__lte=end,
        )
        .filter(start_date__gte=F("enrollment__intake_date"))
        .filter(~Exists(earlier))
        .annotate(holder_id=holder_of_placement_on_start())
    )


def new_in_work(
    start: datetime.date, end: datetime.date, specialists: QuerySet | None = None
) -> dict[int, int]:
    """New candidates in work (S, period): enrollments out of work at referral
    whose first job start falls in the period, credited to the holder on that
    start date. Target (ips.targets) per specialist per year, pro-rated by FTE
    and, year-to-date, by the share of the year passed.
    """
    rows = (
        credited_to(first_job_starts(start, end), "holder_id", specialists)
        .order_by()
        .values("holder_id")
        .annotate(n=Count("enrollment", distinct=True))
        .values_list("holder_id", "n")
    )
    return dict(rows)


def employment_rate(
    quarter_start: datetime.date,
    quarter_end: datetime.date,
    specialists: QuerySet | None = None,
) -> dict[int, dict]:
    """Quarterly employment rate: share of the quarter's active caseload that
    worked in a competitive job at some time in the quarter.

    Active caseload of the quarter: enrollments out of work at referral that
    were active on at least one day of it, credited to the holder on the
    quarter's last day. Worked: a competitive placement of the enrollment
    overlapping the quarter.
    """
    worked = Placement.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=quarter_start),
        enrollment=OuterRef("pk"),
        competitive=True,
        start_date__lte=quarter_end,
    )
    enrollments = (
        Enrollment.objects.filter(employed_at_referral=False, intake_date__lte=quarter_end)
        .filter(Q(discharge_date__isnull=True) | Q(discharge_date__gt=quarter_start))
        .with_holder_on(quarter_end)
        .alias(worked=Exists(worked))
    )
    rows = (
        credited_to(enrollments, "holder_id", specialists)
        .order_by()
        .values("holder_id")
        .annotate(active=Count("pk"), employed=Count("pk", filter=Q(worked=True)))
    )
    return {
        row["holder_id"]: {"employed": row["employed"], "active": row["active"]} for row in rows
    }


def first_employer_contact() -> Subquery:
    """The date of the outer enrollment's first face-to-face employer contact
    about its candidate: an activity in person with an employer whose
    candidate is the enrollment's, dated on or after intake and not after
    discharge (None while there is none)."""
    return Subquery(
        Activity.objects.filter(
            candidate=OuterRef("candidate"),
            mode=Mode.IN_PERSON,
            with_whom=WithWhom.EMPLOYER,
            date__gte=OuterRef("intake_date"),
            date__lte=Coalesce(OuterRef("discharge_date"), date_value(datetime.date.max)),
        )
        .order_by("date")
        .values("date")[:1],
        output_field=DateField(),
    )


def holder_of_placement_on_start() -> Subquery:
    """Holder on the placement's start date (the same rule as
    EnrollmentQuerySet.with_holder_on, seen from a placement)."""
    return Subquery(
        Assignment.objects.filter(
            enrollment=OuterRef("enrollment"), from_date__lte=OuterRef("start_date")
        )
        .order_by("-from_date")
        .values("specialist_id")[:1],
        output_field=IntegerField(),
    )
