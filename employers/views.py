"""Employers of the office, their contact persons, and job starts (placements)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from audit.decorators import shows_person_data
from candidates.queries import candidates_visible_to, current_enrollment
from employers import services
from employers.forms import (
    ContactPersonForm,
    EmployerForm,
    EmployerSearchForm,
    PlacementEndForm,
    PlacementForm,
)
from employers.queries import (
    contact_persons_visible_to,
    employer_page,
    employers_matching,
    employers_visible_to,
    placements_visible_to,
)
from employers.services import PLACEMENT_FIELDS, EmployerExists
from ips.decorators import role_required
from ips.forms import add_service_errors
from ips.locking import save_edit
from ips.models import Role
from ips.query import parses_query

#: Employers are worked with by specialists and their leaders.
EMPLOYER_ROLES = (Role.SPECIALIST, Role.TEAM_LEADER)
EMPLOYERS_PER_PAGE = 50


@role_required(*EMPLOYER_ROLES)
@parses_query(EmployerSearchForm)
def employer_list(request, query):
    """The office's employers, searched by name or organisation number."""
    text = query.cleaned_data["q"]
    employers = employers_matching(request.user, text)
    page = Paginator(employers, EMPLOYERS_PER_PAGE).get_page(query.cleaned_data["page"])
    return render(
        request, "employers/employer_list.html", {"search": query, "page": page, "query": text}
    )


def _refuse_existing(request, form, existing):
    """The orgnr is taken: say so next to the field, and link to the employer
    when the user may open it."""
    form.add_error("orgnr", _("An employer with this organisation number is already registered."))
    if employers_visible_to(request.user).filter(pk=existing.pk).exists():
        return existing
    return None


def _employer_form_page(request, form, title, existing=None, employer=None):
    return render(
        request,
        "employers/employer_form.html",
        {"form": form, "existing": existing, "title": title, "employer": employer},
    )


@role_required(*EMPLOYER_ROLES)
def employer_create(request):
    form = EmployerForm(request.POST or None)
    existing = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            employer = services.employer_create(
                orgnr=data["orgnr"],
                name=data["name"],
                industry=data["industry"],
                office=request.user.office,
            )
        except EmployerExists as error:
            existing = _refuse_existing(request, form, error.employer)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The employer is registered."))
            return redirect("employer_detail", employer_pk=employer.pk)
    return _employer_form_page(request, form, _("New employer"), existing)


@role_required(*EMPLOYER_ROLES)
def employer_edit(request, employer_pk):
    """Change an employer of the office; a stale form is refused and the first edit kept."""
    employer = get_object_or_404(employers_visible_to(request.user), pk=employer_pk)
    form = EmployerForm(request.POST or None, instance=employer)
    existing = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            form = save_edit(
                form,
                lambda: services.employer_update(
                    employer=employer,
                    orgnr=data["orgnr"],
                    name=data["name"],
                    industry=data["industry"],
                    expected_version=data["version"],
                ),
            )
        except EmployerExists as error:
            existing = _refuse_existing(request, form, error.employer)
        else:
            if form is None:
                messages.success(request, _("The employer is saved."))
                return redirect("employer_detail", employer_pk=employer.pk)
    return _employer_form_page(request, form, _("Edit employer"), existing, employer)


@shows_person_data(page="employer")
@role_required(*EMPLOYER_ROLES)
def employer_detail(request, employer_pk):
    """Contact persons, the job starts there, and what other apps add (the contact log)."""
    employer = get_object_or_404(employers_visible_to(request.user), pk=employer_pk)
    page = employer_page(request.user, employer)
    request.audit.shown(page.candidates)
    return render(request, "employers/employer_detail.html", {"employer": employer, "page": page})


@role_required(*EMPLOYER_ROLES)
def contact_person_create(request, employer_pk):
    employer = get_object_or_404(employers_visible_to(request.user), pk=employer_pk)
    return _contact_person_form(request, employer, None)


@role_required(*EMPLOYER_ROLES)
def contact_person_edit(request, contact_pk):
    contact = get_object_or_404(
        contact_persons_visible_to(request.user).select_related("employer"), pk=contact_pk
    )
    return _contact_person_form(request, contact.employer, contact)


def _contact_person_form(request, employer, contact):
    form = ContactPersonForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ContactPersonForm.Meta.fields}
        if contact is None:
            form = save_edit(form, lambda: services.contact_person_add(employer=employer, **values))
        else:
            version = form.cleaned_data["version"]
            form = save_edit(
                form,
                lambda: services.contact_person_update(
                    contact=contact, expected_version=version, **values
                ),
            )
        if form is None:
            messages.success(request, _("The contact person is saved."))
            return redirect("employer_detail", employer_pk=employer.pk)
    title = _("Edit contact person") if contact else _("New contact person")
    return render(
        request,
        "employers/employer_form.html",
        {"form": form, "title": title, "employer": employer},
    )


# --- Placements (job starts), from the candidate file ---


def _placement_page(request, form, candidate, title, placement=None):
    return render(
        request,
        "employers/placement_form.html",
        {"form": form, "candidate": candidate, "title": title, "placement": placement},
    )


@shows_person_data(page="placement")
@role_required(Role.SPECIALIST)
def placement_create(request, pk):
    """Register a job start for the candidate's current enrollment."""
    candidate = get_object_or_404(candidates_visible_to(request.user), pk=pk)
    request.audit.shown(candidate)
    enrollment = current_enrollment(request.user, candidate)
    form = PlacementForm(request.POST or None, user=request.user)
    if enrollment is None:
        form.add_error(None, _("The candidate has no enrollment you hold."))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.placement_create(
                enrollment=enrollment, **{name: data[name] for name in PLACEMENT_FIELDS}
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The job start is registered."))
            return redirect("candidate_file", pk=candidate.pk)
    return _placement_page(request, form, candidate, _("New job start"))


def _visible_placement(request, placement_pk):
    return get_object_or_404(
        placements_visible_to(request.user).select_related("enrollment__candidate", "employer"),
        pk=placement_pk,
    )


@shows_person_data(page="placement")
@role_required(Role.SPECIALIST)
def placement_edit(request, placement_pk):
    """Change a job start; a stale form is refused and the first edit kept."""
    placement = _visible_placement(request, placement_pk)
    candidate = placement.enrollment.candidate
    request.audit.shown(candidate)
    form = PlacementForm(request.POST or None, instance=placement, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        form = save_edit(
            form,
            lambda: services.placement_update(
                placement=placement,
                expected_version=data["version"],
                **{name: data[name] for name in PLACEMENT_FIELDS},
            ),
            user=request.user,
        )
        if form is None:
            messages.success(request, _("The job start is saved."))
            return redirect("candidate_file", pk=candidate.pk)
    return _placement_page(request, form, candidate, _("Edit job start"), placement)


@shows_person_data(page="placement")
@role_required(Role.SPECIALIST)
def placement_end(request, placement_pk):
    """End a job with a date and a reason."""
    placement = _visible_placement(request, placement_pk)
    candidate = placement.enrollment.candidate
    request.audit.shown(candidate)
    form = PlacementEndForm(request.POST or None, instance=placement)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        form = save_edit(
            form,
            lambda: services.placement_end(
                placement=placement,
                end_date=data["end_date"],
                end_reason=data["end_reason"],
                expected_version=data["version"],
            ),
        )
        if form is None:
            messages.success(request, _("The job is ended."))
            return redirect("candidate_file", pk=candidate.pk)
    return _placement_page(request, form, candidate, _("End the job"), placement)
