"""Transfer requests: an office asks for a person's earlier record from other
offices (from its own enrollment page), and the office that holds one decides.

The requesting office always gets the same answer, and sees nothing of the
other office's record until it is accepted: not even whether one exists.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from audit.decorators import shows_person_data
from candidates.queries import enrollments_assignable_by, transfer_requests_to_decide_by
from candidates.transfers import (
    transfer_request_accept,
    transfer_request_decline,
    transfer_request_send,
)
from intake.forms import TransferDecisionForm, TransferRequestForm
from ips.decorators import role_required
from ips.forms import add_service_errors
from ips.models import Role

ASSIGNERS = (Role.INTAKE_ADMIN, Role.TEAM_LEADER)


@shows_person_data(page="transfer_request")
@role_required(*ASSIGNERS)
def transfer_request_create(request, enrollment_pk):
    """Ask, from this office's own record, for the person's earlier record."""
    enrollment = get_object_or_404(
        enrollments_assignable_by(request.user).select_related("candidate", "office"),
        pk=enrollment_pk,
    )
    candidate = enrollment.candidate
    form = TransferRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            transfer_request_send(
                record=candidate,
                requested_by=request.user,
                consent=form.cleaned_data["consent"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # The same words whatever was found: nothing here may tell
            # whether another office holds a record of this person.
            messages.success(request, transfer_sent_message())
            return redirect("intake_enrollment", enrollment_pk=enrollment.pk)
    request.audit.shown(candidate)
    return render(
        request,
        "intake/transfer_request_form.html",
        {"enrollment": enrollment, "candidate": candidate, "form": form},
    )


def transfer_sent_message() -> str:
    return _(
        "The request is sent. An office that holds a record of this person will decide; "
        "if it accepts, the earlier record is merged into this one and shown here."
    )


def _to_decide(user):
    return transfer_requests_to_decide_by(user).select_related(
        "requesting_office", "requesting_record", "held_record", "requested_by"
    )


@shows_person_data(page="transfer_list")
@role_required(*ASSIGNERS)
def transfer_list(request):
    """Requests from other offices for records this office holds."""
    transfers = list(_to_decide(request.user).order_by("requested_at", "pk"))
    request.audit.shown(
        [t.held_record for t in transfers] + [t.requesting_record for t in transfers]
    )
    return render(request, "intake/transfer_list.html", {"transfers": transfers})


@shows_person_data(page="transfer_detail")
@role_required(*ASSIGNERS)
def transfer_detail(request, transfer_pk):
    """What the requesting office registered, this office's record, and the decision."""
    transfer = get_object_or_404(_to_decide(request.user), pk=transfer_pk)
    held = transfer.held_record
    form = TransferDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decide = (
            transfer_request_accept
            if form.cleaned_data["decision"] == TransferDecisionForm.ACCEPT
            else transfer_request_decline
        )
        try:
            decide(transfer=transfer, decided_by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if decide is transfer_request_accept:
                message = _(
                    "The record of %(name)s has moved to %(office)s. Your office no longer sees it."
                ) % {"name": held, "office": transfer.requesting_office}
            else:
                message = _("The request is declined. The record stays at your office.")
            messages.success(request, message)
            return redirect("transfer_list")
    request.audit.shown([held, transfer.requesting_record])
    enrollments = (
        enrollments_assignable_by(request.user)
        .filter(candidate=held)
        .select_related("office")
        .order_by("-referral_date")
    )
    return render(
        request,
        "intake/transfer_detail.html",
        {"transfer": transfer, "held": held, "enrollments": enrollments, "form": form},
    )
