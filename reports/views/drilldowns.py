"""The people and weeks behind a dashboard figure: the only dashboard pages
with person data, scoped by the apps' scoping functions and written to the access log."""

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from audit.decorators import shows_person_data
from candidates.queries import enrollments_visible_to
from ips import targets
from ips.decorators import role_required
from ips.models import Role, User
from ips.query import parses_query
from reports import drilldown
from reports.figures import drill_named
from reports.forms import DrilldownQuery, TeamDrilldownQuery
from reports.metrics import FOLLOW_UP_DAYS
from reports.views.figures import LEADER, period_query, teams_of_leader


@shows_person_data(page="dashboard_drilldown")
@require_GET
@role_required(*LEADER)
@parses_query(TeamDrilldownQuery)
def team_drilldown(request, team_pk, metric, query):
    team = get_object_or_404(teams_of_leader(request.user), pk=team_pk)
    holders = User.objects.filter(role=Role.SPECIALIST, team=team)
    specialist = query.cleaned_data["specialist"]
    if specialist is not None:
        holders = holders.filter(pk=specialist)
        if not holders.exists():
            raise Http404
    back = reverse("dashboard_team", args=[team.pk])
    return _drilldown(request, query, metric, holders, back, specialist=specialist)


@shows_person_data(page="dashboard_drilldown")
@require_GET
@role_required(Role.SPECIALIST)
@parses_query(DrilldownQuery)
def my_drilldown(request, metric, query):
    holders = User.objects.filter(pk=request.user.pk)
    return _drilldown(request, query, metric, holders, reverse("dashboard_mine"))


def _drilldown(request, query, metric, holders, back_url, specialist=None):
    drill = drill_named(metric)
    if drill is None:
        raise Http404
    period = query.chosen_period()
    as_of = query.as_of_day()
    show = query.cleaned_data["show"]
    people = {person.pk: person for person in holders.select_related("team")}
    ids = list(people)
    this_page = period_query(period, as_of)
    if specialist is not None:
        this_page += f"&specialist={specialist}"
    context = {
        "period": period,
        "as_of": as_of,
        "metric": drill.name,
        "drill": drill,
        "show": show,
        "this_page": this_page,
        "back_url": f"{back_url}?{period_query(period)}",
        "people": people,
        "single": people[ids[0]] if len(ids) == 1 else None,
    }
    target = targets.current()
    context["days_target"] = target.days_to_first_employer_contact
    if not drill.lists_candidates:
        weeks = drill.rows(period, as_of, ids)
        for week in weeks:
            week["person"] = people.get(week["author_id"])
            week["low"] = week["field_share"] < target.field_share
        if show == "low":
            weeks = [week for week in weeks if week["low"]]
        context |= {"weeks": weeks, "target_percent": targets.percent(target.field_share)}
        request.audit.shown([])  # the specialists' weeks: no candidate
        return render(request, "reports/drilldown.html", context)
    selected = drill.rows(period, as_of, ids)
    if drill is drilldown.COHORT and show == "without_job":
        selected = selected.filter(in_work=False)
    visible = list(
        selected.filter(pk__in=enrollments_visible_to(request.user).values("pk")).select_related(
            "candidate"
        )
    )
    openable = drilldown.files_open_to(request.user, visible)
    for enrollment in visible:
        enrollment.holder = people.get(enrollment.holder_id)
        enrollment.file_opens = enrollment.candidate_id in openable
        if drill is drilldown.COHORT:
            enrollment.follow_up_ends = enrollment.intake_date + datetime.timedelta(
                days=FOLLOW_UP_DAYS
            )
    hidden = selected.count() - len(visible)
    request.audit.shown(enrollment.candidate for enrollment in visible)
    context |= {"enrollments": visible, "hidden": hidden}
    return render(request, "reports/drilldown.html", context)
