from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The audit trail: every change to person data and every read of it.

    It imports no app above it: each app registers its own audited models in
    its AppConfig.ready() (audit.registry)."""

    name = "audit"
    verbose_name = _("Audit log")
    default_auto_field = "django.db.models.BigAutoField"
