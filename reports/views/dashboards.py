"""The dashboard pages of each role; every figure links to what is behind it."""

import datetime

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit.decorators import shows_person_data
from candidates.queries import protection_lifts
from ips.accounts import teams_led_by
from ips.decorators import role_required
from ips.models import Role
from ips.query import parses_query
from reports import trends
from reports.dashboard import STATUS_LABELS, SUPPRESSED_MARK, Row, close_rule
from reports.figures import dashboard_figures
from reports.forms import PeriodForm
from reports.suppression import MIN_GROUP_SIZE
from reports.views.figures import (
    LEADER,
    comparison_page,
    my_rows,
    office_page,
    period_query,
    team_page,
    teams_of_leader,
)

#: How far back the team dashboard lists lifted protected-address flags.
PROTECTION_LIFTS_DAYS = 30


def _link_cells(rows: list[Row], base_url: str, query: str, *, specialist: bool) -> None:
    for row in rows:
        for cell in row.cells:
            if row.figures is None or cell.metric.drill is None:
                continue
            extra = f"&specialist={row.scope_id}" if specialist else ""
            cell.url = f"{base_url.replace('__drill__', cell.metric.drill.name)}?{query}{extra}"


def _page_context(request, form, period, freshness, **extra) -> dict:
    return {
        "form": form,
        "period": period,
        "freshness": freshness,
        "metrics": dashboard_figures(),
        "status_labels": STATUS_LABELS,
        "close_rule": close_rule(),
        "period_query": period_query(period),
        "here": request.get_full_path(),
        **extra,
    }


@require_GET
def index(request):
    """Each role's own dashboard."""
    user = request.user
    if user.role == Role.TEAM_LEADER and not user.is_superuser:
        teams = list(teams_led_by(user).order_by("name").values_list("pk", flat=True)[:2])
        if len(teams) == 1:
            return redirect("dashboard_team", team_pk=teams[0])
        return redirect("dashboard_office")
    if user.is_superuser or user.role == Role.ANALYST:
        return redirect("dashboard_comparison")
    if user.role == Role.INTAKE_ADMIN:
        return redirect("dashboard_office")
    return redirect("dashboard_mine")


@require_GET
@shows_person_data(page="dashboard_team")
@role_required(*LEADER)
@parses_query(PeriodForm)
def team_dashboard(request, team_pk, query):
    """The team's figures; it names a candidate only where a protected-address
    flag was lifted lately (the leader is told), and that read is logged."""
    page = team_page(request, team_pk, query)
    team, block = page.team, page.block
    lifts = list(
        protection_lifts(
            request.user,
            team=team,
            since=timezone.localdate() - datetime.timedelta(days=PROTECTION_LIFTS_DAYS),
        )
    )
    request.audit.shown(lift.candidate for lift in lifts)
    base = reverse("dashboard_team_drilldown", args=[team.pk, "__drill__"])
    drill_query = period_query(page.period, page.freshness.as_of)
    _link_cells(block.rows, base, drill_query, specialist=True)
    _link_cells([block.pooled], base, drill_query, specialist=False)
    members = [row.user for row in block.rows]
    context = _page_context(
        request,
        query,
        page.period,
        page.freshness,
        team=team,
        team_block=block,
        other_teams=teams_of_leader(request.user).exclude(pk=team.pk).order_by("name"),
        trends=trends.team_trends(team, members),
        protection_lifts=lifts,
        protection_lifts_days=PROTECTION_LIFTS_DAYS,
        csv_url=reverse("dashboard_team_csv", args=[team.pk]),
        xlsx_url=reverse("dashboard_team_xlsx", args=[team.pk]),
    )
    return render(request, "reports/team.html", context)


@require_GET
@role_required(Role.SPECIALIST)
@parses_query(PeriodForm)
def my_dashboard(request, query):
    mine = my_rows(request.user, query.chosen_period())
    base = reverse("dashboard_mine_drilldown", args=["__drill__"])
    _link_cells([mine.own], base, period_query(mine.period, mine.freshness.as_of), specialist=False)
    context = _page_context(
        request,
        query,
        mine.period,
        mine.freshness,
        own=mine.own,
        pooled=mine.pooled,
        own_and_team=mine.rows,
        own_only=[mine.own],
        trends=trends.specialist_trends(request.user),
        csv_url=reverse("dashboard_mine_csv"),
        xlsx_url=reverse("dashboard_mine_xlsx"),
    )
    return render(request, "reports/mine.html", context)


@require_GET
@role_required(Role.TEAM_LEADER, Role.INTAKE_ADMIN)
@parses_query(PeriodForm)
def office_dashboard(request, query):
    office = office_page(request, query)
    if request.user.role == Role.TEAM_LEADER or request.user.is_superuser:
        for row in office.team_rows:
            row.link = reverse("dashboard_team", args=[row.scope_id])
    context = _page_context(
        request,
        query,
        office.period,
        office.freshness,
        team_rows=office.team_rows,
        office_rows=office.office_rows,
        csv_url=reverse("dashboard_office_csv"),
        xlsx_url=reverse("dashboard_office_xlsx"),
    )
    return render(request, "reports/office.html", context)


@require_GET
@role_required(Role.ANALYST)
@parses_query(PeriodForm)
def comparison(request, query):
    compared = comparison_page(query)
    context = _page_context(
        request,
        query,
        compared.period,
        compared.freshness,
        team_rows=compared.team_rows,
        office_rows=compared.office_rows,
        office_and_total=[*compared.office_rows, compared.total],
        min_group=MIN_GROUP_SIZE,
        suppressed_mark=SUPPRESSED_MARK,
        csv_url=reverse("dashboard_comparison_csv"),
        xlsx_url=reverse("dashboard_comparison_xlsx"),
    )
    return render(request, "reports/comparison.html", context)
