"""Writes of the intake: referrals, assignments within the caseload cap, discharges.

The caseload counts are the one count of a caseload
(`candidates.queries.caseloads`) that the fidelity report uses too, so the
number an intake admin sees when choosing a specialist is the one the
dashboards show.
"""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Assignment, Candidate, DischargeReason, Enrollment
from candidates.queries import candidates_matching, caseloads, held_count
from candidates.services import _assignment_errors, stricter_protection
from ips import targets
from ips.bidi import isolate
from ips.locking import StaleEdit, save_versioned
from ips.models import Office, Role, User
from ips.services import add_error, validate_instance

ADULT_AGE = 18


# --- Referral ---------------------------------------------------------------


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def referral_ineligibility(
    *, birth_date: datetime.date, referral_date: datetime.date, wants_work: bool
) -> list[str]:
    """Why a referral cannot be taken in. Zero exclusion: being 18 or over and
    wanting ordinary paid work are the only criteria; nothing else refuses."""
    reasons = []
    if age_on(birth_date, referral_date) < ADULT_AGE:
        reasons.append(
            _(
                "IPS job support is for people aged 18 or over. The person turns 18 on "
                "%(date)s and is welcome to be referred again from then. Until then, NAV's "
                "follow-up of young people or the school's career guidance can help."
            )
            % {"date": _eighteenth_birthday(birth_date).strftime("%d.%m.%Y")}
        )
    if not wants_work:
        reasons.append(
            _(
                "IPS job support is for people who want ordinary paid work; nothing else is "
                "required. The person does not want work now, so no referral is registered. "
                "They are welcome to be referred again whenever they want to work."
            )
        )
    return reasons


def _eighteenth_birthday(birth_date: datetime.date) -> datetime.date:
    try:
        return birth_date.replace(year=birth_date.year + ADULT_AGE)
    except ValueError:  # born 29 February
        return datetime.date(birth_date.year + ADULT_AGE, 3, 1)


def candidate_recognise(
    *,
    office: Office | None,
    fnr: str | None,
    first_name: str,
    last_name: str,
    birth_date: datetime.date,
) -> Candidate | None:
    """A person the referring office has registered before. Only the office's
    own records are searched: a record another office holds is never matched
    (nor revealed); moving it here is a transfer request that office decides."""
    if office is None:
        return None
    return (
        candidates_matching(
            Candidate.objects.filter(office=office),
            fnr=fnr,
            first_name=first_name,
            last_name=last_name,
            birth_date=birth_date,
        )
        .order_by("-created_at", "-pk")
        .first()
    )


CONTACT_FIELDS = ("phone", "email", "address", "postal_code", "city")


def referral_register(
    *,
    token: uuid.UUID,
    office: Office | None,
    referral_date: datetime.date,
    first_name: str,
    last_name: str,
    birth_date: datetime.date,
    fnr: str | None = None,
    phone: str = "",
    email: str = "",
    address: str = "",
    postal_code: str = "",
    city: str = "",
    protected_address: str = "",
    referrer_kind: str,
    referrer_contact: str = "",
    referral_reason: str = "",
    consent_to_share: bool = False,
    employed_at_referral: bool = False,
) -> tuple[Enrollment, bool]:
    """Register a referral as a new enrollment on the office's waiting list.

    A person already registered gets a new enrollment, not a second candidate.
    The form's one-time `token` makes a second submission of the same form
    return the enrollment of the first (created = False).
    """
    existing = Enrollment.objects.filter(referral_token=token).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            enrollment = _referral_write(
                token=token,
                office=office,
                referral_date=referral_date,
                identity={
                    "first_name": first_name.strip(),
                    "last_name": last_name.strip(),
                    "birth_date": birth_date,
                    "fnr": fnr or None,
                },
                contact={
                    "phone": phone.strip(),
                    "email": email.strip(),
                    "address": address.strip(),
                    "postal_code": postal_code.strip(),
                    "city": city.strip(),
                },
                protected_address=protected_address,
                referral={
                    "referrer_kind": referrer_kind,
                    "referrer_contact": referrer_contact.strip(),
                    "referral_reason": referral_reason.strip(),
                    "consent_to_share": consent_to_share,
                    "employed_at_referral": employed_at_referral,
                },
            )
    except IntegrityError:
        # A concurrent submission of the same form won the race.
        existing = Enrollment.objects.filter(referral_token=token).first()
        if existing is None:
            raise
        return existing, False
    return enrollment, True


