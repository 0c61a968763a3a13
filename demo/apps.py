from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The deterministic Norwegian demo (`manage.py seed_demo`). It sits on the
    top floor: it writes every app's records and nothing imports it."""

    name = "demo"
    verbose_name = _("Demo data")
    default_auto_field = "django.db.models.BigAutoField"
