"""The intake's pages: referral, waiting list, assignment, discharge, the
office's accounts and teams. (The spreadsheet upload is the importer's.)"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.decorators import shows_person_data
from candidates.queries import (
    contact_details_visible,
    enrollments_assignable_by,
    transfer_requests_sent_for,
    transfer_requests_to_decide_by,
)
from intake import services
from intake.forms import (
    AccountForm,
    AssignmentForm,
    DischargeForm,
    EnrolmentLinkForm,
    ReferralForm,
    TeamForm,
    WithdrawalForm,
)
from intake.queries import waiting_list_rows
from ips import targets
from ips.accounts import (
    ACCOUNT_KEEPERS,
    roles_grantable_by,
    teams_assignable_by,
    users_manageable_by,
)
from ips.bidi import isolate
from ips.decorators import fresh_second_factor_required, role_required
from ips.forms import add_service_errors
from ips.locking import save_edit
from ips.models import Role, User
from ips.security import Delivery, enrolment_link_issue, enrolment_link_refusal
from ips.services import team_upsert, user_create, user_deactivate, user_reactivate, user_update

INTAKE = (Role.INTAKE_ADMIN,)
ASSIGNERS = (Role.INTAKE_ADMIN, Role.TEAM_LEADER)


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


@shows_person_data(page="waiting_list")
@role_required(*ASSIGNERS)
def waiting_list(request):
    """Referrals no specialist holds yet, oldest first."""
    rows = waiting_list_rows(request.user, timezone.localdate())
    request.audit.shown(row.enrollment.candidate for row in rows)
    return render(
        request,
        "intake/waiting_list.html",
        {
            "rows": rows,
            "warning_days": settings.WAITING_LIST_WARNING_DAYS,
            "transfers_waiting": transfer_requests_to_decide_by(request.user).count(),
        },
    )


@shows_person_data(page="referral_withdraw")
@role_required(*ASSIGNERS)
def referral_withdraw(request, referral_pk):
    """Take a referral off the waiting list before intake, with a date and a
    reason. The record is kept."""
    enrollment = _enrollment(request, referral_pk)
    request.audit.shown(enrollment.candidate)
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
    return render(request, "intake/withdrawal_form.html", {"enrollment": enrollment, "form": form})


# --- One enrollment: intake data, assignment, discharge -----------------------


def _enrollment(request, enrollment_pk):
    return get_object_or_404(
        enrollments_assignable_by(request.user).select_related("candidate", "office"),
        pk=enrollment_pk,
    )


def _history(enrollment):
    return enrollment.assignments.select_related("specialist", "created_by").order_by("-from_date")


@shows_person_data(page="intake_enrollment")
@role_required(*ASSIGNERS)
def intake_enrollment(request, enrollment_pk):
    """The intake data of one enrollment and who has held it."""
    enrollment = _enrollment(request, enrollment_pk)
    request.audit.shown(enrollment.candidate)
    return render(
        request,
        "intake/enrollment_detail.html",
        {
            "enrollment": enrollment,
            "candidate": enrollment.candidate,
            "show_contact": contact_details_visible(request.user, enrollment.candidate),
            "history": _history(enrollment),
            "transfers_sent": transfer_requests_sent_for(enrollment.candidate),
        },
    )


@shows_person_data(page="assignment")
@role_required(*ASSIGNERS)
def assignment_create(request, enrollment_pk):
    """Assign or reassign, seeing every specialist's caseload against the cap and band."""
    enrollment = _enrollment(request, enrollment_pk)
    request.audit.shown(enrollment.candidate)
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
    return render(
        request,
        "intake/assignment_form.html",
        {
            "enrollment": enrollment,
            "form": form,
            "loads": loads,
            "may_override": may_override,
            "history": _history(enrollment),
            "band": targets.current().caseload_per_fte,
        },
    )


@shows_person_data(page="discharge")
@role_required(*ASSIGNERS)
def enrollment_discharge(request, enrollment_pk):
    """End the enrollment (avslutning) with a date and a reason."""
    enrollment = _enrollment(request, enrollment_pk)
    request.audit.shown(enrollment.candidate)
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
    return render(request, "intake/discharge_form.html", {"enrollment": enrollment, "form": form})


