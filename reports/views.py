"""The dashboards: team (leaders), my figures (specialists), office (leaders
of several teams, intake) and the comparison of offices (analysts).

Figures come from the stored snapshots (reports.dashboard); a period without
them is computed live. Person data appears only on the drill-down pages, scoped
by ips.access and written to the access log.
"""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from audit.services import access_records
from ips.access import enrollments_visible_to, teams_led_by
from ips.decorators import role_required
from ips.models import Office, Role, Team, User
from reports import dashboard, drilldown, exports, tasks, trends
from reports.dashboard import METRICS, STATUS_LABELS, Row
from reports.forms import PeriodForm, period_from

LEADER = (Role.TEAM_LEADER,)
DASHBOARD_ROLES = (Role.SPECIALIST, Role.TEAM_LEADER, Role.INTAKE_ADMIN, Role.ANALYST)


def _period_query(start, end, as_of=None) -> str:
    query = {"period": "custom", "start": start.isoformat(), "end": end.isoformat()}
    if as_of:
        query["as_of"] = as_of.isoformat()
    return urlencode(query)


def _link_cells(rows: list[Row], base_url: str, query: str, *, specialist: bool) -> None:
    for row in rows:
        for cell in row.cells:
            if row.figures is None:
                continue
            extra = f"&specialist={row.scope_id}" if specialist else ""
            cell.url = f"{base_url.replace('__drill__', cell.metric.drill)}?{query}{extra}"


def _page_context(request, form, start, end, freshness, **extra) -> dict:
    return {
        "form": form,
        "start": start,
        "end": end,
        "freshness": freshness,
        "metrics": METRICS,
        "status_labels": STATUS_LABELS,
        "period_query": _period_query(start, end),
        "here": request.get_full_path(),
        **extra,
    }


def _teams_of_leader(user):
    if user.is_superuser:
        return Team.objects.all()
    return teams_led_by(user)


def _with_specialists(queryset, field_name):
    return queryset.annotate(
        has_specialists=Exists(
            User.objects.filter(role=Role.SPECIALIST, **{field_name: OuterRef("pk")})
        )
    )


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


# --- Team dashboard ---------------------------------------------------------


def _team_page(request, team_pk):
    team = get_object_or_404(_teams_of_leader(request.user).select_related("office"), pk=team_pk)
    form, start, end = period_from(request)
    (block,), freshness = dashboard.team_table([team], start, end)
    return team, form, start, end, block, freshness


@require_GET
@role_required(*LEADER)
def team_dashboard(request, team_pk):
    team, form, start, end, block, freshness = _team_page(request, team_pk)
    base = reverse("dashboard_team_drilldown", args=[team.pk, "__drill__"])
    query = _period_query(start, end, freshness.as_of)
    _link_cells(block.rows, base, query, specialist=True)
    _link_cells([block.pooled], base, query, specialist=False)
    members = [row.user for row in block.rows]
    context = _page_context(
        request,
        form,
        start,
        end,
        freshness,
        team=team,
        team_block=block,
        other_teams=_teams_of_leader(request.user).exclude(pk=team.pk).order_by("name"),
        trends=trends.team_trends(team, members),
        csv_url=reverse("dashboard_team_csv", args=[team.pk]),
        xlsx_url=reverse("dashboard_team_xlsx", args=[team.pk]),
    )
    return render(request, "reports/team.html", context)


def _export(fmt, *, title, rows, start, end, freshness, filename):
    maker = exports.csv_response if fmt == "csv" else exports.xlsx_response
    return maker(
        title=title, rows=rows, start=start, end=end, freshness=freshness, filename=filename
    )


@require_GET
@role_required(*LEADER)
def team_export(request, team_pk, fmt):
    team, _form, start, end, block, freshness = _team_page(request, team_pk)
    return _export(
        fmt,
        title=_("Fidelity of team %(team)s") % {"team": team.name},
        rows=[*block.rows, block.pooled],
        start=start,
        end=end,
        freshness=freshness,
        filename=f"fidelity-{team.pk}-{start}-{end}",
    )