def _referral_write(
    *, token, office, referral_date, identity, contact, protected_address, referral
):
    errors: dict[str, list] = {}
    if office is None:
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("A referral is registered at an office: your account has none.")]}
        )
    candidate = candidate_recognise(office=office, **identity)
    if candidate is None:
        candidate = Candidate(
            **identity, **contact, protected_address=protected_address, office=office
        )
        validate_instance(candidate)
        candidate.save()
    else:
        open_here = candidate.enrollments.filter(office=office, discharge_date__isnull=True)
        if open_here.exists():
            add_error(
                errors,
                NON_FIELD_ERRORS,
                _(
                    "%(name)s is already registered at this office with an enrollment that "
                    "has not ended: find them on the waiting list or with their specialist."
                )
                % {"name": isolate(candidate)},
            )
            raise ValidationError(errors)
        # What the referral knows better than an old record: a missing
        # fødselsnummer, new contact details, a new protection flag.
        if identity["fnr"] and not candidate.fnr:
            candidate.fnr = identity["fnr"]
        for name, value in contact.items():
            if value:
                setattr(candidate, name, value)
        # A referral may raise the protection, never lower it: lifting a
        # kode 6/7 flag is for the holding specialist (candidate_protection_set).
        candidate.protected_address = stricter_protection(
            candidate.protected_address, protected_address
        )
        validate_instance(candidate)
        candidate.save()
    enrollment = Enrollment(
        candidate=candidate,
        office=office,
        referral_date=referral_date,
        referral_token=token,
        **referral,
    )
    validate_instance(enrollment)
    enrollment.save()
    return enrollment


# --- Caseloads and assignment ------------------------------------------------


@dataclass
class SpecialistLoad:
    """A specialist with their caseload today, against their cap and the band."""

    specialist: User
    caseload: int

    @property
    def cap(self) -> int:
        return self.specialist.caseload_cap

    @property
    def room(self) -> int:
        return max(0, self.cap - self.caseload)

    @property
    def per_fte(self) -> Decimal:
        return (Decimal(self.caseload) / self.specialist.fte).quantize(Decimal("0.1"))

    @property
    def band(self) -> str:
        """below, within or above the band of caseload per FTE (ips.targets)."""
        band = targets.current().caseload_per_fte
        if self.per_fte < band.low:
            return "below"
        if self.per_fte > band.high:
            return "above"
        return "within"


def specialist_loads(
    *, office_id: int | None, day: datetime.date | None = None
) -> list[SpecialistLoad]:
    """The active specialists of an office with their caseload on `day`: two queries."""
    day = day or timezone.localdate()
    specialists = User.objects.filter(
        role=Role.SPECIALIST, is_active=True, office_id=office_id
    ).select_related("team")
    counts = caseloads(day, specialists)
    return [
        SpecialistLoad(specialist=s, caseload=counts.get(s.pk, 0))
        for s in specialists.order_by("team__name", "last_name", "first_name")
    ]


def _room_message(loads: list[SpecialistLoad], refused: User) -> str:
    with_room = sorted(
        (load for load in loads if load.room and load.specialist.pk != refused.pk),
        key=lambda load: -load.room,
    )
    if not with_room:
        return _(
            "No other specialist of the office has room. A team leader may assign above "
            "the cap with a written reason."
        )
    return _("Specialists with room: %(names)s.") % {
        "names": ", ".join(
            _("%(name)s (%(caseload)d of %(cap)d)")
            % {"name": isolate(load.specialist), "caseload": load.caseload, "cap": load.cap}
            for load in with_room
        )
    }


def may_override_cap(user: User) -> bool:
    return user.is_superuser or user.role == Role.TEAM_LEADER


def assignment_check(
    *,
    enrollment: Enrollment,
    specialist: User,
    from_date: datetime.date,
    created_by: User,
    override_reason: str = "",
) -> str:
    """Whether `created_by` may give the enrollment to the specialist from
    the date: raises ValidationError with every reason it may not, else
    returns the override reason to keep (empty under the cap). The admin's
    forms ask this to show the reasons; assignment_open asks it again under
    its locks before it writes."""
    override_reason = override_reason.strip()
    errors = _assignment_errors(enrollment=enrollment, specialist=specialist, from_date=from_date)
    if enrollment.discharge_date is not None:
        add_error(errors, NON_FIELD_ERRORS, _("This enrollment has ended and cannot be assigned."))
    office_id = enrollment.office_id or specialist.office_id
    if specialist.office_id != office_id:
        add_error(errors, "specialist", _("This specialist works at another office."))
    latest = enrollment.assignments.order_by("-from_date").first()
    if latest is not None:
        if latest.specialist_id == specialist.pk:
            add_error(
                errors,
                "specialist",
                _("%(name)s already holds this candidate.") % {"name": isolate(specialist)},
            )
        if from_date <= latest.from_date:
            add_error(
                errors,
                "from_date",
                _("A reassignment starts after the current assignment, which is from %(date)s.")
                % {"date": latest.from_date.strftime("%d.%m.%Y")},
            )
    if errors:
        raise ValidationError(errors)

    day = max(from_date, timezone.localdate())
    loads = specialist_loads(office_id=office_id, day=day)
    held = held_count(specialist, day)
    if held + 1 <= specialist.caseload_cap:
        return ""  # a reason is kept only where the cap was exceeded
    if not override_reason:
        message = _("%(name)s already holds %(caseload)d candidates and the cap is %(cap)d.") % {
            "name": isolate(specialist),
            "caseload": held,
            "cap": specialist.caseload_cap,
        }
        raise ValidationError({"specialist": [f"{message} {_room_message(loads, specialist)}"]})
    if not may_override_cap(created_by):
        raise ValidationError(
            {"override_reason": [_("Only a team leader may assign above the caseload cap.")]}
        )
    return override_reason


