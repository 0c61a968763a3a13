"""Writes of transfer requests: moving a person's record between offices.

An office is a hard boundary for person data, so a referral never matches a
record of another office. When an office (B) wants a person's earlier record,
it asks; the office that holds it (A) decides. B's answer is always the same,
whether or not a record was found; A sees what B registered (name, birth date,
B's office) and accepts or declines with a reason. On acceptance A's record
moves to B with its history and B's new record is merged into it.
"""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import (
    Candidate,
    DischargeReason,
    Enrollment,
    ProtectionChange,
    TransferMatch,
    TransferRequest,
    TransferStatus,
    VocationalProfile,
)
from candidates.queries import candidates_matching
from candidates.services import PROFILE_FIELDS, stricter_protection
from ips.models import User
from ips.services import validate_instance

#: Contact details the requesting office's record brings where the held record has none.
CONTACT_FIELDS = ("phone", "email", "address", "postal_code", "city")


def _held_match(record: Candidate) -> tuple[Candidate | None, str]:
    """The record another office holds of the same person, and how it was
    matched: by fødselsnummer, else by name and birth date. With several, the
    one with the latest referral."""
    others = Candidate.objects.filter(office__isnull=False, anonymised_at__isnull=True).exclude(
        office_id=record.office_id
    )
    matches = candidates_matching(
        others,
        fnr=record.fnr,
        first_name=record.first_name,
        last_name=record.last_name,
        birth_date=record.birth_date,
    )
    held = (
        matches.annotate(latest_referral=Max("enrollments__referral_date"))
        .order_by("-latest_referral", "-pk")
        .first()
    )
    if held is None:
        return None, ""
    by_fnr = bool(record.fnr) and held.fnr == record.fnr
    return held, TransferMatch.FNR if by_fnr else TransferMatch.NAME_AND_BIRTH_DATE


@transaction.atomic
def transfer_request_send(
    *, record: Candidate, requested_by: User, consent: bool
) -> TransferRequest:
    """Ask other offices for the person's earlier record, from the requesting
    office's own `record`. What the caller shows must not depend on the
    result: a request is kept whether or not a match was found."""
    if not consent:
        raise ValidationError(
            {"consent": [_("Ask the person first: a record is moved only with their consent.")]}
        )
    if record.office_id is None:
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("This record belongs to no office: there is nothing to ask.")]}
        )
    held, matched_by = _held_match(record)
    if held is not None:
        pending = TransferRequest.objects.filter(
            requesting_record=record, held_record=held, status=TransferStatus.PENDING
        ).first()
        if pending is not None:
            return pending
    request = TransferRequest(
        requesting_office_id=record.office_id,
        requesting_record=record,
        holding_office_id=held.office_id if held else None,
        held_record=held,
        matched_by=matched_by,
        consent=consent,
        status=TransferStatus.PENDING if held else TransferStatus.NO_MATCH,
        requested_by=requested_by,
    )
    validate_instance(request)
    request.save()
    return request


def _locked_pending(transfer: TransferRequest) -> TransferRequest:
    """The request, locked, if it can still be decided: pending, the held
    record still at the holding office and the requesting record still at
    the requesting office."""
    current = TransferRequest.objects.select_for_update().get(pk=transfer.pk)
    records = Candidate.objects.select_for_update().filter(
        pk__in=[current.held_record_id, current.requesting_record_id]
    )
    offices = dict(records.values_list("pk", "office_id"))
    if (
        current.status != TransferStatus.PENDING
        or offices.get(current.held_record_id) != current.holding_office_id
        or offices.get(current.requesting_record_id) != current.requesting_office_id
    ):
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("This request has already been decided or can no longer be.")]}
        )
    return current


def _decide(transfer, *, status, decided_by, reason):
    transfer.status = status
    transfer.decided_by = decided_by
    transfer.decided_at = timezone.now()
    transfer.decision_reason = reason
    validate_instance(transfer)
    transfer.save()


def _reason_errors(reason: str) -> None:
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the decision.")]})


@transaction.atomic
def transfer_request_decline(
    *, transfer: TransferRequest, decided_by: User, reason: str
) -> TransferRequest:
    """The holding office keeps its record. The requesting office is not told:
    to it a declined request reads as one nobody has answered."""
    _reason_errors(reason)
    transfer = _locked_pending(transfer)
    _decide(transfer, status=TransferStatus.DECLINED, decided_by=decided_by, reason=reason.strip())
    return transfer