@require_GET
@role_required(*LEADER)
def team_drilldown(request, team_pk, metric):
    team = get_object_or_404(_teams_of_leader(request.user), pk=team_pk)
    holders = User.objects.filter(role=Role.SPECIALIST, team=team)
    if "specialist" in request.GET:
        try:
            holders = holders.filter(pk=int(request.GET["specialist"]))
        except ValueError as error:
            raise Http404 from error
        if not holders.exists():
            raise Http404
    back = reverse("dashboard_team", args=[team.pk])
    return _drilldown(request, metric, holders, back)


# --- My figures ---------------------------------------------------------------


def _my_rows(user, start, end):
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


@require_GET
@role_required(Role.SPECIALIST)
def my_dashboard(request):
    form, start, end = period_from(request)
    own, pooled, freshness = _my_rows(request.user, start, end)
    base = reverse("dashboard_mine_drilldown", args=["__drill__"])
    _link_cells([own], base, _period_query(start, end, freshness.as_of), specialist=False)
    context = _page_context(
        request,
        form,
        start,
        end,
        freshness,
        own=own,
        pooled=pooled,
        own_and_team=[own, pooled] if pooled else [own],
        own_only=[own],
        trends=trends.specialist_trends(request.user),
        csv_url=reverse("dashboard_mine_csv"),
        xlsx_url=reverse("dashboard_mine_xlsx"),
    )
    return render(request, "reports/mine.html", context)


@require_GET
@role_required(Role.SPECIALIST)
def my_export(request, fmt):
    _form, start, end = period_from(request)
    own, pooled, freshness = _my_rows(request.user, start, end)
    return _export(
        fmt,
        title=_("Fidelity of %(name)s") % {"name": request.user},
        rows=[own, pooled] if pooled else [own],
        start=start,
        end=end,
        freshness=freshness,
        filename=f"fidelity-mine-{start}-{end}",
    )


@require_GET
@role_required(Role.SPECIALIST)
def my_drilldown(request, metric):
    holders = User.objects.filter(pk=request.user.pk)
    return _drilldown(request, metric, holders, reverse("dashboard_mine"))


# --- Drill-down ---------------------------------------------------------------


def _as_of(request) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return timezone.localdate()


def _drilldown(request, metric, holders, back_url):
    if metric not in drilldown.DRILLS:
        raise Http404
    form, start, end = period_from(request)
    as_of = _as_of(request)
    people = {person.pk: person for person in holders.select_related("team")}
    ids = list(people)
    context = {
        "form": form,
        "start": start,
        "end": end,
        "as_of": as_of,
        "metric": metric,
        "back_url": f"{back_url}?{_period_query(start, end)}",
        "people": people,
        "single": people[ids[0]] if len(ids) == 1 else None,
    }
    if metric == "weeks":
        weeks = drilldown.weeks(start, end, ids)
        for week in weeks:
            week["person"] = people.get(week["author_id"])
            week["low"] = week["field_share"] < dashboard.metrics.FIELD_SHARE_TARGET
        if request.GET.get("show") == "low":
            weeks = [week for week in weeks if week["low"]]
        context |= {"weeks": weeks, "target": dashboard.metrics.FIELD_SHARE_TARGET}
        return render(request, "reports/drilldown.html", context)
    selections = {
        "caseload": lambda: drilldown.caseload_members(end, ids),
        "cohort": lambda: drilldown.cohort_members(start, end, as_of, ids),
        "job_starts": lambda: drilldown.job_starts(start, end, ids),
        "first_contact": lambda: drilldown.first_contacts(start, end, ids),
    }
    selected = selections[metric]()
    if metric == "cohort" and request.GET.get("show") == "without_job":
        selected = selected.filter(in_work=False)
    visible = list(
        selected.filter(pk__in=enrollments_visible_to(request.user).values("pk")).select_related(
            "candidate"
        )
    )
    for enrollment in visible:
        enrollment.holder = people.get(enrollment.holder_id)
        if metric == "cohort":
            enrollment.follow_up_ends = enrollment.intake_date + datetime.timedelta(
                days=dashboard.metrics.FOLLOW_UP_DAYS
            )
    hidden = selected.count() - len(visible)
    access_records(
        request=request,
        candidates=[enrollment.candidate for enrollment in visible],
        page="dashboard_drilldown",
    )
    context |= {"enrollments": visible, "hidden": hidden}
    return render(request, "reports/drilldown.html", context)


