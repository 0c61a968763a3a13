"""The specialist's working pages: the caseload, the contact log (log, edit and
delete activities) and the week."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from audit.decorators import shows_person_data
from candidates.queries import candidates_visible_to, current_enrollment
from candidates.services import enrollment_next_contact_set
from common.periods import Period
from employers.queries import employers_visible_to
from employers.services import normalise_orgnr
from followup.caseload import caseload as caseload_rows
from followup.filters import CaseloadFilter, CaseloadQuery
from followup.forms import (
    ActivityCreateForm,
    ActivityCreateQuery,
    ActivityEditForm,
    CandidateOptionsQuery,
    EmployerOptionsQuery,
    MyWeekQuery,
)
from followup.models import Activity
from followup.queries import (
    activities_logged_by,
    activities_visible_to,
    minutes_per_day,
    minutes_summary,
)
from followup.services import (
    ACTIVITY_FIELDS,
    activity_delete,
    activity_editable_by,
    activity_log,
    activity_update,
)
from ips import targets
from ips.decorators import role_required
from ips.forms import add_service_errors
from ips.locking import save_edit
from ips.models import Role, User
from ips.query import FIRST_DAY, parses_query

#: Who logs activities: specialists, and team leaders who do casework themselves.
LOG_ROLES = (Role.SPECIALIST, Role.TEAM_LEADER)
#: Search results offered in the candidate and employer pickers.
OPTIONS_SHOWN = 20

ACTIVITY_LOGGED_EVENT = "activityLogged"


def _after_save(activity):
    if activity.candidate_id:
        return redirect("candidate_file", pk=activity.candidate_id)
    if activity.employer_id:
        return redirect("employer_detail", employer_pk=activity.employer_id)
    return redirect("my_week")


def _initial_from_query(request, query, form_kwargs):
    """?candidate=<pk>&employer=<pk> preselect what the user may see."""
    initial = {}
    candidate_pk = query.cleaned_data["candidate"]
    if candidate_pk is not None:
        candidate = candidates_visible_to(request.user).filter(pk=candidate_pk).first()
        if candidate is not None:
            initial["candidate"] = candidate.pk
            enrollment = current_enrollment(request.user, candidate)
            if enrollment is not None:
                initial["euse_stage"] = enrollment.euse_stage
    employer_pk = query.cleaned_data["employer"]
    if (
        employer_pk is not None
        and employers_visible_to(request.user).filter(pk=employer_pk).exists()
    ):
        initial["employer"] = employer_pk
    form_kwargs["initial"] = initial


def _shown_in_form(request, form):
    """The activity form names every candidate of its picker (and the one chosen)."""
    request.audit.shown(form.fields["candidate"].queryset.values_list("pk", flat=True))


@shows_person_data(page="activity_form")
@role_required(*LOG_ROLES)
@parses_query(ActivityCreateQuery)
def activity_create(request, query):
    """Log a contact. From the candidate file the form is loaded and saved
    with htmx, and the timeline refreshes itself without a page reload."""
    inline = bool(request.htmx) and query.cleaned_data["inline"] == "1"
    kwargs = {"user": request.user}
    if request.method == "GET":
        _initial_from_query(request, query, kwargs)
    form = ActivityCreateForm(request.POST or None, **kwargs)
    if request.method == "POST":
        inline = bool(request.htmx)
        if form.is_valid():
            data = form.cleaned_data
            try:
                activity = activity_log(
                    author=request.user, **{name: data[name] for name in ACTIVITY_FIELDS}
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                _plan_next_contact(request, activity, data.get("next_contact_date"))
                if inline:
                    request.audit.shown([])  # "Logged: 30 min." and a link, no name
                    response = render(
                        request, "followup/_activity_saved.html", {"activity": activity}
                    )
                    response["HX-Trigger"] = ACTIVITY_LOGGED_EVENT
                    return response
                messages.success(request, _("The activity is logged."))
                return _after_save(activity)
    _shown_in_form(request, form)
    context = {"form": form, "inline": inline}
    if inline:
        return render(request, "followup/_activity_form.html", context)
    return render(request, "followup/activity_form.html", context)


def _plan_next_contact(request, activity, next_contact_date):
    if not (activity.candidate_id and next_contact_date):
        return
    enrollment = current_enrollment(request.user, activity.candidate)
    if enrollment is not None:
        enrollment_next_contact_set(enrollment=enrollment, next_contact_date=next_contact_date)


def _editable_activity(request, activity_pk) -> Activity:
    activity = get_object_or_404(
        activities_visible_to(request.user).select_related("candidate", "employer"),
        pk=activity_pk,
    )
    if not activity_editable_by(activity, request.user):
        raise PermissionDenied
    return activity


@shows_person_data(page="activity")
@role_required(*LOG_ROLES)
def activity_edit(request, activity_pk):
    """The author may change an activity for ACTIVITY_EDIT_DAYS days."""
    activity = _editable_activity(request, activity_pk)
    form = ActivityEditForm(request.POST or None, instance=activity, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        form = save_edit(
            form,
            lambda: activity_update(
                activity=activity,
                user=request.user,
                expected_version=data["version"],
                **{name: data[name] for name in ACTIVITY_FIELDS},
            ),
            user=request.user,
        )
        if form is None:
            messages.success(request, _("The activity is saved."))
            return _after_save(activity)
    _shown_in_form(request, form)
    if activity.candidate_id:
        request.audit.shown(activity.candidate)
    return render(
        request,
        "followup/activity_form.html",
        {"form": form, "activity": activity, "inline": False},
    )


@require_POST
@role_required(*LOG_ROLES)
def activity_remove(request, activity_pk):
    activity = _editable_activity(request, activity_pk)
    activity_delete(activity=activity, user=request.user)
    if request.htmx:
        response = HttpResponse("")
        response["HX-Trigger"] = ACTIVITY_LOGGED_EVENT
        return response
    messages.success(request, _("The activity is deleted."))
    return _after_save(activity)


@shows_person_data(page="candidate_options")
@role_required(*LOG_ROLES)
@parses_query(CandidateOptionsQuery)
def activity_candidate_options(request, query):
    """Search as you type: the candidates the user may see whose name matches."""
    candidates = candidates_visible_to(request.user).only("pk", "first_name", "last_name")
    for word in query.cleaned_data["candidate_q"].split():
        candidates = candidates.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    options = [(c.pk, f"{c.first_name} {c.last_name}") for c in candidates[:OPTIONS_SHOWN]]
    request.audit.shown(pk for pk, _name in options)
    return _options(request, options, query.cleaned_data["candidate"])


@role_required(*LOG_ROLES)
@parses_query(EmployerOptionsQuery)
def activity_employer_options(request, query):
    """Search as you type: the employers of the user's office by name or orgnr."""
    employers = employers_visible_to(request.user).only("pk", "name", "orgnr")
    text = query.cleaned_data["employer_q"]
    if text:
        employers = employers.filter(
            Q(name__icontains=text) | Q(orgnr__startswith=normalise_orgnr(text))
        )
    options = [(e.pk, e.name) for e in employers[:OPTIONS_SHOWN]]
    return _options(request, options, query.cleaned_data["employer"])


