"""Reads of the audit trail."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from candidates.models import Candidate


def access_entries_for(candidate: Candidate):
    """Every read of this candidate's data, newest first."""
    return (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Candidate),
            object_pk=str(candidate.pk),
            action=LogEntry.Action.ACCESS,
        )
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
