"""The fidelity metrics of shared/design.md, computed by the database.

Every function here runs ONE query (the medians one for all their levels)
and returns aggregate rows keyed by specialist id (or team, office id), never
rows per candidate or activity. `fidelity_report()` assembles those rows into the report: Python
loops only over the per-specialist aggregate results.

Decisions on cases the definitions leave open are in docs/metrics.md.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db import connections, router
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
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from candidates.models import Assignment, Enrollment
from candidates.queries import caseloads
from common.periods import Period
from employers.models import Placement
from followup.models import FIELD_LOCATIONS, Activity, Mode, WithWhom
from ips import targets
from ips.models import Role, User

#: A full year of follow-up.
FOLLOW_UP_DAYS = 365

LEVELS = ("specialist", "team", "office", "total")


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


def _date(value: datetime.date) -> Value:
    return Value(value, output_field=DateField())


def report_specialists() -> QuerySet:
    """The people a report is about: users whose role is job specialist."""
    return User.objects.filter(role=Role.SPECIALIST)


def _ids(specialists: QuerySet | None) -> QuerySet:
    return (specialists if specialists is not None else report_specialists()).values("pk")


#: Passed as `specialists` by `fidelity_report` when it reports on everyone: a
#: count per credited specialist then needs no filter, since the report reads
#: only its specialists' rows. Without the filter PostgreSQL evaluates the
#: holder subquery once per row instead of twice (WHERE and GROUP BY).
_UNFILTERED = object()


def _credited(queryset: QuerySet, credited: str, specialists) -> QuerySet:
    """Keep the rows credited to `specialists` (None: every job specialist)."""
    if specialists is _UNFILTERED:
        return queryset
    if credited == "holder_id":
        queryset = _held_by(queryset, specialists)
    return queryset.filter(**{f"{credited}__in": _ids(specialists)})


def _held_by(queryset: QuerySet, specialists: QuerySet | None) -> QuerySet:
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
    held = Assignment.objects.filter(specialist__in=_ids(specialists)).values("enrollment_id")
    path = "pk" if queryset.model is Enrollment else "enrollment_id"
    return queryset.filter(**{f"{path}__in": held})


def _first_job_start() -> Subquery:
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
    if specialists is _UNFILTERED:
        return caseloads(day)
    return caseloads(day, specialists if specialists is not None else report_specialists())


# --- Minutes and employer contacts ----------------------------------------


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
    # Every column read is in the index activity_period_minutes_idx, so
    # PostgreSQL answers from the index alone: the contacts are counted on
    # `minutes` (never null), not on the id, which the index does not hold.
    rows = (
        _credited(Activity.objects.filter(date__gte=start, date__lte=end), "author", specialists)
        .order_by()
        .values("author_id")
        .annotate(
            logged=Sum("minutes"),
            field=Coalesce(Sum("minutes", filter=Q(location__in=FIELD_LOCATIONS)), 0),
            employer_contacts=Count(
                "minutes", filter=Q(mode=Mode.IN_PERSON, with_whom=WithWhom.EMPLOYER)
            ),
        )
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
    # intake + 365 ≤ as_of  ⇔  intake ≤ as_of − 365: the date is computed here,
    # so the comparison is a plain date comparison on every database.
    followed_up = Q(intake_date__lte=as_of - datetime.timedelta(days=FOLLOW_UP_DAYS))
    job_within_year = (
        Placement.objects.filter(
            enrollment=OuterRef("pk"), competitive=True, start_date__gte=OuterRef("intake_date")
        )
        .alias(days=DaysBetween(F("start_date"), OuterRef("intake_date")))
        .filter(days__lte=FOLLOW_UP_DAYS)
    )
    enrollments = (
        Enrollment.objects.filter(
            employed_at_referral=False, intake_date__gte=start, intake_date__lte=end
        )
        .with_holder_on(OuterRef("intake_date"))
        .alias(in_work=Exists(job_within_year))
    )
    rows = (
        _credited(enrollments, "holder_id", specialists)
        .order_by()
        .values("holder_id")
        .annotate(
            denominator=Count("pk", filter=followed_up),
            numerator=Count("pk", filter=followed_up & Q(in_work=True)),
            pending=Count("pk", filter=~followed_up),
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


def new_in_work(
    start: datetime.date, end: datetime.date, specialists: QuerySet | None = None
) -> dict[int, int]:
    """New candidates in work (S, period): enrollments out of work at referral
    whose first job start falls in the period, credited to the holder on that
    start date. Target (ips.targets) per specialist per year, pro-rated by FTE
    and, year-to-date, by the share of the year passed.
    """
    # Seen from the job: a competitive placement in the period that starts on
    # or after intake with no competitive placement of the same enrollment
    # between intake and its start is a first job start. Starting from the
    # period's placements (not every enrollment) keeps the work proportional
    # to the period's job starts. Two first jobs on the same day count once.
    earlier = Placement.objects.filter(
        enrollment=OuterRef("enrollment"),
        competitive=True,
        start_date__gte=OuterRef("enrollment__intake_date"),
        start_date__lt=OuterRef("start_date"),
    )
    first_jobs = (
        Placement.objects.filter(
            competitive=True,
            enrollment__employed_at_referral=False,
            start_date__gte=start,
            start_date__lte=end,
        )
        .filter(start_date__gte=F("enrollment__intake_date"))
        .filter(~Exists(earlier))
        .annotate(holder_id=_holder_of_placement_on_start())
    )
    rows = (
        _credited(first_jobs, "holder_id", specialists)
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
        _credited(enrollments, "holder_id", specialists)
        .order_by()
        .values("holder_id")
        .annotate(active=Count("pk"), employed=Count("pk", filter=Q(worked=True)))
    )
    return {
        row["holder_id"]: {"employed": row["employed"], "active": row["active"]} for row in rows
    }


# --- Medians ---------------------------------------------------------------

#: How each level groups the credited specialist's rows (columns of the user).
_LEVEL_COLUMNS = {"specialist": "id", "team": "team_id", "office": "office_id", "total": None}


def _medians_by_level(
    queryset: QuerySet, credited: str, value, levels, specialists: QuerySet | None
) -> dict[str, dict]:
    """Median of `value` per specialist, team, office and/or in total (the
    `levels`), in the database, in ONE query whatever the number of levels.

    `credited` names the annotation of `queryset` holding the id of the
    specialist a row is credited to; rows credited to no one in `specialists`,
    and rows whose value is null, are left out. A team's, office's or total
    median pools the rows of its specialists (the team and office being the
    specialist's current ones); the total's key is 0.

    On PostgreSQL one pass with an ordered-set aggregate over grouping sets
    (percentile_cont, which averages the middle two of an even count). SQLite
    has neither, so there the rows are repeated once per level with that
    level's key, numbered within each key by a window, and the one or two
    middle rows of each key averaged. Both give the same figures (tested on
    both databases).
    """
    queryset = _held_by(queryset, specialists)
    base = queryset.annotate(median_value=value).order_by().values(credited, "median_value")
    base_sql, base_params = base.query.sql_with_params()
    ids_sql, ids_params = _ids(specialists).query.sql_with_params()
    db = router.db_for_read(queryset.model)
    connection = connections[db]
    quote = connection.ops.quote_name
    user = quote(User._meta.db_table)
    postgresql = connection.vendor == "postgresql"
    # Both evaluated once: PostgreSQL would otherwise inline them and evaluate
    # the value's subquery twice (in the WHERE and the SELECT clause).
    materialized = "MATERIALIZED " if postgresql else ""
    # Only quoted constant names and compiled querysets are interpolated;
    # values travel as parameters.
    rows = (
        f"WITH base AS {materialized}({base_sql}), "  # noqa: S608
        f"b AS {materialized}(SELECT u.{quote('id')}, u.{quote('team_id')}, "
        f"u.{quote('office_id')}, base.{quote('median_value')} AS v "
        f"FROM base INNER JOIN {user} u ON u.{quote('id')} = base.{quote(credited)} "
        f"WHERE base.{quote('median_value')} IS NOT NULL AND u.{quote('id')} IN ({ids_sql})) "
    )
    columns = [_LEVEL_COLUMNS[level] for level in levels]
    medians = {level: {} for level in levels}
    compute = _medians_by_grouping_sets if postgresql else _medians_by_window
    with connection.cursor() as cursor:
        for level, key, median in compute(cursor, rows, (*base_params, *ids_params), levels,
                                          columns, quote):  # fmt: skip
            medians[level][key] = median
    return medians


def _medians_by_grouping_sets(cursor, rows, params, levels, columns, quote):
    """(level, key, median) from one pass over `rows` (PostgreSQL)."""
    keyed = [column for column in columns if column]
    # GROUPING(…) has a bit set for each column a row's set does not group by.
    bits = {
        column: sum(1 << (len(keyed) - 1 - i) for i, c in enumerate(keyed) if c != column)
        for column in columns
    }
    level_of = {
        bits[column]: (level, column) for level, column in zip(levels, columns, strict=True)
    }
    listed = ", ".join(f"b.{quote(column)}" for column in keyed)
    sets = ", ".join(f"(b.{quote(column)})" if column else "()" for column in columns)
    cursor.execute(
        f"{rows}SELECT {f'GROUPING({listed}), {listed}' if keyed else '0'}, "  # noqa: S608
        f"percentile_cont(0.5) WITHIN GROUP (ORDER BY b.v) FROM b GROUP BY GROUPING SETS ({sets})",
        params,
    )
    for group, *keys, median in cursor.fetchall():
        level, column = level_of[group]
        # The grand total's row comes even when there are no rows: no median then.
        if median is not None:
            yield level, keys[keyed.index(column)] if column else 0, float(median)


def _medians_by_window(cursor, rows, params, levels, columns, quote):
    """(level, key, median) with a window numbering each key's rows (SQLite)."""
    numbered = " UNION ALL ".join(
        f"SELECT {position} AS lvl, {'b.' + quote(column) if column else 0} AS k, b.v FROM b"  # noqa: S608
        for position, column in enumerate(columns)
    )
    cursor.execute(
        f"{rows}SELECT m.lvl, m.k, AVG(m.v) FROM (SELECT p.lvl, p.k, p.v, "  # noqa: S608
        "ROW_NUMBER() OVER w AS r, COUNT(*) OVER w AS n "
        f"FROM ({numbered}) p "
        # One window for both (one pass): the whole partition is the frame.
        "WINDOW w AS (PARTITION BY p.lvl, p.k ORDER BY p.v "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) m "
        "WHERE m.r IN ((m.n + 1) / 2, (m.n + 2) / 2) GROUP BY m.lvl, m.k",
        params,
    )
    for position, key, median in cursor.fetchall():
        yield levels[position], key, float(median)


