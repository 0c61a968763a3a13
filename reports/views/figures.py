"""What each dashboard shows, gathered once for the page and for its export."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404

from common.periods import CUSTOM, Period
from ips.accounts import teams_led_by
from ips.models import Office, Role, Team, User
from reports import dashboard
from reports.dashboard import Comparison, Freshness, Row, TeamBlock

LEADER = (Role.TEAM_LEADER,)
DASHBOARD_ROLES = (Role.SPECIALIST, Role.TEAM_LEADER, Role.INTAKE_ADMIN, Role.ANALYST)


def period_query(period: Period, as_of: datetime.date | None = None) -> str:
    """The query string of a period (and as-of day), for links between dashboard pages."""
    query = {"period": CUSTOM, "start": period.start.isoformat(), "end": period.end.isoformat()}
    if as_of:
        query["as_of"] = as_of.isoformat()
    return urlencode(query)


def teams_of_leader(user):
    if user.is_superuser:
        return Team.objects.all()
    return teams_led_by(user)


def _with_specialists(queryset, field_name):
    return queryset.annotate(
        has_specialists=Exists(
            User.objects.filter(role=Role.SPECIALIST, **{field_name: OuterRef("pk")})
        )
    )


@dataclass(frozen=True)
class TeamPage:
    """A team's dashboard: its rows for the chosen period."""

    team: Team
    period: Period
    block: TeamBlock
    freshness: Freshness


def team_page(request, team_pk, query) -> TeamPage:
    team = get_object_or_404(teams_of_leader(request.user).select_related("office"), pk=team_pk)
    period = query.chosen_period()
    table = dashboard.team_table([team], period)
    (block,) = table.blocks
    return TeamPage(team, period, block, table.freshness)


@dataclass(frozen=True)
class MyRows:
    """A specialist's own row and their team's pooled row (None without a team)."""

    period: Period
    own: Row
    pooled: Row | None
    freshness: Freshness

    @property
    def rows(self) -> list[Row]:
        return [self.own, self.pooled] if self.pooled else [self.own]


def my_rows(user, period: Period) -> MyRows:
    if user.team_id:
        table = dashboard.team_table([user.team], period)
        (block,) = table.blocks
        own = [row for row in block.rows if row.scope_id == user.pk]
        if not own:
            own = [dashboard.judged_row(Row("specialist", user.pk, str(user), None, user=user))]
        return MyRows(period, own[0], block.pooled, table.freshness)
    stored = dashboard.stored_or_live(
        [period], [("specialist", user.pk)], [], dashboard.specialist_report(user.pk)
    )[period]
    own = dashboard.judged_row(
        Row("specialist", user.pk, str(user), stored.rows.get(("specialist", user.pk)), user=user)
    )
    return MyRows(period, own, None, stored.freshness)


def _office_scope(user):
    if user.is_superuser:
        teams = Team.objects.all()
    elif user.role == Role.TEAM_LEADER:
        teams = teams_led_by(user)
    else:
        teams = Team.objects.filter(office_id=user.office_id)
    teams = list(
        _with_specialists(teams, "team").select_related("office").order_by("office__name", "name")
    )
    offices = list(
        _with_specialists(Office.objects.filter(teams__in=[t.pk for t in teams]), "office")
        .filter(has_specialists=True)
        .distinct()
        .order_by("name")
    )
    return teams, offices


def office_page(request, query) -> Comparison:
    """The teams of a leader or an intake admin and their offices, pooled."""
    teams, offices = _office_scope(request.user)
    return dashboard.comparison_table(
        teams, offices, query.chosen_period(), with_total=False, suppress_small=False
    )


def comparison_page(query) -> Comparison:
    """Every team and office and the total, small groups hidden (analysts)."""
    period = query.chosen_period()
    teams = list(
        _with_specialists(Team.objects.select_related("office"), "team").order_by(
            "office__name", "name"
        )
    )
    offices = list(
        _with_specialists(Office.objects.all(), "office")
        .filter(has_specialists=True)
        .order_by("name")
    )
    return dashboard.comparison_table(teams, offices, period, with_total=True, suppress_small=True)
