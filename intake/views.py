"""The intake's pages: referral, waiting list, assignment, discharge, the
office's accounts and teams, and the spreadsheet import."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.services import access_record
from intake import services, uploads
from intake.forms import (
    AccountForm,
    AssignmentForm,
    DischargeForm,
    ImportUploadForm,
    ReferralForm,
    TeamForm,
    WithdrawalForm,
    settings_limit,
)
from ips.access import (
    contact_details_visible,
    enrollments_assignable_by,
    users_visible_to,
    waiting_enrollments_visible_to,
)
from ips.bidi import isolate
from ips.decorators import role_required
from ips.forms import add_service_errors
from ips.imports import import_records
from ips.locking import save_edit
from ips.models import Role, Team, User
from ips.services import team_upsert, user_create, user_deactivate, user_reactivate, user_update

INTAKE = (Role.INTAKE_ADMIN,)
ASSIGNERS = (Role.INTAKE_ADMIN, Role.TEAM_LEADER)
IMPORT_SESSION_KEY = "intake_import"


# --- Referral and waiting list -----------------------------------------------


@role_required(*INTAKE)
def referral_create(request):
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reasons = services.referral_ineligibility(
            birth_date=data["birth_date"],
            referral_date=data["referral_date"],
            wants_work=data.pop("wants_work"),
        )
        if reasons:
            # Nothing is saved: a referral outside the two criteria is answered,
            # not stored (no person data kept about someone not served).
            return render(
                request,
                "intake/referral_not_eligible.html",
                {"reasons": reasons, "name": f"{data['first_name']} {data['last_name']}"},
            )
        try:
            enrollment, created = services.referral_register(office=request.user.office, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if created:
                messages.success(
                    request,
                    _("The referral of %(name)s is registered and on the waiting list.")
                    % {"name": isolate(enrollment.candidate)},
                )
            else:
                messages.info(request, _("This referral was already registered."))
            return redirect("waiting_list")
    return render(request, "intake/referral_form.html", {"form": form})


@role_required(*ASSIGNERS)
def waiting_list(request):
    """Referrals no specialist holds yet, oldest first."""
    today = timezone.localdate()
    waiting = (
        waiting_enrollments_visible_to(request.user)
        .select_related("candidate")
        .order_by("referral_date", "created_at")
    )
    rows = []
    for enrollment in waiting:
        days = (today - enrollment.referral_date).days
        rows.append(
            {
                "enrollment": enrollment,
                "days": days,
                "late": days > settings.WAITING_LIST_WARNING_DAYS,
            }
        )
    return render(
        request,
        "intake/waiting_list.html",
        {"rows": rows, "warning_days": settings.WAITING_LIST_WARNING_DAYS},
    )


@role_required(*ASSIGNERS)
def referral_withdraw(request, referral_pk):
    """Take a referral off the waiting list before intake, with a date and a
    reason. The record is kept."""
    enrollment = _enrollment(request, referral_pk)
    if request.method != "POST" and not services.is_waiting(enrollment):
        messages.info(request, _("This referral is no longer on the waiting list."))
        return redirect("intake_enrollment", enrollment_pk=enrollment.pk)
    form = WithdrawalForm(request.POST or None, enrollment=enrollment)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        form = save_edit(
            form,
            lambda: services.referral_withdraw(
                enrollment=enrollment,
                discharge_date=data["discharge_date"],
                discharge_reason=data["discharge_reason"],
                expected_version=data["version"],
            ),
        )
        if form is None:
            messages.success(
                request,
                _("The referral of %(name)s is withdrawn from the waiting list.")
                % {"name": isolate(enrollment.candidate)},
            )
            return redirect("waiting_list")
        enrollment = _enrollment(request, referral_pk)  # as it is now
    access_record(request=request, candidate=enrollment.candidate, page="referral_withdraw")
    return render(request, "intake/withdrawal_form.html", {"enrollment": enrollment, "form": form})


# --- One enrollment: intake data, assignment, discharge -----------------------


def _enrollment(request, enrollment_pk):
    return get_object_or_404(
        enrollments_assignable_by(request.user).select_related("candidate", "office"),
        pk=enrollment_pk,
    )


def _history(enrollment):
    return enrollment.assignments.select_related("specialist", "created_by").order_by("-from_date")


@role_required(*ASSIGNERS)
def intake_enrollment(request, enrollment_pk):
    """The intake data of one enrollment and who has held it."""
    enrollment = _enrollment(request, enrollment_pk)
    access_record(request=request, candidate=enrollment.candidate, page="intake_enrollment")
    return render(
        request,
        "intake/enrollment_detail.html",
        {
            "enrollment": enrollment,
            "candidate": enrollment.candidate,
            "show_contact": contact_details_visible(request.user, enrollment.candidate),
            "history": _history(enrollment),
        },
    )


@role_required(*ASSIGNERS)
def assignment_create(request, enrollment_pk):
    """Assign or reassign, seeing every specialist's caseload against the cap and band."""
    enrollment = _enrollment(request, enrollment_pk)
    office_id = enrollment.office_id or request.user.office_id
    loads = services.specialist_loads(office_id=office_id)
    may_override = services.may_override_cap(request.user)
    specialists = User.objects.filter(
        role=Role.SPECIALIST, is_active=True, office_id=office_id
    ).select_related("team")
    form = AssignmentForm(
        request.POST or None,
        enrollment=enrollment,
        specialists=specialists,
        may_override=may_override,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        form = save_edit(
            form,
            lambda: services.assignment_open(
                enrollment=enrollment,
                specialist=data["specialist"],
                from_date=data["from_date"],
                created_by=request.user,
                expected_version=data["version"],
                override_reason=data.get("override_reason", ""),
            ),
            specialists=specialists,
            may_override=may_override,
        )
        if form is None:
            messages.success(
                request,
                _("%(candidate)s is assigned to %(specialist)s from %(date)s.")
                % {
                    "candidate": isolate(enrollment.candidate),
                    "specialist": isolate(data["specialist"]),
                    "date": data["from_date"].strftime("%d.%m.%Y"),
                },
            )
            return redirect("intake_enrollment", enrollment_pk=enrollment.pk)
        enrollment = _enrollment(request, enrollment_pk)  # as it is now
    access_record(request=request, candidate=enrollment.candidate, page="assignment")
    return render(
        request,
        "intake/assignment_form.html",
        {
            "enrollment": enrollment,
            "form": form,
            "loads": loads,
            "may_override": may_override,
            "history": _history(enrollment),
            "band": (services.BAND_LOW, services.BAND_HIGH),
        },
    )


@role_required(*ASSIGNERS)
def enrollment_discharge(request, enrollment_pk):
    """End the enrollment (avslutning) with a date and a reason."""
    enrollment = _enrollment(request, enrollment_pk)
    form = DischargeForm(request.POST or None, enrollment=enrollment)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        form = save_edit(
            form,
            lambda: services.enrollment_discharge(
                enrollment=enrollment,
                discharge_date=data["discharge_date"],
                discharge_reason=data["discharge_reason"],
                expected_version=data["version"],
            ),
        )
        if form is None:
            messages.success(
                request,
                _("The enrollment of %(name)s has ended.")
                % {"name": isolate(enrollment.candidate)},
            )
            return redirect("intake_enrollment", enrollment_pk=enrollment.pk)
        enrollment = _enrollment(request, enrollment_pk)  # as it is now
    access_record(request=request, candidate=enrollment.candidate, page="discharge")
    return render(request, "intake/discharge_form.html", {"enrollment": enrollment, "form": form})


# --- Accounts and teams ---------------------------------------------------------


def _office_teams(user):
    teams = Team.objects.select_related("office")
    return teams if user.is_superuser else teams.filter(office_id=user.office_id)


def _send_password_link(request, account) -> None:
    """E-mail a one-time link to choose a password (Django's reset flow)."""
    form = _PasswordLinkForm({"email": account.email}, account=account)
    if form.is_valid():
        form.save(
            request=request,
            use_https=request.is_secure(),
            subject_template_name="intake/password_link_subject.txt",
            email_template_name="intake/password_link_email.txt",
        )


class _PasswordLinkForm(PasswordResetForm):
    """The reset form for one given account: a new account has no usable
    password yet, which the stock form would skip."""

    def __init__(self, *args, account, **kwargs):
        self.account = account
        super().__init__(*args, **kwargs)

    def get_users(self, email):
        if self.account.is_active and self.account.email:
            yield self.account


@role_required(*INTAKE)
def account_create(request):
    form = AccountForm(request.POST or None, teams=_office_teams(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            account = user_create(office=request.user.office, **form.account_values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _send_password_link(request, account)
            messages.success(
                request,
                _("%(name)s is created. A link to choose a password is sent to %(email)s.")
                % {"name": isolate(account), "email": account.email},
            )
            return redirect("account_list")
    return render(request, "intake/account_form.html", {"form": form, "account": None})


def _account(request, user_pk):
    return get_object_or_404(users_visible_to(request.user), pk=user_pk)


@role_required(*INTAKE)
def account_edit(request, user_pk):
    """Change an account of the office; a stale form is refused and the first edit kept."""
    account = _account(request, user_pk)
    teams = _office_teams(request.user)
    form = AccountForm(request.POST or None, teams=teams, account=account)
    if request.method == "POST" and form.is_valid():
        values, version = form.account_values(), form.cleaned_data["version"]
        form = save_edit(
            form,
            lambda: user_update(user=account, expected_version=version, **values),
            teams=teams,
        )
        if form is None:
            messages.success(request, _("%(name)s is saved.") % {"name": isolate(account)})
            return redirect("account_list")
        account = _account(request, user_pk)  # as it is now, for the heading
    return render(request, "intake/account_form.html", {"form": form, "account": account})


@require_POST
@role_required(*INTAKE)
def account_deactivate(request, user_pk):
    account = _account(request, user_pk)
    try:
        user_deactivate(user=account, deactivated_by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(name)s is deactivated and can no longer log in.") % {"name": isolate(account)},
        )
    return redirect("account_list")


@require_POST
@role_required(*INTAKE)
def account_reactivate(request, user_pk):
    account = _account(request, user_pk)
    user_reactivate(user=account)
    messages.success(request, _("%(name)s can log in again.") % {"name": isolate(account)})
    return redirect("account_list")


@require_POST
@role_required(*INTAKE)
def account_password_link(request, user_pk):
    account = _account(request, user_pk)
    if not account.is_active or not account.email:
        messages.error(
            request,
            _("%(name)s has no e-mail address or is deactivated.") % {"name": isolate(account)},
        )
    else:
        _send_password_link(request, account)
        messages.success(
            request,
            _("A link to choose a password is sent to %(email)s.") % {"email": account.email},
        )
    return redirect("account_list")


@role_required(*INTAKE)
def team_create(request):
    office = request.user.office
    form = TeamForm(request.POST or None, office=office)
    if request.method == "POST" and form.is_valid() and office is not None:
        try:
            team, _outcome = team_upsert(office_name=office.name, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The team %(name)s is created.") % {"name": isolate(team)})
            return redirect("team_create")
    teams = _office_teams(request.user).annotate(member_count=Count("members")).order_by("name")
    return render(request, "intake/team_form.html", {"form": form, "teams": teams})


# --- Import -----------------------------------------------------------------------


@role_required(*INTAKE)
def import_upload(request):
    """Step 1: upload and see the dry run's report. Nothing is saved."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    report = problems = None
    if request.method == "POST" and form.is_valid():
        request.session.pop(IMPORT_SESSION_KEY, None)
        tables, problems = uploads.read_upload(form.cleaned_data["files"])
        if tables and not problems:
            report = import_records(tables, dry_run=True)
            report.errors[:0] = uploads.office_errors(tables, request.user.office)
            if report.ok:
                request.session[IMPORT_SESSION_KEY] = {
                    "tables": tables,
                    "names": sorted(tables),
                    "at": timezone.now().isoformat(),
                }
    return render(
        request,
        "intake/import_upload.html",
        {
            "form": form,
            "report": report,
            "problems": problems,
            "limit_mb": settings_limit() // (1024 * 1024),
        },
    )


#: How long a checked upload waits for its confirmation.
IMPORT_CONFIRM_WITHIN = datetime.timedelta(minutes=30)


@require_POST
@role_required(*INTAKE)
def import_confirm(request):
    """Step 2: import what was checked, all or nothing."""
    pending = request.session.pop(IMPORT_SESSION_KEY, None)
    if not pending or (
        timezone.now() - datetime.datetime.fromisoformat(pending["at"]) > IMPORT_CONFIRM_WITHIN
    ):
        messages.error(request, _("There is no checked upload to import: upload the files again."))
        return redirect("import_upload")
    tables = pending["tables"]
    office_problems = uploads.office_errors(tables, request.user.office)
    # Checked again: the office's teams and accounts may have changed since.
    report = import_records(tables, dry_run=bool(office_problems))
    report.errors[:0] = office_problems
    if report.saved:
        messages.success(request, _("The import is done."))
    else:
        messages.error(request, _("Nothing was imported: the files no longer pass the check."))
    return render(
        request,
        "intake/import_upload.html",
        {
            "form": ImportUploadForm(),
            "report": report,
            "imported": report.saved,
            "limit_mb": settings_limit() // (1024 * 1024),
        },
    )
