"""Writes of the reports app: computing figures and saving them as snapshots."""

import datetime
import json

from django.db import connections, router, transaction
from django.utils import timezone

from common.periods import Period
from ips.models import Role, Team
from reports import metrics
from reports.models import MetricSnapshot, Scope
from reports.report import fidelity_report, scoped_rows, team_report


def snapshots_save(*, report: dict) -> int:
    """Upsert one snapshot per scope present in `report` (a reports.report.fidelity_report
    result). Recomputing the same period overwrites: one row per scope and period."""
    start, end, as_of = report["start"], report["end"], report["as_of"]
    computed_at = timezone.now()
    scoped = scoped_rows(report)
    common = {"period_start": start, "period_end": end, "as_of": as_of, "computed_at": computed_at}
    connection = connections[router.db_for_write(MetricSnapshot)]
    with transaction.atomic(using=connection.alias):
        if connection.vendor == "postgresql":
            _snapshots_upsert(connection, scoped, **common)
        else:
            _snapshots_replace(connection, scoped, **common)
    return len(scoped)


def _snapshots_replace(connection, scoped: list, **common) -> None:
    """Delete this period's rows of the scopes in `scoped` and insert them anew
    (SQLite): a delete per scope kind and one bulk insert, whatever their number."""
    snapshots = MetricSnapshot.objects.using(connection.alias)
    period = snapshots.filter(period_start=common["period_start"], period_end=common["period_end"])
    for scope in {scope for scope, _id, _figures in scoped}:
        ids = [scope_id for kind, scope_id, _f in scoped if kind == scope]
        existing = period.filter(scope=scope)
        if scope == Scope.TOTAL:
            existing = existing.filter(scope_id__isnull=True)
        else:
            existing = existing.filter(scope_id__in=ids)
        existing.delete()
    snapshots.bulk_create(
        [
            MetricSnapshot(scope=scope, scope_id=scope_id, figures=figures, **common)
            for scope, scope_id, figures in scoped
        ],
        batch_size=1000,
    )


def _snapshots_upsert(connection, scoped: list, **common) -> None:
    """INSERT … ON CONFLICT DO UPDATE on PostgreSQL: one statement for the
    scopes with an id and one for the total, whatever their number.

    The rows travel as one JSON parameter unpacked by json_to_recordset():
    bulk_create, or arrays of values, are escaped element by element in
    Python, which cost more than the whole insert at national scale (see
    bench/README.md). The upsert locks the rows it updates, so two
    recomputes of the same period wait for each other instead of failing on
    the unique constraints.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(map(quote, ("scope", "scope_id", "period_start", "period_end", "as_of",
                                    "figures", "computed_at")))  # fmt: skip
    updated = ", ".join(
        f"{quote(name)} = EXCLUDED.{quote(name)}" for name in ("as_of", "figures", "computed_at")
    )
    # The conflict targets are the model's two partial unique constraints.
    targets = {
        True: f"({quote('scope')}, {quote('scope_id')}, {quote('period_start')}, "
        f"{quote('period_end')}) WHERE {quote('scope_id')} IS NOT NULL",
        False: f"({quote('scope')}, {quote('period_start')}, {quote('period_end')}) "
        f"WHERE {quote('scope_id')} IS NULL",
    }
    with connection.cursor() as cursor:
        for with_id, target in targets.items():
            rows = [
                {"scope": scope, "scope_id": scope_id, "figures": figures}
                for scope, scope_id, figures in scoped
                if (scope_id is not None) == with_id
            ]
            if not rows:
                continue
            # Only quoted constant names are interpolated; values travel as parameters.
            sql = (
                f"INSERT INTO {quote(MetricSnapshot._meta.db_table)} ({columns}) "  # noqa: S608
                "SELECT r.scope, r.scope_id, %s, %s, %s, r.figures, %s "
                "FROM json_to_recordset(%s::json) AS r(scope text, scope_id bigint, figures jsonb) "
                f"ON CONFLICT {target} DO UPDATE SET {updated}"
            )
            cursor.execute(
                sql,
                [
                    common["period_start"],
                    common["period_end"],
                    common["as_of"],
                    common["computed_at"],
                    json.dumps(rows),
                ],
            )


def team_figures_recompute(
    *, team_id: int, start: datetime.date, end: datetime.date, as_of: datetime.date | None = None
) -> int:
    """Recompute and save the figures of one team and of its specialists."""
    report = team_report([team_id], Period(start, end), as_of or timezone.localdate())
    return snapshots_save(report=report)


def overall_figures_recompute(
    *, start: datetime.date, end: datetime.date, as_of: datetime.date | None = None
) -> int:
    """Recompute and save the office and total figures, and those of
    specialists without a team (no team task covers them)."""
    pooled = fidelity_report(start, end, as_of, levels=("office", "total"))
    teamless = fidelity_report(
        start,
        end,
        as_of,
        specialists=metrics.report_specialists().filter(team__isnull=True),
        levels=("specialist",),
    )
    return snapshots_save(report=pooled) + snapshots_save(report=teamless)


def teams_to_recompute() -> list[int]:
    """Teams with at least one job specialist."""
    return list(
        Team.objects.filter(members__role=Role.SPECIALIST)
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def figures_recompute(
    *, start: datetime.date, end: datetime.date, as_of: datetime.date | None = None
) -> int:
    """Recompute every snapshot of a period in-process (no worker needed): one
    report at every level (a fixed number of queries) and one bulk write. The
    Celery path fans out per team instead, so that more workers finish sooner."""
    return snapshots_save(report=fidelity_report(start, end, as_of))