# --- Office view and comparison (aggregates only) --------------------------------


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


def _office_page(request):
    form, start, end = period_from(request)
    teams, offices = _office_scope(request.user)
    team_rows, office_rows, _total, freshness = dashboard.comparison_table(
        teams, offices, start, end, with_total=False, suppress_small=False
    )
    return form, start, end, team_rows, office_rows, freshness


@require_GET
@role_required(Role.TEAM_LEADER, Role.INTAKE_ADMIN)
def office_dashboard(request):
    form, start, end, team_rows, office_rows, freshness = _office_page(request)
    if request.user.role == Role.TEAM_LEADER or request.user.is_superuser:
        for row in team_rows:
            row.link = reverse("dashboard_team", args=[row.scope_id])
    context = _page_context(
        request,
        form,
        start,
        end,
        freshness,
        team_rows=team_rows,
        office_rows=office_rows,
        csv_url=reverse("dashboard_office_csv"),
        xlsx_url=reverse("dashboard_office_xlsx"),
    )
    return render(request, "reports/office.html", context)


@require_GET
@role_required(Role.TEAM_LEADER, Role.INTAKE_ADMIN)
def office_export(request, fmt):
    _form, start, end, team_rows, office_rows, freshness = _office_page(request)
    return _export(
        fmt,
        title=_("Fidelity of teams and offices"),
        rows=[*team_rows, *office_rows],
        start=start,
        end=end,
        freshness=freshness,
        filename=f"fidelity-offices-{start}-{end}",
    )


def _comparison_page(request):
    form, start, end = period_from(request)
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
    return form, start, end, team_rows, office_rows, total, freshness


@require_GET
@role_required(Role.ANALYST)
def comparison(request):
    form, start, end, team_rows, office_rows, total, freshness = _comparison_page(request)
    context = _page_context(
        request,
        form,
        start,
        end,
        freshness,
        team_rows=team_rows,
        office_rows=office_rows,
        office_and_total=[*office_rows, total],
        min_group=dashboard.MIN_GROUP_SIZE,
        csv_url=reverse("dashboard_comparison_csv"),
        xlsx_url=reverse("dashboard_comparison_xlsx"),
    )
    return render(request, "reports/comparison.html", context)


@require_GET
@role_required(Role.ANALYST)
def comparison_export(request, fmt):
    _form, start, end, team_rows, office_rows, total, freshness = _comparison_page(request)
    return _export(
        fmt,
        title=_("Fidelity of offices and teams (groups under 5 candidates suppressed)"),
        rows=[*office_rows, *team_rows, total],
        start=start,
        end=end,
        freshness=freshness,
        filename=f"fidelity-comparison-{start}-{end}",
    )


# --- Recompute now ---------------------------------------------------------------


def _safe_next(request, fallback="dashboard"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(fallback)


@require_POST
@role_required(*DASHBOARD_ROLES)
def recompute(request):
    """Start the Celery recompute of the shown period; htmx then polls its progress."""
    form = PeriodForm(request.POST)
    start, end = form.bounds()
    started = tasks.recompute_request(start, end, timezone.localdate())
    next_url = _safe_next(request)
    if not request.htmx:
        messages.info(request, _("The figures are being recomputed. Reload the page in a moment."))
        return redirect(next_url)
    return _progress(request, started["task_id"], started["group_id"], next_url)


def _progress(request, task_id, group_id, next_url):
    progress = tasks.recompute_progress(task_id, group_id)
    response = render(
        request,
        "reports/_recompute_progress.html",
        {
            "progress": progress,
            "failed": progress["state"] in ("FAILURE", "REVOKED"),
            "next_url": next_url,
            "poll_url": reverse("dashboard_recompute_progress", args=[task_id])
            + "?"
            + urlencode({"group": group_id or "", "next": next_url}),
        },
    )
    if progress["ready"] and progress["state"] == "SUCCESS":
        response["HX-Refresh"] = "true"
    return response


@require_GET
@role_required(*DASHBOARD_ROLES)
def recompute_progress(request, task_id):
    return _progress(request, task_id, request.GET.get("group") or None, _safe_next(request))
