"""Writes to candidates, enrollments and assignments.

Keyword-only functions that validate with the models' rules and raise
`ValidationError` with translated messages; forms and the import call them.
"""

import datetime
import logging

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candidates.models import (
    FNR_TAKEN_MESSAGE,
    Assignment,
    Candidate,
    Enrollment,
    ProtectedAddress,
    ProtectionChange,
    StageChange,
    VocationalProfile,
)
from candidates.queries import holds_candidate
from ips.locking import StaleEdit, save_versioned
from ips.models import Office, Role, User
from ips.services import Outcome, add_error, changed_fields, validate_instance

logger = logging.getLogger(__name__)


def fnr_taken(*, fnr: str | None, office_id: int | None, exclude_pk: int | None = None) -> bool:
    """Whether another record of the office already has this fødselsnummer.

    Only the office's own records count (the office is the boundary: a record
    another office holds is neither an obstacle nor revealed), and the caller
    answers with FNR_TAKEN_MESSAGE whether or not the user may open the record."""
    if not fnr:
        return False
    same = Candidate.objects.filter(fnr=fnr)
    same = same.filter(office_id=office_id) if office_id else same.filter(office__isnull=True)
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    return same.exists()


def _by_ref(records, *, ref: str, office: Office | None):
    """The record with this import ref in `office`: refs are an office's own
    identifiers, so another office's record with the same ref is not it.
    Without an office (the operator's import) the ref is looked up
    everywhere, and a ref that several offices use is refused."""
    if office is not None:
        return records.filter(ref=ref, office=office).first()
    found = list(records.filter(ref=ref)[:2])
    if len(found) > 1:
        raise ValidationError(
            {
                "ref": _("“%(value)s” is used by several offices: import into one office.")
                % {"value": ref}
            }
        )
    return found[0] if found else None


@transaction.atomic
def candidate_upsert(
    *,
    ref: str,
    first_name: str,
    last_name: str,
    birth_date: datetime.date,
    fnr: str | None = None,
    office: Office | None = None,
) -> tuple[Candidate, Outcome]:
    """A candidate by its import reference, within `office` when given (a
    new candidate then belongs to it); the fødselsnummer is checked within the
    candidate's office."""
    fnr = fnr or None
    candidate = _by_ref(Candidate.objects, ref=ref, office=office)
    errors: dict[str, list] = {}
    office_id = candidate.office_id if candidate is not None else getattr(office, "pk", None)
    if fnr_taken(fnr=fnr, office_id=office_id, exclude_pk=getattr(candidate, "pk", None)):
        add_error(errors, "fnr", FNR_TAKEN_MESSAGE)
    values = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "birth_date": birth_date,
        "fnr": fnr,
    }
    if candidate is None:
        candidate = Candidate(ref=ref, office=office, **values)
        validate_instance(candidate, errors)
        candidate.save()
        return candidate, Outcome.CREATED
    changed = changed_fields(candidate, values)
    validate_instance(candidate, errors)
    if not changed:
        return candidate, Outcome.UNCHANGED
    candidate.save()
    return candidate, Outcome.UPDATED


def _enrollment_date_errors(enrollment: Enrollment) -> dict[str, list]:
    """The rules of the enrollment's check constraints, in words."""
    errors: dict[str, list] = {}
    referral, intake, discharge = (
        enrollment.referral_date,
        enrollment.intake_date,
        enrollment.discharge_date,
    )
    if intake and referral and intake < referral:
        add_error(errors, "intake_date", _("The intake date is before the referral date."))
    # Without intake, a discharge is a referral withdrawn from the waiting
    # list: it is kept, and it is never active, so it counts in no figure.
    if discharge and not intake and referral and discharge < referral:
        add_error(errors, "discharge_date", _("The discharge date is before the referral date."))
    if discharge and intake and discharge < intake:
        add_error(errors, "discharge_date", _("The discharge date is before the intake date."))
    if discharge and not enrollment.discharge_reason:
        add_error(errors, "discharge_reason", _("A discharge needs a reason."))
    if enrollment.discharge_reason and not discharge:
        add_error(errors, "discharge_date", _("A discharge reason is given but no discharge date."))
    return errors


