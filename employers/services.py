"""Writes to employers and placements (job starts).

Keyword-only functions that validate with the models' rules and raise
`ValidationError` with translated messages; forms and the import call them.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from candidates.models import Enrollment
from employers.models import ContactPerson, Contract, Employer, Placement
from ips.locking import save_versioned
from ips.models import Office
from ips.services import Outcome, add_error, changed_fields, validate_instance


def normalise_orgnr(orgnr: str) -> str:
    """'988 077 917' -> '988077917': people write the number in groups."""
    return "".join(orgnr.split())


@transaction.atomic
def employer_upsert(
    *, orgnr: str, name: str, industry: str = "", office: Office | None = None
) -> tuple[Employer, Outcome]:
    """An employer by organisasjonsnummer. A new employer belongs to `office`,
    or without one is shared by all offices; an existing employer keeps its
    office. With an office, an employer of another office is refused (as the
    employer form refuses a taken number), and one shared by all offices is
    left as it is: one office does not rename what every office sees."""
    orgnr = normalise_orgnr(orgnr)
    values = {"name": name.strip(), "industry": industry.strip()}
    employer = Employer.objects.filter(orgnr=orgnr).first()
    if employer is None:
        employer = Employer(orgnr=orgnr, office=office, **values)
        validate_instance(employer)
        employer.save()
        return employer, Outcome.CREATED
    if office is not None and employer.office_id != office.pk:
        if employer.office_id is None:
            return employer, Outcome.UNCHANGED
        raise ValidationError(
            {"orgnr": _("An employer with this organisation number is already registered.")}
        )
    changed = changed_fields(employer, values)
    validate_instance(employer)
    if changed:
        employer.save()
    return employer, Outcome.UPDATED if changed else Outcome.UNCHANGED


def _add_office_errors(errors: dict[str, list], placement: Placement) -> None:
    """The office boundary, where the employer is chosen: a job start at an
    employer of the enrollment's office or one shared by all offices."""
    employer = placement.employer if placement.employer_id else None
    if employer is not None and employer.office_id is not None:
        enrollment = placement.enrollment
        office_id = enrollment.office_id or enrollment.candidate.office_id
        if employer.office_id != office_id:
            add_error(errors, "employer", _("The employer belongs to another office."))


def _placement_errors(placement: Placement) -> dict[str, list]:
    """The rules of the placement's check constraints, in words."""
    errors: dict[str, list] = {}
    if placement.end_date and placement.start_date and placement.end_date < placement.start_date:
        add_error(errors, "end_date", _("The end date is before the start date."))
    hours = placement.hours_per_week
    if hours is not None and not Decimal("0") < hours <= Decimal("100"):
        add_error(errors, "hours_per_week", _("Hours per week must be above 0 and at most 100."))
    percent = placement.wage_subsidy_percent
    if percent is not None and not 1 <= percent <= 100:
        add_error(
            errors, "wage_subsidy_percent", _("The wage subsidy must be between 1 and 100 %.")
        )
    return errors


@transaction.atomic
def placement_upsert(
    *,
    enrollment: Enrollment,
    employer: Employer,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    hours_per_week: Decimal,
    competitive: bool = True,
    contract: str = Contract.PERMANENT,
    wage_subsidy_percent: int | None = None,
) -> tuple[Placement, Outcome]:
    """A job start by its natural key (enrollment, employer, title, start
    date); the other fields are updated from the input."""
    title = title.strip()
    values = {
        "end_date": end_date,
        "hours_per_week": hours_per_week,
        "competitive": competitive,
        "contract": contract or Contract.PERMANENT,
        "wage_subsidy_percent": wage_subsidy_percent,
    }
    placement = Placement.objects.filter(
        enrollment=enrollment, employer=employer, title=title, start_date=start_date
    ).first()
    if placement is None:
        placement = Placement(
            enrollment=enrollment, employer=employer, title=title, start_date=start_date, **values
        )
        errors = _placement_errors(placement)
        _add_office_errors(errors, placement)
        validate_instance(placement, errors)
        placement.save()
        return placement, Outcome.CREATED
    changed = changed_fields(placement, values)
    validate_instance(placement, _placement_errors(placement))
    if not changed:
        return placement, Outcome.UNCHANGED
    placement.save()
    return placement, Outcome.UPDATED


# --- Pages: employers and job starts entered by hand ---


class EmployerExists(Exception):
    """An employer with this organisasjonsnummer is already registered."""

    def __init__(self, employer: Employer):
        super().__init__(f"employer {employer.orgnr} exists")
        self.employer = employer


@transaction.atomic
def employer_create(
    *, orgnr: str, name: str, industry: str = "", office: Office | None
) -> Employer:
    """A new employer, shared by `office`. An existing orgnr raises
    EmployerExists so the page can point to the existing record."""
    orgnr = normalise_orgnr(orgnr)
    existing = Employer.objects.filter(orgnr=orgnr).first()
    if existing is not None:
        raise EmployerExists(existing)
    employer = Employer(orgnr=orgnr, name=name.strip(), industry=industry.strip(), office=office)
    validate_instance(employer)
    employer.save()
    return employer


