"""Reads for the dashboards: stored snapshots (computed live when missing),
each figure judged against its target, trends and small-group suppression.

The rules for "close to target", "no data" and suppression are written down
in docs/metrics.md ("Dashboards").
"""

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.periods import Period
from ips import targets
from ips.models import Role, Team, User
from reports.figures import CLOSE, MET, NO_DATA, NOT_MET, Figure, dashboard_figures
from reports.models import MetricSnapshot, Scope
from reports.report import fidelity_report, scoped_rows
from reports.report import specialist_report as report_on_specialist
from reports.report import team_report as report_on_teams
from reports.suppression import ROW, mark_comparison

SUPPRESSED = "suppressed"

#: What a hidden figure shows, on the page and in the exports: one mark for
#: small groups and for those hidden beside them, so that the reader cannot
#: tell which of two hidden groups is the small one (Statistics Norway's ":").
SUPPRESSED_MARK = ":"

STATUS_LABELS = {
    MET: _("target met"),
    CLOSE: _("close to target"),
    NOT_MET: _("target not met"),
    NO_DATA: _("no data"),
    SUPPRESSED: _("not shown: under 5 candidates, or it would reveal such a group"),
}


def close_rule() -> str:
    """What "close to target" means, for the legend."""
    target = targets.current()
    return _(
        "Close: within %(points)s percentage points, %(per_fte)s per FTE, %(days)s days "
        "or %(share)s %% of the target."
    ) % {
        "points": targets.percent(target.close_share_points),
        "per_fte": target.close_caseload_per_fte,
        "days": target.close_extra_days,
        "share": targets.percent(1 - target.close_share_of_target),
    }


@dataclass
class Cell:
    """One figure as the page shows it: text, detail and status against the target."""

    metric: Figure
    text: str
    status: str
    detail: str = ""
    url: str = ""

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


@dataclass
class Row:
    scope: str
    scope_id: int | None
    label: str
    figures: dict | None
    cells: list[Cell] = field(default_factory=list)
    user: User | None = None
    link: str = ""
    #: What is hidden from the reader (reports.suppression: ROW, and the keys
    #: of the figures whose cohort is hidden).
    suppressed: frozenset = frozenset()

    def hides(self, figure: Figure) -> bool:
        return ROW in self.suppressed or figure.key in self.suppressed


@dataclass
class Freshness:
    computed_at: datetime.datetime | None
    as_of: datetime.date | None
    live: bool


@dataclass(frozen=True)
class PeriodFigures:
    """The figures of one period by (scope, scope id), and how fresh they are."""

    rows: dict[tuple[str, int | None], dict]
    freshness: Freshness


def judge(figure: Figure, figures: dict | None, *, suppress: bool = False) -> Cell:
    """The cell of `figure` for one row's figures. No figure: "no data", never
    0 % and never red."""
    if suppress:
        return Cell(figure, SUPPRESSED_MARK, SUPPRESSED)
    if figures is None:
        return Cell(figure, str(STATUS_LABELS[NO_DATA]), NO_DATA)
    judged = figure.judge(figures, targets.current())
    text = str(STATUS_LABELS[NO_DATA]) if judged.text is None else judged.text
    return Cell(figure, text, judged.status, judged.detail)


def judged_row(row: Row) -> Row:
    """The row with its cells; what `row.suppressed` hides shows the mark."""
    row.cells = [
        judge(figure, row.figures, suppress=row.hides(figure)) for figure in dashboard_figures()
    ]
    return row


# --- Reading snapshots -------------------------------------------------------


def report_rows(report: dict) -> dict[tuple[str, int | None], dict]:
    """A fidelity_report keyed like the snapshots: (scope, scope id)."""
    return {(scope, scope_id): row for scope, scope_id, row in scoped_rows(report)}


def _scopes_q(keys) -> Q:
    q = Q(pk__in=[])
    by_scope: dict[str, list] = {}
    for scope, scope_id in keys:
        by_scope.setdefault(scope, []).append(scope_id)
    for scope, ids in by_scope.items():
        if scope == Scope.TOTAL:
            q |= Q(scope=scope, scope_id__isnull=True)
        else:
            q |= Q(scope=scope, scope_id__in=ids)
    return q


def stored_or_live(
    periods: list[Period],
    required: list[tuple[str, int | None]],
    optional: list[tuple[str, int | None]],
    live: Callable[[Period, datetime.date], dict],
) -> dict[Period, PeriodFigures]:
    """The figures of each period, read from the snapshots in one query.

    A period missing any of the `required` scopes is computed live with
    `live(period, today)` (not stored: "Recompute now" or the nightly run
    stores it), so a page never mixes stored and live figures of one period.
    """
    starts = {period.start for period in periods}
    snapshots = MetricSnapshot.objects.filter(
        _scopes_q([*required, *optional]), period_start__in=starts
    ).order_by()
    found: dict = {}
    for snapshot in snapshots:
        found.setdefault(Period(snapshot.period_start, snapshot.period_end), {})[
            (snapshot.scope, snapshot.scope_id)
        ] = snapshot
    result = {}
    for period in periods:
        stored = found.get(period, {})
        if required and all(key in stored for key in required):
            used = list(stored.values())
            result[period] = PeriodFigures(
                {key: snapshot.figures for key, snapshot in stored.items()},
                Freshness(
                    computed_at=min(s.computed_at for s in used),
                    as_of=min(s.as_of for s in used),
                    live=False,
                ),
            )
        else:
            today = timezone.localdate()
            result[period] = PeriodFigures(
                report_rows(live(period, today)),
                Freshness(computed_at=timezone.now(), as_of=today, live=True),
            )
    return result