@transaction.atomic
def enrollment_upsert(
    *,
    ref: str,
    candidate: Candidate,
    referral_date: datetime.date,
    intake_date: datetime.date | None = None,
    discharge_date: datetime.date | None = None,
    discharge_reason: str = "",
    employed_at_referral: bool = False,
    office: Office | None = None,
) -> tuple[Enrollment, Outcome]:
    """An enrollment by its import reference, within `office` when given (a
    new enrollment then belongs to it). Without an office, a new enrollment
    takes its candidate's office, or else the office of its first assignment
    (see `assignment_upsert`). An enrollment is made by the office that holds
    its candidate: never one of another office."""
    values = {
        "candidate": candidate,
        "referral_date": referral_date,
        "intake_date": intake_date,
        "discharge_date": discharge_date,
        "discharge_reason": discharge_reason or "",
        "employed_at_referral": employed_at_referral,
    }
    enrollment = _by_ref(
        Enrollment.objects.filter(candidate__office=office) if office else Enrollment.objects,
        ref=ref,
        office=office,
    )
    if enrollment is None:
        enrollment = Enrollment(ref=ref, office=office or candidate.office, **values)
        errors = _enrollment_date_errors(enrollment)
        _add_office_errors(errors, enrollment)
        validate_instance(enrollment, errors)
        enrollment.save()
        return enrollment, Outcome.CREATED
    changed = changed_fields(enrollment, values)
    errors = _enrollment_date_errors(enrollment)
    if "candidate" in changed:
        _add_office_errors(errors, enrollment)
    if discharge_date and not intake_date and enrollment.assignments.exists():
        add_error(
            errors,
            "intake_date",
            _("This enrollment has been assigned: its discharge needs the intake date."),
        )
    validate_instance(enrollment, errors)
    if not changed:
        return enrollment, Outcome.UNCHANGED
    enrollment.save()
    return enrollment, Outcome.UPDATED


def _add_office_errors(errors: dict[str, list], enrollment: Enrollment) -> None:
    """An enrollment belongs to the office that holds its candidate."""
    office_id, candidate_office_id = enrollment.office_id, enrollment.candidate.office_id
    if office_id and candidate_office_id and office_id != candidate_office_id:
        add_error(errors, "candidate", _("The candidate belongs to another office."))


def _assignment_errors(
    *, enrollment: Enrollment, specialist: User, from_date: datetime.date
) -> dict[str, list]:
    errors: dict[str, list] = {}
    if specialist.role != Role.SPECIALIST:
        add_error(
            errors,
            "specialist",
            _("%(user)s is not a job specialist and cannot hold a candidate.")
            % {"user": specialist.username},
        )
    elif not specialist.is_active:
        add_error(
            errors,
            "specialist",
            _("%(user)s is deactivated and cannot hold a candidate.")
            % {"user": specialist.username},
        )
    if from_date < enrollment.referral_date:
        add_error(errors, "from_date", _("The assignment starts before the referral date."))
    return errors


def _fill_enrollment_office(enrollment: Enrollment) -> None:
    """An enrollment with no known office gets the office of the specialist
    of its first assignment, and so does its candidate when not yet tied to an
    office."""
    if enrollment.office_id is not None:
        _fill_candidate_office(enrollment)
        return
    first = (
        Assignment.objects.filter(enrollment=enrollment)
        .select_related("specialist")
        .order_by("from_date")
        .first()
    )
    if first is not None and first.specialist.office_id is not None:
        enrollment.office_id = first.specialist.office_id
        enrollment.save(update_fields=["office"])
        _fill_candidate_office(enrollment)


def _fill_candidate_office(enrollment: Enrollment) -> None:
    candidate = enrollment.candidate
    if candidate.office_id is None and enrollment.office_id is not None:
        if fnr_taken(fnr=candidate.fnr, office_id=enrollment.office_id, exclude_pk=candidate.pk):
            raise ValidationError({"fnr": [FNR_TAKEN_MESSAGE]})
        candidate.office_id = enrollment.office_id
        candidate.save(update_fields=["office"])