def days_to_first_employer_contact_by_level(
    start: datetime.date,
    end: datetime.date,
    levels: tuple[str, ...] = LEVELS,
    specialists: QuerySet | None = None,
) -> dict[str, dict]:
    """Days from intake to first face-to-face employer contact about the
    candidate (target: ips.targets): median per level, for each of `levels`.

    Enrollments with intake in the period, credited to the holder on the intake
    date. The contact is an activity in person with an employer whose
    candidate is the enrollment's candidate, dated on or after intake and not
    after discharge. Enrollments without such a contact yet are left out.
    """
    first_contact = Subquery(
        Activity.objects.filter(
            candidate=OuterRef("candidate"),
            mode=Mode.IN_PERSON,
            with_whom=WithWhom.EMPLOYER,
            date__gte=OuterRef("intake_date"),
            date__lte=Coalesce(OuterRef("discharge_date"), _date(datetime.date.max)),
        )
        .order_by("date")
        .values("date")[:1],
        output_field=DateField(),
    )
    # No contact: no first contact date, so no days (null), so left out.
    enrollments = (
        Enrollment.objects.filter(intake_date__gte=start, intake_date__lte=end)
        .with_holder_on(OuterRef("intake_date"))
        .alias(first_contact=first_contact)
    )
    return _medians_by_level(
        enrollments,
        "holder_id",
        DaysBetween(F("first_contact"), F("intake_date")),
        levels,
        specialists,
    )


