"""What each dashboard shows, gathered once for the page and for its export."""

from urllib.parse import urlencode

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404

from ips.accounts import teams_led_by
from ips.models import Office, Role, Team, User
from reports import dashboard
from reports.dashboard import Row

LEADER = (Role.TEAM_LEADER,)
DASHBOARD_ROLES = (Role.SPECIALIST, Role.TEAM_LEADER, Role.INTAKE_ADMIN, Role.ANALYST)


def period_query(start, end, as_of=None) -> str:
    """The query string of a period (and as-of day), for links between dashboard pages."""
    query = {"period": "custom", "start": start.isoformat(), "end": end.isoformat()}
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


def team_page(request, team_pk, period):
    team = get_object_or_404(teams_of_leader(request.user).select_related("office"), pk=team_pk)
    start, end = period.bounds()
    (block,), freshness = dashboard.team_table([team], start, end)
    return team, start, end, block, freshness


def my_rows(user, start, end):
    if user.team_id:
        (block,), freshness = dashboard.team_table([user.team], start, end)
        own = [row for row in block.rows if row.scope_id == user.pk]
        if not own:
            own = [dashboard.judged_row(Row("specialist", user.pk, str(user), None, user=user))]
        return own[0], block.pooled, freshness
    figures, freshness = dashboard.stored_or_live(
        [(start, end)],
        [("specialist", user.pk)],
        [],
        lambda s, e, a: dashboard.metrics.fidelity_report(
            s, e, a, specialists=User.objects.filter(pk=user.pk), levels=("specialist",)
        ),
    )[(start, end)]
    own = dashboard.judged_row(
        Row("specialist", user.pk, str(user), figures.get(("specialist", user.pk)), user=user)
    )
    return own, None, freshness


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


def office_page(request, period):
    start, end = period.bounds()
    teams, offices = _office_scope(request.user)
    team_rows, office_rows, _total, freshness = dashboard.comparison_table(
        teams, offices, start, end, with_total=False, suppress_small=False
    )
    return start, end, team_rows, office_rows, freshness


def comparison_page(period):
    start, end = period.bounds()
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
    team_rows, office_rows, total, freshness = dashboard.comparison_table(
        teams, offices, start, end, with_total=True, suppress_small=True
    )
    return start, end, team_rows, office_rows, total, freshness
