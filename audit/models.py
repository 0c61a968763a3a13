"""The index that finds a list page's access entry from each candidate it named."""

from auditlog.models import LogEntry
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessedCandidate(models.Model):
    """One candidate named by an access entry. A list page writes one entry per
    page view, naming its candidates in additional_data["candidates"]; these
    rows let "who has opened this file" find it from each of them. (Entries
    written before this index existed name one candidate by their object id.)

    No foreign-key constraint in the database: the audit trail's own retention
    (`auditlogflush`, also with --truncate) must be able to clear entries, and
    a candidate id is kept as recorded, like the entry's object id."""

    entry = models.ForeignKey(
        LogEntry,
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="accessed_candidates",
        verbose_name=_("access entry"),
    )
    candidate_id = models.BigIntegerField(_("candidate id"), db_index=True)

    class Meta:
        verbose_name = _("candidate named by an access entry")
        verbose_name_plural = _("candidates named by access entries")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "candidate_id"], name="accessed_candidate_once_per_entry"
            )
        ]

    def __str__(self):
        return f"{self.entry_id}: {self.candidate_id}"