@transaction.atomic
def assignment_upsert(
    *,
    enrollment: Enrollment,
    specialist: User,
    from_date: datetime.date,
    created_by: User | None = None,
) -> tuple[Assignment, Outcome]:
    """Who holds an enrollment from a date, keyed by (enrollment, from date).

    The caseload cap is not checked: an import records history as it was.
    """
    errors = _assignment_errors(enrollment=enrollment, specialist=specialist, from_date=from_date)
    # The office boundary: only a specialist of the office that holds the
    # enrollment (or, before it has one, its candidate) may hold it.
    office_id = enrollment.office_id or enrollment.candidate.office_id
    if office_id is not None and specialist.office_id != office_id:
        add_error(errors, "specialist", _("This specialist works at another office."))
    if enrollment.intake_date is None and enrollment.discharge_date is not None:
        add_error(
            errors,
            "enrollment",
            _(
                "This referral was withdrawn before intake (a discharge date without an "
                "intake date): nobody can hold it."
            ),
        )
    assignment = Assignment.objects.filter(enrollment=enrollment, from_date=from_date).first()
    if assignment is None:
        assignment = Assignment(
            enrollment=enrollment,
            specialist=specialist,
            from_date=from_date,
            created_by=created_by,
        )
        validate_instance(assignment, errors)
        assignment.save()
        outcome = Outcome.CREATED
    else:
        changed = changed_fields(assignment, {"specialist": specialist})
        validate_instance(assignment, errors)
        if changed:
            assignment.save()
        outcome = Outcome.UPDATED if changed else Outcome.UNCHANGED
    _fill_enrollment_office(enrollment)
    return assignment, outcome


# --- The candidate file: edits by the specialist who holds the candidate ---

#: Fields of the candidate's identity and contact details edited on the file.
CANDIDATE_FILE_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "fnr",
    "phone",
    "email",
    "address",
    "postal_code",
    "city",
)

#: The vocational profile (EUSE stage 2) with the treatment contact and NAV adviser.
PROFILE_FIELDS = (
    "job_preferences",
    "preferred_hours",
    "preferred_places",
    "work_history",
    "education",
    "strengths",
    "support_needs",
    "disclosure",
    "benefits_counselling_done",
    "treatment_contact",
    "nav_adviser",
)


@transaction.atomic
def candidate_update(*, candidate: Candidate, expected_version: int, **values) -> Candidate:
    """Change identity and contact details; refused (StaleEdit) when someone
    saved the candidate after the form was opened.

    The version is checked first: a stale form is answered with the current
    values and nothing else, whatever it holds. A fødselsnummer already used
    in the office gets one neutral message (FNR_TAKEN_MESSAGE)."""
    current = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if current.version != expected_version:
        raise StaleEdit(current)
    values["fnr"] = values.get("fnr") or None
    errors: dict[str, list] = {}
    if fnr_taken(fnr=values["fnr"], office_id=candidate.office_id, exclude_pk=candidate.pk):
        add_error(errors, "fnr", FNR_TAKEN_MESSAGE)
    changed_fields(candidate, {name: values[name] for name in CANDIDATE_FILE_FIELDS})
    validate_instance(candidate, errors)
    return save_versioned(candidate, expected_version=expected_version)


def stricter_protection(current: str, wanted: str) -> str:
    """The stricter of two protected-address flags."""
    return max(current or "", wanted or "", key=ProtectedAddress.level)


def may_lift_protection(user: User, candidate: Candidate) -> bool:
    """Lowering or lifting a kode 6/7 flag is for the specialist who holds the
    candidate: the one who may see the address and checks the population
    register. Nobody else, superusers included."""
    return user.role == Role.SPECIALIST and holds_candidate(user, candidate)


@transaction.atomic
def candidate_protection_set(
    *,
    candidate: Candidate,
    protected_address: str,
    expected_version: int,
    changed_by: User,
    reason: str = "",
    register_checked: bool = False,
) -> Candidate:
    """Set the protected-address flag (kode 6/7).

    Raising it is open to whoever may read the candidate (the view decides
    that). Lowering it (a lift) only the holding specialist may do, with a
    reason and the confirmation that the population register was checked;
    the lift is kept as a ProtectionChange and the team's leaders get an
    e-mail that names no one."""
    current = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if current.version != expected_version:
        raise StaleEdit(current)
    before = current.protected_address
    protected_address = protected_address or ProtectedAddress.NONE
    reason = reason.strip()
    lift = ProtectedAddress.level(protected_address) < ProtectedAddress.level(before)
    errors: dict[str, list] = {}
    if lift:
        if not may_lift_protection(changed_by, current):
            add_error(errors, NON_FIELD_ERRORS, LIFT_REFUSED_MESSAGE)
        if not reason:
            add_error(errors, "reason", _("Say why the flag is lifted."))
        if not register_checked:
            add_error(
                errors,
                "register_checked",
                _("Confirm that the population register no longer has the address protected."),
            )
    if errors:
        raise ValidationError(errors)
    candidate.protected_address = protected_address
    validate_instance(candidate)
    save_versioned(candidate, expected_version=expected_version)
    if protected_address != before:
        change = ProtectionChange.objects.create(
            candidate=candidate,
            from_value=before,
            to_value=protected_address,
            reason=reason,
            register_checked=register_checked,
            changed_by=changed_by,
        )
        if lift:
            transaction.on_commit(lambda: _notify_leaders_of_lift(change))
    return candidate


