"""Writes to the contact log.

Keyword-only functions that validate with the model's rules and raise
`ValidationError` with translated messages; forms and the import call them.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from candidates.models import Candidate
from employers.models import Employer
from followup.models import Activity
from ips.models import User
from ips.services import Outcome, add_error, validate_instance


def _activity_errors(activity: Activity) -> dict[str, list]:
    errors: dict[str, list] = {}
    if activity.minutes is not None and not 1 <= activity.minutes <= 1440:
        add_error(errors, "minutes", _("Minutes must be between 1 and 1440 (a whole day)."))
    return errors


@transaction.atomic
def activity_log(
    *,
    author: User,
    date: datetime.date,
    minutes: int,
    mode: str,
    location: str,
    with_whom: str,
    candidate: Candidate | None = None,
    employer: Employer | None = None,
    euse_stage: int | None = None,
    note: str = "",
    import_key: str | None = None,
) -> Activity:
    """Log what a specialist did."""
    activity = Activity(
        author=author,
        date=date,
        minutes=minutes,
        mode=mode,
        location=location,
        with_whom=with_whom,
        candidate=candidate,
        employer=employer,
        euse_stage=euse_stage,
        note=note.strip(),
        import_key=import_key,
    )
    validate_instance(activity, _activity_errors(activity))
    activity.save()
    return activity


def activity_import(*, import_key: str, **fields) -> tuple[Activity, Outcome]:
    """Log an imported activity once: a row seen before (same `import_key`)
    is left as it is."""
    existing = Activity.objects.filter(import_key=import_key).first()
    if existing is not None:
        return existing, Outcome.UNCHANGED
    return activity_log(import_key=import_key, **fields), Outcome.CREATED