@transaction.atomic
def assignment_open(
    *,
    enrollment: Enrollment,
    specialist: User,
    from_date: datetime.date,
    created_by: User,
    expected_version: int,
    override_reason: str = "",
) -> Assignment:
    """Give an enrollment to a specialist from a date: the first assignment
    (which sets the intake date when missing) or a reassignment (a new row;
    the history is kept).

    Above the specialist's caseload cap the assignment is refused, saying who
    has room, unless a team leader gives a written reason, which is kept.
    """
    # Lock the enrollment and the specialist: two assignments made at the
    # same moment cannot both take the last place under the cap.
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.version != expected_version:
        raise StaleEdit(enrollment)
    specialist = User.objects.select_for_update().get(pk=specialist.pk)
    override_reason = assignment_check(
        enrollment=enrollment,
        specialist=specialist,
        from_date=from_date,
        created_by=created_by,
        override_reason=override_reason,
    )
    office_id = enrollment.office_id or specialist.office_id

    if enrollment.intake_date is None:
        enrollment.intake_date = from_date
    if enrollment.office_id is None:
        enrollment.office_id = office_id
    validate_instance(enrollment)
    enrollment.save()
    assignment = Assignment(
        enrollment=enrollment,
        specialist=specialist,
        from_date=from_date,
        override_reason=override_reason,
        created_by=created_by,
    )
    validate_instance(assignment)
    assignment.save()
    return assignment


# --- Discharge ----------------------------------------------------------------


def enrollment_discharge(
    *,
    enrollment: Enrollment,
    discharge_date: datetime.date,
    discharge_reason: str,
    expected_version: int,
) -> Enrollment:
    """End the enrollment (avslutning): it leaves the caseload after this date."""
    errors: dict[str, list] = {}
    if enrollment.discharge_date is not None:
        add_error(errors, NON_FIELD_ERRORS, _("This enrollment has already ended."))
    if enrollment.intake_date is None:
        add_error(
            errors,
            NON_FIELD_ERRORS,
            _("This referral has not been taken in yet: assign it before it can be ended."),
        )
    elif discharge_date < enrollment.intake_date:
        add_error(
            errors,
            "discharge_date",
            _("The discharge date is before the intake date (%(date)s).")
            % {"date": enrollment.intake_date.strftime("%d.%m.%Y")},
        )
    if discharge_date > timezone.localdate():
        add_error(errors, "discharge_date", _("The discharge date cannot be in the future."))
    if errors:
        raise ValidationError(errors)
    enrollment.discharge_date = discharge_date
    enrollment.discharge_reason = discharge_reason
    validate_instance(enrollment)
    return save_versioned(enrollment, expected_version=expected_version)


# --- Withdrawal from the waiting list -------------------------------------------

#: Why a referral leaves the waiting list before intake.
WITHDRAWAL_REASONS = (DischargeReason.OWN_WISH, DischargeReason.MOVED, DischargeReason.OTHER)


def is_waiting(enrollment: Enrollment) -> bool:
    """On the waiting list: not taken in, held by nobody, not ended."""
    return (
        enrollment.intake_date is None
        and enrollment.discharge_date is None
        and not enrollment.assignments.exists()
    )


def referral_withdraw(
    *,
    enrollment: Enrollment,
    discharge_date: datetime.date,
    discharge_reason: str,
    expected_version: int,
) -> Enrollment:
    """Take a referral off the waiting list before intake: the person no longer
    wants the service, has moved, or another reason. The enrollment is kept,
    ended without an intake date; never active, it counts in no figure."""
    with transaction.atomic():
        # Locked, so an assignment made at the same moment cannot slip between
        # the check and the write.
        current = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        if current.version != expected_version:
            raise StaleEdit(current)
        errors: dict[str, list] = {}
        if not is_waiting(current):
            add_error(
                errors,
                NON_FIELD_ERRORS,
                _(
                    "This referral is no longer on the waiting list: it has been assigned "
                    "or has ended."
                ),
            )
        if discharge_reason not in WITHDRAWAL_REASONS:
            add_error(
                errors,
                "discharge_reason",
                _(
                    "A referral is withdrawn at the person's own wish, after a move or for "
                    "another reason."
                ),
            )
        if discharge_date < current.referral_date:
            add_error(
                errors,
                "discharge_date",
                _("The date is before the referral date (%(date)s).")
                % {"date": current.referral_date.strftime("%d.%m.%Y")},
            )
        if discharge_date > timezone.localdate():
            add_error(errors, "discharge_date", _("The date cannot be in the future."))
        if errors:
            raise ValidationError(errors)
        current.discharge_date = discharge_date
        current.discharge_reason = discharge_reason
        validate_instance(current)
        return save_versioned(current, expected_version=expected_version)
