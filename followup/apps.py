from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Follow-up")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audit.registry import audit_changes, audit_reads
        from followup.models import Activity

        audit_changes(Activity)
        audit_reads(Activity, candidate_of=lambda activity: activity.candidate_id)

        from candidates.casefile import timeline_source
        from followup.queries import activity_entries

        timeline_source(activity_entries)