def days_to_first_employer_contact(
    start: datetime.date,
    end: datetime.date,
    level: str = "specialist",
    specialists: QuerySet | None = None,
) -> dict:
    """Days to first face-to-face employer contact, median per key of one level."""
    return days_to_first_employer_contact_by_level(start, end, (level,), specialists)[level]


def _holder_of_placement_on_start() -> Subquery:
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


def job_tenure_by_level(
    start: datetime.date,
    end: datetime.date,
    as_of: datetime.date,
    levels: tuple[str, ...] = LEVELS,
    specialists: QuerySet | None = None,
) -> dict[str, dict]:
    """Job tenure: median days in competitive jobs, open jobs counted to as-of,
    per level, for each of `levels`.

    Competitive placements of enrollments out of work at referral that started
    in the period and on or before the as-of date; days = (end date or as-of,
    whichever is earlier) − start date. Credited to the holder on the start date.
    """
    placements = Placement.objects.filter(
        competitive=True,
        enrollment__employed_at_referral=False,
        start_date__gte=start,
        start_date__lte=min(end, as_of),
    ).annotate(holder_id=_holder_of_placement_on_start())
    until = Least(Coalesce(F("end_date"), _date(as_of)), _date(as_of))
    return _medians_by_level(
        placements, "holder_id", DaysBetween(until, F("start_date")), levels, specialists
    )