def team_members(teams) -> list[User]:
    """Job specialists of the teams, active ones and those who left with figures."""
    return list(
        User.objects.filter(role=Role.SPECIALIST, team__in=teams)
        .select_related("team")
        .order_by("team__name", "last_name", "first_name", "username")
    )


def team_report(team_ids: list[int]) -> Callable[[Period, datetime.date], dict]:
    """The live report of some teams and their specialists, for `stored_or_live`."""
    return functools.partial(report_on_teams, team_ids)


def specialist_report(user_id: int) -> Callable[[Period, datetime.date], dict]:
    """The live report of one specialist, for `stored_or_live`."""
    return functools.partial(report_on_specialist, user_id)


def _overall_report(period: Period, as_of: datetime.date) -> dict:
    return fidelity_report(period.start, period.end, as_of, levels=("team", "office", "total"))


@dataclass
class TeamBlock:
    team: Team
    rows: list[Row]
    pooled: Row

    @property
    def all_rows(self) -> list[Row]:
        return [*self.rows, self.pooled]


@dataclass(frozen=True)
class TeamTable:
    blocks: list[TeamBlock]
    freshness: Freshness


def team_table(teams: list[Team], period: Period) -> TeamTable:
    """Per team: one row per specialist and the pooled team row."""
    members = team_members(teams)
    team_ids = [team.pk for team in teams]
    required = [(Scope.TEAM.value, pk) for pk in team_ids]
    optional = [(Scope.SPECIALIST.value, person.pk) for person in members]
    stored = stored_or_live([period], required, optional, team_report(team_ids))[period]
    figures = stored.rows
    blocks = []
    for team in teams:
        rows = []
        for person in members:
            if person.team_id != team.pk:
                continue
            own = figures.get((Scope.SPECIALIST.value, person.pk))
            if own is None and not person.is_active:
                continue
            rows.append(
                judged_row(Row(Scope.SPECIALIST.value, person.pk, str(person), own, user=person))
            )
        pooled = judged_row(
            Row(
                Scope.TEAM.value,
                team.pk,
                str(_("Team %(name)s (pooled)") % {"name": team.name}),
                figures.get((Scope.TEAM.value, team.pk)),
            )
        )
        blocks.append(TeamBlock(team, rows, pooled))
    return TeamTable(blocks, stored.freshness)


@dataclass(frozen=True)
class Comparison:
    """Rows of teams, offices and (for analysts) the total, with the period."""

    period: Period
    team_rows: list[Row]
    office_rows: list[Row]
    total: Row | None
    freshness: Freshness

    @property
    def rows(self) -> list[Row]:
        return [*self.team_rows, *self.office_rows, *([self.total] if self.total else [])]


def comparison_table(
    teams: list[Team], offices, period: Period, *, with_total: bool, suppress_small: bool
) -> Comparison:
    """Team, office and total rows: aggregates only, no person in them.

    With `suppress_small` (the analysts' view), small groups and those hidden
    beside them show the mark (reports.suppression), here for the page and
    its exports alike."""
    required = [(Scope.TEAM.value, team.pk) for team in teams if team.has_specialists]
    required += [(Scope.OFFICE.value, office.pk) for office in offices]
    if with_total:
        required.append((Scope.TOTAL.value, None))
    stored = stored_or_live([period], required, [], _overall_report)[period]
    figures = stored.rows
    team_rows = [
        Row(
            Scope.TEAM.value,
            team.pk,
            f"{team.office.name} · {team.name}",
            figures.get((Scope.TEAM.value, team.pk)),
        )
        for team in teams
    ]
    office_rows = [
        Row(
            Scope.OFFICE.value, office.pk, office.name, figures.get((Scope.OFFICE.value, office.pk))
        )
        for office in offices
    ]
    total = None
    if with_total:
        total = Row(
            Scope.TOTAL.value, None, str(_("All offices")), figures.get((Scope.TOTAL.value, None))
        )
    if suppress_small:
        mark_comparison(
            team_rows=team_rows,
            office_of={team.pk: team.office_id for team in teams},
            office_rows=office_rows,
            total=total,
        )
    comparison = Comparison(period, team_rows, office_rows, total, stored.freshness)
    for row in comparison.rows:
        judged_row(row)
    return comparison
