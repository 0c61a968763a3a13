"""Reads of the audit trail."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from audit.models import AccessedCandidate


def access_entries_for(candidate):
    """Every read of this candidate's data, newest first: the entries on the
    candidate and the list pages' entries that named them."""
    named = AccessedCandidate.objects.filter(candidate_id=candidate.pk).values("entry_id")
    return (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(candidate),
            action=LogEntry.Action.ACCESS,
        )
        .filter(Q(object_pk=str(candidate.pk)) | Q(pk__in=named))
        .select_related("actor")
        .order_by("-timestamp")
    )


def entries_between(start, end):
    """All audit entries with a timestamp in [start, end) (aware datetimes), oldest first."""
    return (
        LogEntry.objects.filter(timestamp__gte=start, timestamp__lt=end)
        .select_related("actor", "content_type")
        .order_by("timestamp", "pk")
    )
