"""Writes to the contact log.

Keyword-only functions that validate with the model's rules and raise
`ValidationError` with translated messages; forms and the import call them.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Candidate
from employers.models import Employer
from followup.models import Activity
from ips.locking import save_versioned
from ips.models import User
from ips.services import Outcome, add_error, changed_fields, validate_instance


def _activity_errors(activity: Activity) -> dict[str, list]:
    errors: dict[str, list] = {}
    if activity.minutes is not None and not 1 <= activity.minutes <= 1440:
        add_error(errors, "minutes", _("Minutes must be between 1 and 1440 (a whole day)."))
    if activity.date and activity.date > timezone.localdate():
        add_error(errors, "date", _("An activity cannot be logged for a date in the future."))
    return errors


def _add_office_errors(errors: dict[str, list], activity: Activity) -> None:
    """The office boundary: an author writes only about candidates of their
    own office, and with employers of it or shared by all offices."""
    office_id = activity.author.office_id
    candidate = activity.candidate if activity.candidate_id else None
    if candidate is not None and (candidate.office_id is None or candidate.office_id != office_id):
        add_error(errors, "candidate", _("The candidate belongs to another office."))
    employer = activity.employer if activity.employer_id else None
    if employer is not None and employer.office_id not in (None, office_id):
        add_error(errors, "employer", _("The employer belongs to another office."))


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
    errors = _activity_errors(activity)
    _add_office_errors(errors, activity)
    validate_instance(activity, errors)
    activity.save()
    return activity


def activity_import(*, import_key: str, **fields) -> tuple[Activity, Outcome]:
    """Log an imported activity once: a row seen before (same `import_key`)
    is left as it is."""
    existing = Activity.objects.filter(import_key=import_key).first()
    if existing is not None:
        return existing, Outcome.UNCHANGED
    return activity_log(import_key=import_key, **fields), Outcome.CREATED


#: Fields of an activity the author may change.
ACTIVITY_FIELDS = (
    "date",
    "minutes",
    "mode",
    "location",
    "with_whom",
    "candidate",
    "employer",
    "euse_stage",
    "note",
)


def activity_editable_by(activity: Activity, user: User) -> bool:
    """Only the author, and only for ACTIVITY_EDIT_DAYS days after logging it;
    after that the log is a record and read-only."""
    if activity.author_id != user.pk:
        return False
    age = timezone.localdate() - timezone.localdate(activity.created_at)
    return age.days <= settings.ACTIVITY_EDIT_DAYS


def activity_update(*, activity: Activity, user: User, expected_version: int, **values) -> Activity:
    if not activity_editable_by(activity, user):
        raise PermissionDenied
    values["note"] = (values.get("note") or "").strip()
    changed = changed_fields(activity, {name: values.get(name) for name in ACTIVITY_FIELDS})
    errors = _activity_errors(activity)
    if "candidate" in changed or "employer" in changed:
        # What was written before a candidate moved office stays editable.
        _add_office_errors(errors, activity)
    validate_instance(activity, errors)
    return save_versioned(activity, expected_version=expected_version)


@transaction.atomic
def activity_delete(*, activity: Activity, user: User) -> None:
    if not activity_editable_by(activity, user):
        raise PermissionDenied
    activity.delete()