# --- Accounts and teams ---------------------------------------------------------


def _send_password_link(request, account) -> None:
    """E-mail a one-time link to choose a password (Django's reset flow), for
    an account that has its second factor and has forgotten the password."""
    form = _PasswordLinkForm({"email": account.email}, account=account)
    if form.is_valid():
        form.save(
            request=request,
            use_https=request.is_secure(),
            subject_template_name="intake/password_link_subject.txt",
            email_template_name="intake/password_link_email.txt",
        )


class _PasswordLinkForm(PasswordResetForm):
    """The reset form for one given account."""

    def __init__(self, *args, account, **kwargs):
        self.account = account
        super().__init__(*args, **kwargs)

    def get_users(self, email):
        if self.account.is_active and self.account.email:
            yield self.account


def _account_form(request, **kwargs):
    return AccountForm(
        request.POST or None,
        roles=roles_grantable_by(request.user),
        teams=teams_assignable_by(request.user),
        **kwargs,
    )


@role_required(*ACCOUNT_KEEPERS)
def account_create(request):
    form = _account_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            account = user_create(created_by=request.user, **form.account_values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is created. Now give them an enrolment link to set up the account.")
                % {"name": isolate(account)},
            )
            return redirect("account_enrolment_link", user_pk=account.pk)
    return render(request, "intake/account_form.html", {"form": form, "account": None})


def _account(request, user_pk):
    """An account the user may look after; any other answers 404."""
    return get_object_or_404(users_manageable_by(request.user), pk=user_pk)


@role_required(*ACCOUNT_KEEPERS)
def account_edit(request, user_pk):
    """Change an account of the office; a stale form is refused and the first edit kept."""
    account = _account(request, user_pk)
    form = _account_form(request, account=account)
    if request.method == "POST" and form.is_valid():
        values, version = form.account_values(), form.cleaned_data["version"]
        form = save_edit(
            form,
            lambda: user_update(
                user=account, updated_by=request.user, expected_version=version, **values
            ),
            roles=roles_grantable_by(request.user),
            teams=teams_assignable_by(request.user),
        )
        if form is None:
            messages.success(request, _("%(name)s is saved.") % {"name": isolate(account)})
            return redirect("account_list")
        account = _account(request, user_pk)  # as it is now, for the heading
    return render(request, "intake/account_form.html", {"form": form, "account": account})


@require_POST
@role_required(*ACCOUNT_KEEPERS)
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
@role_required(*ACCOUNT_KEEPERS)
def account_reactivate(request, user_pk):
    account = _account(request, user_pk)
    user_reactivate(user=account, reactivated_by=request.user)
    messages.success(request, _("%(name)s can log in again.") % {"name": isolate(account)})
    return redirect("account_list")


@require_POST
@role_required(*ACCOUNT_KEEPERS)
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


@role_required(*ACCOUNT_KEEPERS)
@fresh_second_factor_required
def account_enrolment_link(request, user_pk):
    """A one-time link (72 hours) to choose a password and enrol the
    authenticator app: e-mailed to the owner or shown once to hand over."""
    account = _account(request, user_pk)
    refusal = enrolment_link_refusal(account)
    form = EnrolmentLinkForm(request.POST or None)
    if request.method == "POST" and refusal is None and form.is_valid():
        delivery = form.cleaned_data["delivery"]
        try:
            url, link = enrolment_link_issue(request=request, user=account, delivery=delivery)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if delivery == Delivery.EMAIL:
                messages.success(
                    request,
                    _("An enrolment link is sent to %(email)s.") % {"email": account.email},
                )
                return redirect("account_list")
            response = render(
                request,
                "intake/enrolment_link_shown.html",
                {"account": account, "url": url, "link": link},
            )
            add_never_cache_headers(response)
            return response
    return render(
        request,
        "intake/enrolment_link.html",
        {
            "account": account,
            "form": form,
            "refusal": refusal,
            "hours": settings.ENROLMENT_LINK_HOURS,
        },
    )


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
    teams = (
        teams_assignable_by(request.user).annotate(member_count=Count("members")).order_by("name")
    )
    return render(request, "intake/team_form.html", {"form": form, "teams": teams})
