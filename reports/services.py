"""Writes of the reports app: computing figures and saving them as snapshots."""

import datetime
import json

from django.db import connections, router, transaction
from django.utils import timezone

from ips.models import Role, Team, User
from reports import metrics
from reports.models import MetricSnapshot, Scope


def snapshots_save(*, report: dict) -> int:
    """Upsert one snapshot per scope present in `report` (a metrics.fidelity_report
    result). Recomputing the same period overwrites: one row per scope and period."""
    start = datetime.date.fromisoformat(report["start"])
    end = datetime.date.fromisoformat(report["end"])
    as_of = datetime.date.fromisoformat(report["as_of"])
    computed_at = timezone.now()
    scoped = [(Scope.SPECIALIST, row["id"], row) for row in report["specialists"]]
    scoped += [(Scope.TEAM, row["id"], row) for row in report["teams"]]
    scoped += [(Scope.OFFICE, row["id"], row) for row in report["offices"]]
    if report["total"] is not None:
        scoped.append((Scope.TOTAL, None, report["total"]))
    # Replace the rows of these scopes for this period in two statements per
    # scope kind, whatever their number (update_or_create would be two per row).
    # The lock on the period's rows keeps two concurrent recomputes from
    # interleaving; the unique constraints still guarantee one row per scope.
    with transaction.atomic():
        for scope in {scope for scope, _id, _figures in scoped}:
            ids = [scope_id for kind, scope_id, _f in scoped if kind == scope]
            existing = MetricSnapshot.objects.filter(
                scope=scope, period_start=start, period_end=end
            )
            if scope == Scope.TOTAL:
                existing = existing.filter(scope_id__isnull=True)
            else:
                existing = existing.filter(scope_id__in=ids)
            list(existing.select_for_update().values_list("pk", flat=True))
            existing.delete()
        _snapshots_insert(
            scoped, period_start=start, period_end=end, as_of=as_of, computed_at=computed_at
        )
    return len(scoped)


def _snapshots_insert(scoped: list, **common) -> None:
    """Insert one snapshot per (scope, scope id, figures) in `scoped`.

    On PostgreSQL in one statement with one parameter: the rows as a JSON
    array, unpacked by json_to_recordset. bulk_create would send the figures
    as an array of jsonb values, which psycopg escapes element by element in
    Python (most of a national recompute's write time, see bench/README.md).
    """
    db = router.db_for_write(MetricSnapshot)
    connection = connections[db]
    if connection.vendor != "postgresql":
        MetricSnapshot.objects.using(db).bulk_create(
            [
                MetricSnapshot(scope=scope, scope_id=scope_id, figures=figures, **common)
                for scope, scope_id, figures in scoped
            ],
            batch_size=1000,
        )
        return
    rows = json.dumps(
        [
            {"scope": scope, "scope_id": scope_id, "figures": figures}
            for scope, scope_id, figures in scoped
        ]
    )
    quote = connection.ops.quote_name
    columns = ("scope", "scope_id", "period_start", "period_end", "as_of", "figures", "computed_at")
    # Only quoted constant names are interpolated; values travel as parameters.
    sql = (
        f"INSERT INTO {quote(MetricSnapshot._meta.db_table)} "  # noqa: S608
        f"({', '.join(map(quote, columns))}) "
        "SELECT r.scope, r.scope_id, %s, %s, %s, r.figures, %s "
        "FROM json_to_recordset(%s::json) AS r(scope text, scope_id bigint, figures jsonb)"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                common["period_start"],
                common["period_end"],
                common["as_of"],
                common["computed_at"],
                rows,
            ],
        )


def team_figures_recompute(
    *, team_id: int, start: datetime.date, end: datetime.date, as_of: datetime.date | None = None
) -> int:
    """Recompute and save the figures of one team and of its specialists."""
    members = User.objects.filter(role=Role.SPECIALIST, team_id=team_id)
    report = metrics.fidelity_report(
        start, end, as_of, specialists=members, levels=("specialist", "team")
    )
    return snapshots_save(report=report)


def overall_figures_recompute(
    *, start: datetime.date, end: datetime.date, as_of: datetime.date | None = None
) -> int:
    """Recompute and save the office and total figures, and those of
    specialists without a team (no team task covers them)."""
    pooled = metrics.fidelity_report(start, end, as_of, levels=("office", "total"))
    teamless = metrics.fidelity_report(
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
    return snapshots_save(report=metrics.fidelity_report(start, end, as_of))
