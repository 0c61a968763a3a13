"""Medians of the fidelity metrics, per specialist, team, office and in total,
computed by the database in one query for all the levels asked for."""

import datetime

from django.db import connections, router
from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce, Least

from employers.models import Placement
from ips.models import User
from reports.metrics.queries import (
    DaysBetween,
    date_value,
    first_employer_contact,
    held_by,
    holder_of_placement_on_start,
    intakes,
    specialist_ids,
)

LEVELS = ("specialist", "team", "office", "total")

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
    queryset = held_by(queryset, specialists)
    base = queryset.annotate(median_value=value).order_by().values(credited, "median_value")
    base_sql, base_params = base.query.sql_with_params()
    ids_sql, ids_params = specialist_ids(specialists).query.sql_with_params()
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
    # No contact: no first contact date, so no days (null), so left out.
    enrollments = intakes(start, end).alias(first_contact=first_employer_contact())
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
    ).annotate(holder_id=holder_of_placement_on_start())
    until = Least(Coalesce(F("end_date"), date_value(as_of)), date_value(as_of))
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
