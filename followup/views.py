"""The contact log: log, edit and delete activities; the specialist's week."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.decorators import shows_person_data
from candidates.queries import current_enrollment
from candidates.services import enrollment_next_contact_set
from common.periods import Period
from employers.services import normalise_orgnr
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
from ips.access import activities_visible_to, candidates_visible_to, employers_visible_to
from ips.decorators import role_required
from ips.forms import add_service_errors
from ips.locking import save_edit
from ips.models import Role
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
    activities = list(
        Activity.objects.filter(
            author=request.user, date__range=(this_week.start, this_week.end)
        ).select_related("candidate", "employer")
    )
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
