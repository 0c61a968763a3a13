from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CandidatesConfig(AppConfig):
    name = "candidates"
    verbose_name = _("Candidates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from candidates.queries import held_count
        from ips import holdings

        # The account services (ips, below) refuse to deactivate a specialist
        # who still holds candidates: they read the caseload through this.
        holdings.register(held_count)
