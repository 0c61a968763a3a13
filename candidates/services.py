"""Writes to candidates, enrollments and assignments.

Keyword-only functions that validate with the models' rules and raise
`ValidationError` with translated messages; forms and the import call them.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from candidates.models import Assignment, Candidate, Enrollment, StageChange, VocationalProfile
from ips.locking import StaleEdit, save_versioned
from ips.models import Role, User
from ips.services import Outcome, add_error, changed_fields, validate_instance


@transaction.atomic
def candidate_upsert(
    *,
    ref: str,
    first_name: str,
    last_name: str,
    birth_date: datetime.date,
    fnr: str | None = None,
) -> tuple[Candidate, Outcome]:
    """A candidate by its import reference."""
    fnr = fnr or None
    candidate = Candidate.objects.filter(ref=ref).first()
    errors: dict[str, list] = {}
    if fnr and Candidate.objects.filter(fnr=fnr).exclude(ref=ref).exists():
        add_error(errors, "fnr", _("Another candidate already has this fødselsnummer."))
    values = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "birth_date": birth_date,
        "fnr": fnr,
    }
    if candidate is None:
        candidate = Candidate(ref=ref, **values)
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
) -> tuple[Enrollment, Outcome]:
    """An enrollment by its import reference. Its office is not touched here:
    it follows the first assignment (see `assignment_upsert`)."""
    values = {
        "candidate": candidate,
        "referral_date": referral_date,
        "intake_date": intake_date,
        "discharge_date": discharge_date,
        "discharge_reason": discharge_reason or "",
        "employed_at_referral": employed_at_referral,
    }
    enrollment = Enrollment.objects.filter(ref=ref).first()
    if enrollment is None:
        enrollment = Enrollment(ref=ref, **values)
        validate_instance(enrollment, _enrollment_date_errors(enrollment))
        enrollment.save()
        return enrollment, Outcome.CREATED
    changed = changed_fields(enrollment, values)
    errors = _enrollment_date_errors(enrollment)
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
    of its first assignment."""
    if enrollment.office_id is not None:
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


def candidate_update(*, candidate: Candidate, expected_version: int, **values) -> Candidate:
    """Change identity and contact details; refused (StaleEdit) when someone
    saved the candidate after the form was opened."""
    values["fnr"] = values.get("fnr") or None
    errors: dict[str, list] = {}
    fnr = values["fnr"]
    if fnr and Candidate.objects.filter(fnr=fnr).exclude(pk=candidate.pk).exists():
        add_error(errors, "fnr", _("Another candidate already has this fødselsnummer."))
    changed_fields(candidate, {name: values[name] for name in CANDIDATE_FILE_FIELDS})
    validate_instance(candidate, errors)
    return save_versioned(candidate, expected_version=expected_version)


def candidate_protection_set(
    *, candidate: Candidate, protected_address: str, expected_version: int
) -> Candidate:
    """Flag (or unflag) a confidential address (kode 6/7)."""
    candidate.protected_address = protected_address
    validate_instance(candidate)
    return save_versioned(candidate, expected_version=expected_version)


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
