"""The fidelity report (docs/fidelity-report.md): the figures of every specialist,
team, office and the total for a period, assembled from the queries the
figures declare (reports.figures). Python loops only over the per-specialist
aggregate rows; the number of queries is fixed (docs/metrics.md).
"""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from common.periods import Period
from ips import targets
from reports.figures import FIGURES, Counts, Median, Summed, ratio
from reports.metrics import LEVELS, UNFILTERED, report_specialists
from reports.metrics.periods import ReportPeriod
from reports.models import Scope


def _sources() -> tuple[list[Counts], list[Median]]:
    """The queries of the figures, each run once per report, in the figures' order."""
    sources = list(dict.fromkeys(source for figure in FIGURES for source in figure.sources))
    return (
        [source for source in sources if isinstance(source, Counts)],
        [source for source in sources if isinstance(source, Median)],
    )


def _empty_parts(summed: tuple[str, ...]) -> dict:
    return dict.fromkeys(summed, 0) | {"fte": 0.0, "specialists": 0}


def _add(total: dict, part: dict, summed: tuple[str, ...]) -> None:
    for name in (*summed, "fte", "specialists"):
        total[name] += part[name]


def _figures(parts: dict, period: ReportPeriod, medians: dict) -> dict:
    """The figures of one scope from its summed parts: pooled, never a mean of rates."""
    summed = Summed(parts, period, medians, targets.current())
    row = {"fte": round(parts["fte"], 2)}
    for figure in FIGURES:
        row |= figure.fields(summed)
    return row


def _pooled_figures(parts: dict, period: ReportPeriod, medians: dict) -> dict:
    figures = _figures(parts, period, medians)
    figures["specialists"] = parts["specialists"]
    figures["caseload_mean"] = ratio(parts["caseload"], parts["specialists"])
    return figures


def fidelity_report(
    start: datetime.date,
    end: datetime.date,
    as_of: datetime.date | None = None,
    *,
    specialists: QuerySet | None = None,
    levels: tuple[str, ...] = LEVELS,
) -> dict:
    """The fidelity report (docs/fidelity-report.md) for [start, end] as of a date.

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
    counted = ids if specialists is not None else UNFILTERED

    counts_sources, median_sources = _sources()
    # The parts a scope sums over its specialists.
    summed = tuple(part for counts in counts_sources for part in counts.parts)
    counted_rows = [(counts, counts.count(period, counted)) for counts in counts_sources]
    # Medians pool the rows of a whole team, office or the total: those must
    # be limited to the report's specialists.
    medians = {
        median.name: median.compute(period, levels, specialists) for median in median_sources
    }

    def medians_of(level: str, key: int) -> dict:
        return {name: by_level[level].get(key) for name, by_level in medians.items()}

    teams: dict[int, dict] = {}
    offices: dict[int, dict] = {}
    total = _empty_parts(summed)
    specialist_rows = []
    for person in people:
        parts = {"fte": float(person["fte"]), "specialists": 1}
        for counts, rows in counted_rows:
            row = rows.get(person["pk"])
            parts |= {part: row[part] if row else 0 for part in counts.parts}
        has_figures = any(parts[name] for name in summed)
        if not person["is_active"] and not has_figures:
            continue
        _add(total, parts, summed)
        if person["team_id"]:
            team = teams.setdefault(
                person["team_id"],
                {"name": person["team__name"], "office": person["team__office__name"]}
                | _empty_parts(summed),
            )
            _add(team, parts, summed)
        if person["office_id"]:
            office = offices.setdefault(
                person["office_id"],
                {
                    "name": person["team__office__name"]
                    if person["team_id"]
                    else person["office__name"]
                }
                | _empty_parts(summed),
            )
            _add(office, parts, summed)
        if "specialist" in levels:
            specialist_rows.append(
                {
                    "id": person["pk"],
                    "username": person["username"],
                    "team": person["team__name"] if person["team_id"] else None,
                }
                | _figures(parts, period, medians_of("specialist", person["pk"]))
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
            | _pooled_figures(parts, period, medians_of("team", pk))
            for pk, parts in teams.items()
        ]
    if "office" in levels:
        report["offices"] = [
            {"id": pk, "name": parts["name"]}
            | _pooled_figures(parts, period, medians_of("office", pk))
            for pk, parts in offices.items()
        ]
    if "total" in levels:
        report["total"] = _pooled_figures(total, period, medians_of("total", 0))
    return report


def team_report(team_ids: list[int], period: Period, as_of: datetime.date) -> dict:
    """The report on the job specialists of some teams, and those teams pooled."""
    members = report_specialists().filter(team_id__in=team_ids)
    return fidelity_report(
        period.start, period.end, as_of, specialists=members, levels=("specialist", "team")
    )


def specialist_report(user_id: int, period: Period, as_of: datetime.date) -> dict:
    """The report on one specialist alone."""
    return fidelity_report(
        period.start,
        period.end,
        as_of,
        specialists=report_specialists().filter(pk=user_id),
        levels=("specialist",),
    )


def scoped_rows(report: dict) -> list[tuple[str, int | None, dict]]:
    """(scope, scope id, row) for every row of a report: specialists, teams,
    offices, then the total (whose scope id is None): the snapshots' keys."""
    rows = [(Scope.SPECIALIST.value, row["id"], row) for row in report["specialists"]]
    rows += [(Scope.TEAM.value, row["id"], row) for row in report["teams"]]
    rows += [(Scope.OFFICE.value, row["id"], row) for row in report["offices"]]
    if report["total"] is not None:
        rows.append((Scope.TOTAL.value, None, report["total"]))
    return rows
