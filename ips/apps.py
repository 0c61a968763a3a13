from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "ips"
    verbose_name = _("Organisation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from audit.registry import audit_changes
        from ips.middleware import remember_login_time

        user_logged_in.connect(remember_login_time, dispatch_uid="trofast_login_time")
        from ips import checks  # noqa: F401  (registers the system checks)
        from ips.models import Office, Team, User

        audit_changes(Office)
        audit_changes(Team, exclude_fields=(), m2m_fields={"leaders"})
        audit_changes(User, exclude_fields=("password", "last_login"))