def job_tenure(
    start: datetime.date,
    end: datetime.date,
    as_of: datetime.date,
    level: str = "specialist",
    specialists: QuerySet | None = None,
) -> dict:
    """Job tenure in days, median per key of one level."""
    return job_tenure_by_level(start, end, as_of, (level,), specialists)[level]


# --- The report ------------------------------------------------------------


@dataclass(frozen=True)
class ReportPeriod:
    """The period of a report as of a day, with what its figures read of it."""

    period: Period
    as_of: datetime.date

    # Each is read for every scope of a report, and computed once.
    @cached_property
    def quarter(self) -> Period:
        """The calendar quarter containing the period's end."""
        return Period.quarter_of(self.period.end)

    @cached_property
    def elapsed_days(self) -> int:
        """Days of the period passed by the as-of date (the whole period once it is over)."""
        return self.period.elapsed_days(self.as_of)

    @cached_property
    def year_share(self) -> float:
        """Days passed as a share of the days of the year the period starts in."""
        return self.elapsed_days / Period.year_of(self.period.start).days


_SUMMED = (
    "caseload",
    "logged",
    "field",
    "employer_contacts",
    "numerator",
    "denominator",
    "pending",
    "new_in_work",
    "employed",
    "active",
)


def _empty_parts() -> dict:
    return dict.fromkeys(_SUMMED, 0) | {"fte": 0.0, "specialists": 0}


def _add(total: dict, part: dict) -> None:
    for name in (*_SUMMED, "fte", "specialists"):
        total[name] += part[name]


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _ratio(value, by, digits: int = 2) -> float | None:
    return round(value / by, digits) if by else None


def _figures(parts: dict, period: ReportPeriod, days_to_contact, tenure) -> dict:
    """The figures of one scope from its summed parts: pooled, never a mean of rates."""
    fte = parts["fte"]
    weeks = period.elapsed_days / 7
    quarter = period.quarter
    per_fte = _ratio(parts["caseload"], fte)
    target = targets.current()
    return {
        "fte": round(fte, 2),
        "caseload": parts["caseload"],
        "caseload_per_fte": per_fte,
        "caseload_per_fte_in_band": None
        if per_fte is None
        else target.caseload_per_fte.contains(per_fte),
        "field_minutes": parts["field"],
        "logged_minutes": parts["logged"],
        "field_share": _rate(parts["field"], parts["logged"]),
        "in_work_within_year": {
            "numerator": parts["numerator"],
            "denominator": parts["denominator"],
            "pending": parts["pending"],
            "rate": _rate(parts["numerator"], parts["denominator"]),
        },
        "new_in_work": parts["new_in_work"],
        "new_in_work_per_fte": _ratio(parts["new_in_work"], fte),
        "new_in_work_target": round(target.new_in_work_per_fte_a_year * fte * period.year_share, 2),
        "employer_contacts": parts["employer_contacts"],
        "employer_contacts_per_week": _ratio(
            parts["employer_contacts"], parts["specialists"] * weeks
        ),
        "days_to_first_employer_contact": days_to_contact,
        "employment_rate": {
            "quarter_start": quarter.start.isoformat(),
            "quarter_end": quarter.end.isoformat(),
            "employed": parts["employed"],
            "active": parts["active"],
            "rate": _rate(parts["employed"], parts["active"]),
        },
        "job_tenure_days": tenure,
    }


def _pooled_figures(parts, period, days_to_contact, tenure) -> dict:
    figures = _figures(parts, period, days_to_contact, tenure)
    figures["specialists"] = parts["specialists"]
    figures["caseload_mean"] = _ratio(parts["caseload"], parts["specialists"])
    return figures