def employer_update(
    *, employer: Employer, orgnr: str, name: str, industry: str = "", expected_version: int
) -> Employer:
    """Change an employer; refused (StaleEdit) when someone saved it since
    the form was opened. An orgnr taken by another employer raises EmployerExists."""
    orgnr = normalise_orgnr(orgnr)
    existing = Employer.objects.filter(orgnr=orgnr).exclude(pk=employer.pk).first()
    if existing is not None:
        raise EmployerExists(existing)
    changed_fields(employer, {"orgnr": orgnr, "name": name.strip(), "industry": industry.strip()})
    validate_instance(employer)
    return save_versioned(employer, expected_version=expected_version)


def _contact_values(*, name: str, title: str, phone: str, email: str) -> dict:
    return {"name": name.strip(), "title": title.strip(), "phone": phone.strip(), "email": email}


@transaction.atomic
def contact_person_add(
    *, employer: Employer, name: str, title: str = "", phone: str = "", email: str = ""
) -> ContactPerson:
    """Add a contact person to an employer."""
    contact = ContactPerson(
        employer=employer, **_contact_values(name=name, title=title, phone=phone, email=email)
    )
    validate_instance(contact)
    contact.save()
    return contact


def contact_person_update(
    *,
    contact: ContactPerson,
    name: str,
    title: str = "",
    phone: str = "",
    email: str = "",
    expected_version: int,
) -> ContactPerson:
    """Change a contact person; refused (StaleEdit) when someone saved them
    since the form was opened."""
    changed_fields(contact, _contact_values(name=name, title=title, phone=phone, email=email))
    validate_instance(contact)
    return save_versioned(contact, expected_version=expected_version)


#: Placement fields set from the placement form.
PLACEMENT_FIELDS = (
    "employer",
    "title",
    "start_date",
    "hours_per_week",
    "competitive",
    "contract",
    "hourly_wage",
    "wage_subsidy_percent",
    "wage_subsidy_from",
    "wage_subsidy_to",
    "inclusion_subsidy_amount",
    "mentor_subsidy_from",
    "mentor_subsidy_to",
    "mentor_hours",
)


def _placement_form_errors(placement: Placement) -> dict[str, list]:
    errors = _placement_errors(placement)
    if (
        placement.wage_subsidy_from
        and placement.wage_subsidy_to
        and placement.wage_subsidy_to < placement.wage_subsidy_from
    ):
        add_error(errors, "wage_subsidy_to", _("The subsidy ends before it starts."))
    if (
        placement.mentor_subsidy_from
        and placement.mentor_subsidy_to
        and placement.mentor_subsidy_to < placement.mentor_subsidy_from
    ):
        add_error(errors, "mentor_subsidy_to", _("The subsidy ends before it starts."))
    if placement.end_date and not placement.end_reason:
        add_error(errors, "end_reason", _("An ended job needs a reason."))
    return errors


@transaction.atomic
def placement_create(*, enrollment: Enrollment, **values) -> Placement:
    """Register a job start. A competitive job makes the candidate "in work"
    on the caseload (derived from the placement, nothing else to change)."""
    placement = Placement(
        enrollment=enrollment, **{name: values.get(name) for name in PLACEMENT_FIELDS}
    )
    placement.title = (placement.title or "").strip()
    if Placement.objects.filter(
        enrollment=enrollment,
        employer=placement.employer,
        title=placement.title,
        start_date=placement.start_date,
    ).exists():
        raise ValidationError(
            {"title": _("This job start is already registered for the candidate.")}
        )
    errors = _placement_form_errors(placement)
    _add_office_errors(errors, placement)
    validate_instance(placement, errors)
    placement.save()
    return placement


def placement_update(*, placement: Placement, expected_version: int, **values) -> Placement:
    """Change a job start; refused (StaleEdit) when someone saved it since
    the form was opened."""
    changed = changed_fields(placement, {name: values.get(name) for name in PLACEMENT_FIELDS})
    placement.title = (placement.title or "").strip()
    errors = _placement_form_errors(placement)
    if "employer" in changed:
        _add_office_errors(errors, placement)
    validate_instance(placement, errors)
    return save_versioned(placement, expected_version=expected_version)


def placement_end(
    *, placement: Placement, end_date: datetime.date, end_reason: str, expected_version: int
) -> Placement:
    """End a job with a date and a reason."""
    placement.end_date = end_date
    placement.end_reason = end_reason
    errors = _placement_form_errors(placement)
    if not end_reason:
        errors.pop("end_reason", None)
        add_error(errors, "end_reason", _("Give the reason the job ended."))
    validate_instance(placement, errors)
    return save_versioned(placement, expected_version=expected_version)