#: The refusal a non-holder gets when lowering the flag.
LIFT_REFUSED_MESSAGE = gettext_lazy(
    "Only the specialist who holds the candidate may lift or lower the protected-address "
    "flag, after checking the population register. You may raise it."
)


def team_leaders_of(team) -> QuerySet:
    """The active leaders of a team: named leaders, and leaders who belong to it."""
    if team is None:
        return User.objects.none()
    return (
        User.objects.filter(role=Role.TEAM_LEADER, is_active=True, office_id=team.office_id)
        .filter(Q(led_teams=team) | Q(team=team))
        .distinct()
    )


def _notify_leaders_of_lift(change: ProtectionChange) -> None:
    """Tell the team's leaders that a flag was lifted, and where to look. The
    e-mail names no person: e-mail is not a channel for health-related data."""
    team = change.changed_by.team
    addresses = [leader.email for leader in team_leaders_of(team) if leader.email]
    if not addresses:
        return
    try:
        _send_lift_mail(team, addresses)
    except Exception:
        # The lift is saved and shown on the dashboard; a mail server that is
        # down must not turn the specialist's save into an error page.
        logger.exception("could not e-mail the leaders of team %s about a lifted flag", team.pk)


def _send_lift_mail(team, addresses: list[str]) -> None:
    send_mail(
        subject=_("Trofast: a protected-address flag was lifted in your team"),
        message=_(
            "A protected-address flag (kode 6/7) was lifted in team %(team)s. Who lifted it, "
            "when and why is shown on the team's dashboard in Trofast.\n\n"
            "This message contains no person data."
        )
        % {"team": team.name},
        from_email=None,
        recipient_list=addresses,
    )


def vocational_profile_update(
    *, profile: VocationalProfile, expected_version: int, **values
) -> VocationalProfile:
    """Save the vocational profile. A candidate without one gets it created;
    should someone else create it first, this save is stale."""
    changed_fields(profile, {name: values[name] for name in PROFILE_FIELDS})
    validate_instance(profile)
    if profile.pk is None:
        try:
            with transaction.atomic():
                profile.save()
        except IntegrityError:
            raise StaleEdit(VocationalProfile.objects.get(candidate=profile.candidate)) from None
        return profile
    return save_versioned(profile, expected_version=expected_version)


def enrollment_plan(
    *,
    enrollment: Enrollment,
    euse_stage: int,
    next_contact_date: datetime.date | None,
    changed_by: User,
    expected_version: int,
) -> Enrollment:
    """Set the EUSE stage and the next planned contact. A stage change is
    recorded so it shows in the candidate's timeline."""
    with transaction.atomic():
        from_stage = (
            Enrollment.objects.filter(pk=enrollment.pk).values_list("euse_stage", flat=True).get()
        )
        enrollment.euse_stage = euse_stage
        enrollment.next_contact_date = next_contact_date
        validate_instance(enrollment)
        save_versioned(enrollment, expected_version=expected_version)
        if from_stage != euse_stage:
            StageChange.objects.create(
                enrollment=enrollment,
                from_stage=from_stage,
                to_stage=euse_stage,
                changed_by=changed_by,
            )
    return enrollment


def enrollment_next_contact_set(
    *, enrollment: Enrollment, next_contact_date: datetime.date | None
) -> Enrollment:
    """Plan the next contact from the contact log: a single date the holder
    sets as a side effect of logging, the latest wins. It still counts as a
    change, so a plan form opened before cannot put the old date back."""
    Enrollment.objects.filter(pk=enrollment.pk).update(
        next_contact_date=next_contact_date, version=F("version") + 1
    )
    enrollment.refresh_from_db(fields=["version"])
    enrollment.next_contact_date = next_contact_date
    return enrollment