def _options(request, options, selected: int | None):
    """The <option>s of a picker; a single match is chosen at once (one tap less)."""
    if len(options) == 1:
        selected = options[0][0]
    return render(request, "followup/_options.html", {"options": options, "selected": selected})


@shows_person_data(page="my_week")
@role_required(*LOG_ROLES)
@parses_query(MyWeekQuery)
def my_week(request, query):
    """This week's and this month's activities, minutes per day and the field share."""
    today = timezone.localdate()
    day = query.cleaned_data["week"] or today
    this_week = Period.week_of(day)
    previous_week = this_week.previous().start
    week = minutes_summary(request.user, this_week)
    month = minutes_summary(request.user, Period.month_of(day))
    activities = list(activities_logged_by(request.user, this_week.start, this_week.end))
    request.audit.shown(a.candidate for a in activities if a.candidate_id)
    context = {
        "week": week,
        "month": month,
        "summaries": [(_("This week"), week), (_("This month"), month)],
        "days": minutes_per_day(request.user, this_week),
        "activities": activities,
        "target_percent": targets.percent(targets.current().field_share),
        "previous_week": previous_week if previous_week >= FIRST_DAY else None,
        "next_week": this_week.following().start if this_week.end < today else None,
    }
    return render(request, "followup/my_week.html", context)


#: Who has a caseload page: the specialist's own, the team leader's teams'.
CASELOAD_ROLES = (Role.SPECIALIST, Role.TEAM_LEADER)
#: Sortable caseload columns: the sort key (see CaseloadFilter) and the heading.
CASELOAD_COLUMNS = [
    ("name", gettext_lazy("Name")),
    ("stage", gettext_lazy("EUSE stage")),
    ("status", gettext_lazy("Status")),
    ("job", gettext_lazy("Current job")),
    ("-last_contact", gettext_lazy("Days since contact")),
    ("next_contact", gettext_lazy("Next planned contact")),
]


@shows_person_data(page="caseload")
@role_required(*CASELOAD_ROLES)
@parses_query(CaseloadQuery)
def caseload(request, query):
    """The specialist's start page: every active enrollment they hold."""
    today = timezone.localdate()
    rows = caseload_rows(request.user, today)
    total = rows.count()
    filterset = CaseloadFilter(query.data, queryset=rows)
    entries = list(filterset.qs)
    holders = {}
    if request.user.role == Role.TEAM_LEADER:
        holders = User.objects.in_bulk({entry.holder_id for entry in entries})
    for entry in entries:
        entry.days_since_contact = (today - entry.last_contact).days if entry.last_contact else None
        entry.holder = holders.get(entry.holder_id)
    request.audit.shown(entry.candidate for entry in entries)
    sort = (query.cleaned_data["sort"] or [""])[0]
    fte = request.user.fte or 1
    per_fte = total / float(fte)
    band = targets.current().caseload_per_fte
    context = {
        "filter": filterset,
        "entries": entries,
        "total": total,
        "fte": fte,
        "per_fte": per_fte,
        "band": band,
        "in_band": band.contains(per_fte),
        "show_band": request.user.role == Role.SPECIALIST,
        "show_holder": request.user.role == Role.TEAM_LEADER,
        "overdue_days": settings.CONTACT_OVERDUE_DAYS,
        "sort": sort,
        "columns": [_column(key, label, sort) for key, label in CASELOAD_COLUMNS],
    }
    return render(request, "followup/caseload.html", context)


def _column(key, label, sort):
    """(heading, sort value of its link, arrow): a second click reverses the order."""
    reverse = key[1:] if key.startswith("-") else f"-{key}"
    if sort == key:
        return label, reverse, "↑"
    if sort == reverse:
        return label, key, "↓"
    return label, key, ""