@transaction.atomic
def transfer_request_accept(
    *, transfer: TransferRequest, decided_by: User, reason: str, today: datetime.date | None = None
) -> TransferRequest:
    """Move the held record to the requesting office with its history.

    The holding office's open enrollments end today with reason "moved"; the
    requesting office's record is merged into the held one (its enrollments,
    contact log, profile and flag changes re-pointed; its contact details kept
    where the held record had none; the stricter protection kept) and removed.
    From then on only the requesting office reads the record."""
    _reason_errors(reason)
    transfer = _locked_pending(transfer)
    today = today or timezone.localdate()
    held = Candidate.objects.get(pk=transfer.held_record_id)
    incoming = Candidate.objects.get(pk=transfer.requesting_record_id)

    _end_open_enrollments(held, office_id=transfer.holding_office_id, today=today)
    _merge_into(held, incoming, transfer=transfer)
    _decide(transfer, status=TransferStatus.ACCEPTED, decided_by=decided_by, reason=reason.strip())
    _readdress_other_requests(held, accepted=transfer, decided_by=decided_by)
    return transfer


def _end_open_enrollments(held: Candidate, *, office_id: int, today: datetime.date) -> None:
    for enrollment in Enrollment.objects.filter(
        candidate=held, office_id=office_id, discharge_date__isnull=True
    ):
        enrollment.discharge_date = max(today, enrollment.intake_date or enrollment.referral_date)
        enrollment.discharge_reason = DischargeReason.MOVED
        enrollment.version += 1
        validate_instance(enrollment)
        enrollment.save()


#: Records of the apps above that name a candidate and go with the record when
#: a transfer merges two: (model, field), registered by those apps in their
#: AppConfig.ready() (followup: the contact log).
_records_naming_a_candidate: list[tuple[type[Model], str]] = []


def merge_moves(model: type[Model], field: str = "candidate") -> None:
    """`model.field` names a candidate: a merge re-points it to the kept record."""
    if (model, field) not in _records_naming_a_candidate:
        _records_naming_a_candidate.append((model, field))


def _repoint(queryset, field: str, target) -> None:
    """One save per row, so the audit log records every change."""
    for row in queryset:
        setattr(row, field, target)
        row.save()


def _merge_into(held: Candidate, incoming: Candidate, *, transfer: TransferRequest) -> None:
    _repoint(Enrollment.objects.filter(candidate=incoming), "candidate", held)
    for model, field in _records_naming_a_candidate:
        _repoint(model.objects.filter(**{field: incoming}), field, held)
    _repoint(ProtectionChange.objects.filter(candidate=incoming), "candidate", held)
    _repoint(TransferRequest.objects.filter(requesting_record=incoming), "requesting_record", held)
    _repoint(TransferRequest.objects.filter(held_record=incoming), "held_record", held)
    transfer.refresh_from_db()
    _merge_profile(held, incoming)

    moved = {name: getattr(incoming, name) for name in CONTACT_FIELDS}
    fnr, ref = incoming.fnr, incoming.ref
    protection = stricter_protection(held.protected_address, incoming.protected_address)
    incoming.delete()

    held.office_id = transfer.requesting_office_id
    for name, value in moved.items():
        if value and not getattr(held, name):
            setattr(held, name, value)
    if fnr and not held.fnr:
        held.fnr = fnr
    if ref and not held.ref:
        held.ref = ref
    held.protected_address = protection
    held.version += 1
    validate_instance(held)
    held.save()


def _merge_profile(held: Candidate, incoming: Candidate) -> None:
    """The held record's profile, with what the incoming one adds where it is empty."""
    theirs = VocationalProfile.objects.filter(candidate=incoming).first()
    if theirs is None:
        return
    ours = VocationalProfile.objects.filter(candidate=held).first()
    if ours is None:
        theirs.candidate = held
        theirs.save()
        return
    for name in PROFILE_FIELDS:
        if not getattr(ours, name) and getattr(theirs, name):
            setattr(ours, name, getattr(theirs, name))
    ours.version += 1
    ours.save()
    theirs.delete()


def _readdress_other_requests(
    held: Candidate, *, accepted: TransferRequest, decided_by: User
) -> None:
    """Other offices' pending requests for the moved record now go to the
    office that holds it; a second request of that office itself is closed."""
    others = TransferRequest.objects.filter(
        held_record=held, status=TransferStatus.PENDING
    ).exclude(pk=accepted.pk)
    for other in others:
        if other.requesting_office_id == accepted.requesting_office_id:
            _decide(
                other,
                status=TransferStatus.ACCEPTED,
                decided_by=decided_by,
                reason=_("The record is at this office already."),
            )
        else:
            other.holding_office_id = accepted.requesting_office_id
            other.save()