def fidelity_report(
    start: datetime.date,
    end: datetime.date,
    as_of: datetime.date | None = None,
    *,
    specialists: QuerySet | None = None,
    levels: tuple[str, ...] = LEVELS,
) -> dict:
    """The fidelity report of shared/design.md for [start, end] as of a date.

    Per specialist, pooled per team, per office and in total. The number of
    queries is fixed: it does not grow with specialists, candidates or
    activities. `specialists` narrows the report (e.g. to one team);
    `levels` picks the scopes to build. `start`, `end` and `as_of` stay
    dates; the command writes them as ISO dates in its JSON.
    """
    period = ReportPeriod(Period(start, end), as_of or timezone.localdate())
    people_qs = specialists if specialists is not None else report_specialists()
    # Plain rows, not model instances: a national report has thousands.
    people = list(
        people_qs.order_by("team__office__name", "team__name", "username").values(
            "pk",
            "username",
            "fte",
            "is_active",
            "team_id",
            "office_id",
            "team__name",
            "team__office__name",
            "office__name",
        )
    )
    ids = people_qs.values("pk")
    # The counts are read for `people` only, so a report on everyone filters nothing.
    counted = ids if specialists is not None else _UNFILTERED
    quarter = period.quarter

    caseloads = caseload(end, counted)
    minutes = activity_minutes(start, end, counted)
    in_work = in_work_within_year(start, end, period.as_of, counted)
    new = new_in_work(start, end, counted)
    employment = employment_rate(quarter.start, quarter.end, counted)
    # Medians pool the rows of a whole team, office or the total: those must
    # be limited to the report's specialists.
    contact_medians = days_to_first_employer_contact_by_level(start, end, levels, specialists)
    tenure_medians = job_tenure_by_level(start, end, period.as_of, levels, specialists)

    no_minutes = {"logged": 0, "field": 0, "employer_contacts": 0}
    no_outcome = {"numerator": 0, "denominator": 0, "pending": 0}
    no_employment = {"employed": 0, "active": 0}

    teams: dict[int, dict] = {}
    offices: dict[int, dict] = {}
    total = _empty_parts()
    specialist_rows = []
    for person in people:
        parts = (
            {
                "fte": float(person["fte"]),
                "specialists": 1,
                "caseload": caseloads.get(person["pk"], 0),
                "new_in_work": new.get(person["pk"], 0),
            }
            | minutes.get(person["pk"], no_minutes)
            | in_work.get(person["pk"], no_outcome)
            | employment.get(person["pk"], no_employment)
        )
        has_figures = any(parts[name] for name in _SUMMED)
        if not person["is_active"] and not has_figures:
            continue
        _add(total, parts)
        if person["team_id"]:
            team = teams.setdefault(
                person["team_id"],
                {"name": person["team__name"], "office": person["team__office__name"]}
                | _empty_parts(),
            )
            _add(team, parts)
        if person["office_id"]:
            office = offices.setdefault(
                person["office_id"],
                {
                    "name": person["team__office__name"]
                    if person["team_id"]
                    else person["office__name"]
                }
                | _empty_parts(),
            )
            _add(office, parts)
        if "specialist" in levels:
            specialist_rows.append(
                {
                    "id": person["pk"],
                    "username": person["username"],
                    "team": person["team__name"] if person["team_id"] else None,
                }
                | _figures(
                    parts,
                    period,
                    contact_medians["specialist"].get(person["pk"]),
                    tenure_medians["specialist"].get(person["pk"]),
                )
            )

    report = {
        "start": start,
        "end": end,
        "as_of": period.as_of,
        "specialists": specialist_rows,
        "teams": [],
        "offices": [],
        "total": None,
    }
    if "team" in levels:
        report["teams"] = [
            {"id": pk, "name": parts["name"], "office": parts["office"]}
            | _pooled_figures(
                parts,
                period,
                contact_medians["team"].get(pk),
                tenure_medians["team"].get(pk),
            )
            for pk, parts in teams.items()
        ]
    if "office" in levels:
        report["offices"] = [
            {"id": pk, "name": parts["name"]}
            | _pooled_figures(
                parts,
                period,
                contact_medians["office"].get(pk),
                tenure_medians["office"].get(pk),
            )
            for pk, parts in offices.items()
        ]
    if "total" in levels:
        report["total"] = _pooled_figures(
            total, period, contact_medians["total"].get(0), tenure_medians["total"].get(0)
        )
    return report
