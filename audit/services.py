"""Writes to the audit trail that are not model changes: reads of person data
and security events (second-factor resets, unlocks)."""

from collections.abc import Iterable

from auditlog.cid import get_cid
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import ngettext

from audit.models import AccessedCandidate
from audit.registry import persons
from common.proxies import client_address


def _remote_addr(request):
    if request is None or settings.AUDITLOG_DISABLE_REMOTE_ADDR:
        return None
    return client_address(request)


def access_record(*, request, candidates: Iterable, page: str) -> LogEntry | None:
    """Record that request.user was shown these candidates' data on `page`
    (e.g. "candidate_file", "caseload"): one entry for one page view.

    One candidate: an entry on that candidate (its object id), the shape
    "who has opened this file" has always read. Several (a list): one entry
    naming them all in additional_data["candidates"]. Either way AccessedCandidate
    indexes the entry under each candidate, so each one's access log finds list
    entries too, with the same two writes whatever the count. None: nothing
    is written."""
    shown = {}
    for candidate in candidates:
        pk = candidate if isinstance(candidate, int) else candidate.pk
        shown.setdefault(pk, candidate)
    if not shown:
        return None
    details = {"page": page, "path": request.path}
    common = {
        "action": LogEntry.Action.ACCESS,
        "actor": request.user,
        "remote_addr": _remote_addr(request),
        "cid": get_cid(),
    }
    ids = sorted(shown)
    if len(ids) == 1:
        candidate = shown[ids[0]]
        if isinstance(candidate, int):
            candidate = persons().model.objects.get(pk=candidate)
        entry = LogEntry.objects.log_create(
            candidate, force_log=True, additional_data=details, **common
        )
    else:
        entry = LogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(persons().model),
            object_pk="",
            object_repr=ngettext("%(count)d candidate", "%(count)d candidates", len(ids))
            % {"count": len(ids)},
            additional_data={**details, "candidates": ids},
            **common,
        )
    AccessedCandidate.objects.bulk_create(
        AccessedCandidate(entry=entry, candidate_id=pk) for pk in ids
    )
    return entry


def security_event_record(*, request, subject, event: str) -> LogEntry:
    """Record a security event about `subject` (a user): "second_factor_reset",
    "unlocked", "enrolment_link_emailed", "enrolment_link_shown",
    "enrolment_link_used", "enrolment_link_printed". Stored as a change entry
    on the user with the event named; the actor is whoever is logged in, and
    nobody (an operator at the command line) without a request."""
    return LogEntry.objects.log_create(
        subject,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        actor=request.user if request is not None else None,
        remote_addr=_remote_addr(request),
        changes={"security_event": [None, event]},
        additional_data={"event": event, "path": request.path if request is not None else ""},
    )
