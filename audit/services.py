"""Writes to the audit trail that are not model changes: reads of person data
and security events (second-factor resets, unlocks)."""

from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry

from candidates.models import Candidate


def _remote_addr(request):
    if request is None:
        return None
    return AuditlogMiddleware._get_remote_addr(request)


def access_record(*, request, candidate: Candidate, page: str) -> LogEntry:
    """Record that request.user read `candidate`'s data on `page` (e.g.
    "candidate_file", "timeline", "activity", "export")."""
    return LogEntry.objects.log_create(
        candidate,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=request.user,
        remote_addr=_remote_addr(request),
        additional_data={"page": page, "path": request.path},
    )


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


def access_records(*, request, candidates, page: str) -> list[LogEntry]:
    """One access entry per candidate in `candidates` (a list page showing
    person data), written in one insert: the same entries access_record writes."""
    from auditlog.cid import get_cid
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(Candidate)
    remote_addr = _remote_addr(request)
    cid = get_cid()
    entries = [
        LogEntry(
            content_type=content_type,
            object_pk=str(candidate.pk),
            object_id=candidate.pk,
            object_repr=str(candidate),
            action=LogEntry.Action.ACCESS,
            actor=request.user,
            remote_addr=remote_addr,
            cid=cid,
            additional_data={"page": page, "path": request.path},
        )
        for candidate in {candidate.pk: candidate for candidate in candidates}.values()
    ]
    return LogEntry.objects.bulk_create(entries)
