from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CandidatesConfig(AppConfig):
    name = "candidates"
    verbose_name = _("Candidates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """The candidate is the person the audit trail names; its own stage
        changes are one of the timeline's sources."""
        from django.db.models import Q

        from audit.registry import audit_changes, audit_persons, audit_reads
        from candidates.casefile import timeline_source
        from candidates.models import (
            Assignment,
            Candidate,
            Enrollment,
            ProtectionChange,
            TransferRequest,
            VocationalProfile,
        )
        from candidates.queries import stage_change_entries

        audit_persons(
            Candidate, hidden_fields=Candidate.CONTACT_FIELDS, protected=~Q(protected_address="")
        )
        for model in (
            Candidate,
            VocationalProfile,
            Enrollment,
            Assignment,
            ProtectionChange,
            TransferRequest,
        ):
            audit_changes(model)
        audit_reads(Candidate, candidate_of=lambda candidate: candidate.pk)
        audit_reads(VocationalProfile, candidate_of=lambda profile: profile.candidate_id)
        audit_reads(Enrollment, candidate_of=lambda enrollment: enrollment.candidate_id)
        audit_reads(
            Assignment,
            candidate_of=lambda a: a.enrollment.candidate_id if a.enrollment_id else None,
        )
        timeline_source(stage_change_entries)

        # The account services (ips, below) refuse to deactivate a specialist
        # who still holds candidates: they read the caseload through this.
        from candidates.queries import held_count
        from ips import holdings

        holdings.register(held_count)
