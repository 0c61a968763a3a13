from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImporterConfig(AppConfig):
    """The spreadsheet import (docs/import.md): the command, the intake
    admins' upload page, and the logic they share. It sits on the top floor:
    it writes through every app's services and imports nothing above it."""

    name = "importer"
    verbose_name = _("Import")
    default_auto_field = "django.db.models.BigAutoField"
