"""Retention: anonymise candidates whose service ended long ago.

Names, identity numbers, contact details and free text go; the records and
every date, code and number stay, so every fidelity figure for a past period
is exactly the same before and after.
"""

import datetime
import logging

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from candidates.models import Candidate, ProtectionChange, TransferRequest, VocationalProfile
from followup.models import Activity
from privacy.queries import candidates_due_for_anonymisation

logger = logging.getLogger(__name__)

ANONYMOUS_FIRST_NAME = "Anonymisert"
#: What is left of a free-text reason after anonymisation.
REMOVED_TEXT = "[fjernet]"


def candidate_anonymise(*, candidate: Candidate) -> None:
    """Remove what identifies the candidate. The change itself is logged
    without values: writing the old name into the audit log would undo it."""
    with transaction.atomic(), disable_auditlog():
        candidate.first_name = ANONYMOUS_FIRST_NAME
        candidate.last_name = f"#{candidate.pk}"
        candidate.birth_date = datetime.date(candidate.birth_date.year, 1, 1)
        candidate.fnr = None
        candidate.phone = candidate.email = candidate.address = ""
        candidate.postal_code = candidate.city = ""
        candidate.protected_address = ""
        candidate.ref = None
        candidate.anonymised_at = timezone.now()
        candidate.save()
        VocationalProfile.objects.filter(candidate=candidate).update(
            job_preferences="",
            preferred_hours="",
            preferred_places="",
            work_history="",
            education="",
            strengths="",
            support_needs="",
            treatment_contact="",
            nav_adviser="",
            # A new version: a form opened before cannot write the text back.
            version=F("version") + 1,
        )
        Activity.objects.filter(candidate=candidate).update(note="", version=F("version") + 1)
        # A lift and a decision keep having a reason (a check constraint):
        # the free text is replaced by a marker.
        ProtectionChange.objects.filter(candidate=candidate).exclude(reason="").update(
            reason=REMOVED_TEXT
        )
        TransferRequest.objects.filter(
            Q(requesting_record=candidate) | Q(held_record=candidate)
        ).exclude(decision_reason="").update(decision_reason=REMOVED_TEXT)
    LogEntry.objects.log_create(
        candidate,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes={"anonymised": [None, "retention"]},
        additional_data={"event": "anonymised"},
    )


def anonymise_expired(*, today: datetime.date | None = None, dry_run: bool = False) -> list[int]:
    """Anonymise every candidate past the retention period; return their ids."""
    today = today or timezone.localdate()
    due = list(
        candidates_due_for_anonymisation(
            today=today, retention_days=settings.RETENTION_DAYS
        ).values_list("pk", flat=True)
    )
    if not dry_run:
        for candidate in Candidate.objects.filter(pk__in=due).iterator():
            candidate_anonymise(candidate=candidate)
    logger.info(
        "retention: %s %d candidate(s) whose last enrollment ended over %d days before %s",
        "would anonymise" if dry_run else "anonymised",
        len(due),
        settings.RETENTION_DAYS,
        today,
    )
    return due
