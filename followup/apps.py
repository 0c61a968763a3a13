from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Follow-up")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """The contact log shows itself where the floors below list a
        candidate's or an employer's history, and is audited."""
        from audit.registry import audit_changes, audit_reads
        from candidates.casefile import timeline_source
        from candidates.transfers import merge_moves
        from employers.queries import employer_section
        from followup.models import Activity
        from followup.queries import EMPLOYER_CONTACTS_SECTION, activity_entries

        audit_changes(Activity)
        audit_reads(Activity, candidate_of=lambda activity: activity.candidate_id)
        timeline_source(activity_entries)
        merge_moves(Activity, "candidate")
        employer_section(EMPLOYER_CONTACTS_SECTION)
