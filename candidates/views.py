"""The specialist's caseload and the candidate file."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.decorators import shows_person_data
from audit.queries import access_entries_for
from candidates.filters import CaseloadFilter, CaseloadQuery
from candidates.forms import (
    CandidateForm,
    EnrollmentPlanForm,
    ProtectionForm,
    VocationalProfileForm,
)
from candidates.models import Candidate, VocationalProfile
from candidates.queries import caseload as caseload_rows
from candidates.queries import current_enrollment, timeline
from candidates.services import (
    candidate_protection_set,
    candidate_update,
    enrollment_plan,
    may_lift_protection,
    vocational_profile_update,
)
from followup.services import activity_editable_by
from ips import targets
from ips.access import (
    candidates_visible_to,
    contact_details_visible,
    enrollments_visible_to,
    holds_candidate,
    placements_visible_to,
)
from ips.decorators import role_required
from ips.locking import save_edit
from ips.models import Role, User
from ips.query import parses_query

#: Who works on candidate files: the specialist writes, the team leader reads.
FILE_ROLES = (Role.SPECIALIST, Role.TEAM_LEADER)
#: Sortable caseload columns: the sort key (see CaseloadFilter) and the heading.
CASELOAD_COLUMNS = [
    ("name", gettext_lazy("Name")),
    ("stage", gettext_lazy("EUSE stage")),
    ("status", gettext_lazy("Status")),
    ("job", gettext_lazy("Current job")),
    ("-last_contact", gettext_lazy("Days since contact")),
    ("next_contact", gettext_lazy("Next planned contact")),
]
#: How many access entries the file shows a team leader.
ACCESS_ENTRIES_SHOWN = 50


def _visible_candidate(request, pk) -> Candidate:
    return get_object_or_404(candidates_visible_to(request.user), pk=pk)


def _may_write(user) -> bool:
    return user.is_superuser or user.role == Role.SPECIALIST


@shows_person_data(page="caseload")
@role_required(*FILE_ROLES)
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
    return render(request, "candidates/caseload.html", context)


def _column(key, label, sort):
    """(heading, sort value of its link, arrow): a second click reverses the order."""
    reverse = key[1:] if key.startswith("-") else f"-{key}"
    if sort == key:
        return label, reverse, "↑"
    if sort == reverse:
        return label, key, "↓"
    return label, key, ""


def _timeline_context(request, candidate):
    items = timeline(request.user, candidate)
    for item in items:
        if item.kind == "activity":
            item.editable = activity_editable_by(item.record, request.user)
    return {"candidate": candidate, "items": items}


@shows_person_data(page="candidate_file")
@role_required(*FILE_ROLES)
def candidate_file(request, pk):
    candidate = get_object_or_404(
        candidates_visible_to(request.user).select_related("profile"), pk=pk
    )
    request.audit.shown(candidate)
    request.audit.write()  # a leader's list of reads below includes this one
    enrollment = current_enrollment(request.user, candidate)
    may_write = _may_write(request.user)
    try:
        profile = candidate.profile
    except VocationalProfile.DoesNotExist:
        profile = None
    context = {
        "candidate": candidate,
        "show_contact": contact_details_visible(request.user, candidate),
        "is_holder": holds_candidate(request.user, candidate),
        "enrollment": enrollment,
        "enrollments": enrollments_visible_to(request.user)
        .filter(candidate=candidate)
        .with_holder_on(timezone.localdate())
        .order_by("-referral_date"),
        "profile": profile,
        "placements": placements_visible_to(request.user)
        .filter(enrollment__candidate=candidate)
        .select_related("employer"),
        "may_write": may_write,
        "plan_form": EnrollmentPlanForm(instance=enrollment) if may_write and enrollment else None,
        "may_protect": may_write or request.user.role == Role.TEAM_LEADER,
        **_timeline_context(request, candidate),
    }
    if request.user.role == Role.TEAM_LEADER or request.user.is_superuser:
        context["access_entries"] = access_entries_for(candidate)[:ACCESS_ENTRIES_SHOWN]
    return render(request, "candidates/candidate_file.html", context)


@shows_person_data(page="timeline")
@role_required(*FILE_ROLES)
def candidate_timeline(request, pk):
    """The timeline fragment htmx swaps in after a contact is logged."""
    candidate = _visible_candidate(request, pk)
    request.audit.shown(candidate)
    return render(request, "followup/_timeline.html", _timeline_context(request, candidate))


def _form_page(request, candidate, form, title, **extra):
    return render(
        request,
        "candidates/form_page.html",
        {"candidate": candidate, "form": form, "title": title, **extra},
    )


@shows_person_data(page="candidate_edit")
@role_required(Role.SPECIALIST)
def candidate_edit(request, pk):
    """Identity and contact details: the holder only (the protected-person rule)."""
    candidate = _visible_candidate(request, pk)
    if not contact_details_visible(request.user, candidate):
        raise PermissionDenied
    request.audit.shown(candidate)
    form = CandidateForm(request.POST or None, instance=candidate)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {name: data[name] for name in CandidateForm.Meta.fields}
        form = save_edit(
            form,
            lambda: candidate_update(
                candidate=candidate, expected_version=data["version"], **values
            ),
        )
        if form is None:
            messages.success(request, _("The candidate's details are saved."))
            return redirect("candidate_file", pk=candidate.pk)
    return _form_page(request, candidate, form, _("Identity and contact details"))


@shows_person_data(page="vocational_profile")
@role_required(Role.SPECIALIST)
def candidate_profile_edit(request, pk):
    """The vocational profile (EUSE stage 2), treatment contact and NAV adviser."""
    candidate = _visible_candidate(request, pk)
    request.audit.shown(candidate)
    try:
        profile = candidate.profile
    except VocationalProfile.DoesNotExist:
        profile = VocationalProfile(candidate=candidate)
    form = VocationalProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {name: data[name] for name in VocationalProfileForm.Meta.fields}
        form = save_edit(
            form,
            lambda: vocational_profile_update(
                profile=profile, expected_version=data["version"], **values
            ),
        )
        if form is None:
            messages.success(request, _("The vocational profile is saved."))
            return redirect("candidate_file", pk=candidate.pk)
    return _form_page(request, candidate, form, _("Vocational profile"))


@shows_person_data(page="plan")
@role_required(Role.SPECIALIST)
def candidate_plan(request, pk):
    """Change the EUSE stage and plan the next contact."""
    candidate = _visible_candidate(request, pk)
    request.audit.shown(candidate)
    enrollment = current_enrollment(request.user, candidate)
    if enrollment is None:
        raise Http404
    form = EnrollmentPlanForm(request.POST or None, instance=enrollment)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        form = save_edit(
            form,
            lambda: enrollment_plan(
                enrollment=enrollment,
                euse_stage=data["euse_stage"],
                next_contact_date=data["next_contact_date"],
                changed_by=request.user,
                expected_version=data["version"],
            ),
        )
        if form is None:
            messages.success(request, _("The stage and the next contact are saved."))
            return redirect("candidate_file", pk=candidate.pk)
    return _form_page(request, candidate, form, _("EUSE stage and next contact"))


@shows_person_data(page="protection")
@role_required(Role.SPECIALIST, Role.TEAM_LEADER, Role.INTAKE_ADMIN)
def candidate_protection(request, pk):
    """The protected-address flag (kode 6/7). Whoever may read the candidate
    raises it; only the holding specialist lowers or lifts it, with a reason
    and the population register checked (candidate_protection_set)."""
    candidate = _visible_candidate(request, pk)
    request.audit.shown(candidate)
    may_lift = may_lift_protection(request.user, candidate)
    form = ProtectionForm(request.POST or None, instance=candidate, may_lift=may_lift)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        form = save_edit(
            form,
            lambda: candidate_protection_set(
                candidate=candidate,
                protected_address=data["protected_address"],
                expected_version=data["version"],
                changed_by=request.user,
                reason=data.get("reason", ""),
                register_checked=data.get("register_checked", False),
            ),
        )
        if form is None:
            messages.success(request, _("The protected-address flag is saved."))
            if request.user.role == Role.INTAKE_ADMIN:
                return redirect("home")
            return redirect("candidate_file", pk=candidate.pk)
    return _form_page(request, candidate, form, _("Protected address"), may_lift=may_lift)
