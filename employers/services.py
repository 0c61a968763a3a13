"""Writes to employers and placements (job starts).

Keyword-only functions that validate with the models' rules and raise
`ValidationError` with translated messages; forms and the import call them.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from candidates.models import Enrollment
from employers.models import Contract, Employer, Placement
from ips.models import Office
from ips.services import Outcome, add_error, changed_fields, validate_instance


def normalise_orgnr(orgnr: str) -> str:
    """'988 077 917' -> '988077917': people write the number in groups."""
    return "".join(orgnr.split())


@transaction.atomic
def employer_upsert(
    *, orgnr: str, name: str, industry: str = "", office: Office | None = None
) -> tuple[Employer, Outcome]:
    """An employer by organisasjonsnummer. A new employer without an office
    is shared by all offices; an existing employer keeps its office."""
    orgnr = normalise_orgnr(orgnr)
    values = {"name": name.strip(), "industry": industry.strip()}
    employer = Employer.objects.filter(orgnr=orgnr).first()
    if employer is None:
        employer = Employer(orgnr=orgnr, office=office, **values)
        validate_instance(employer)
        employer.save()
        return employer, Outcome.CREATED
    changed = changed_fields(employer, values)
    validate_instance(employer)
    if changed:
        employer.save()
    return employer, Outcome.UPDATED if changed else Outcome.UNCHANGED


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
        validate_instance(placement, _placement_errors(placement))
        placement.save()
        return placement, Outcome.CREATED
    changed = changed_fields(placement, values)
    validate_instance(placement, _placement_errors(placement))
    if not changed:
        return placement, Outcome.UNCHANGED
    placement.version += 1
    placement.save()
    return placement, Outcome.UPDATED
