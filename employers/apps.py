from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "employers"
    verbose_name = _("Employers and placements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """Job starts show in the candidate file and its timeline, and are audited."""
        from audit.registry import audit_changes, audit_reads
        from candidates.casefile import file_section, timeline_source
        from employers.models import ContactPerson, Employer, Placement
        from employers.queries import JOBS_SECTION, job_entries

        for model in (Employer, ContactPerson, Placement):
            audit_changes(model)
        audit_reads(
            Placement,
            candidate_of=lambda p: p.enrollment.candidate_id if p.enrollment_id else None,
        )
        file_section(JOBS_SECTION)
        timeline_source(job_entries)
