"""Admin for the contact log."""

from django.contrib import admin

from audit.admin_mixins import PersonDataAdminMixin
from followup.models import Activity
from ips.locking import VersionedAdminMixin


@admin.register(Activity)
class ActivityAdmin(PersonDataAdminMixin, VersionedAdminMixin, admin.ModelAdmin):
    list_display = [
        "date",
        "author",
        "minutes",
        "mode",
        "location",
        "with_whom",
        "candidate",
        "employer",
        "euse_stage",
    ]
    list_filter = ["location", "mode", "with_whom", "euse_stage", "author__team"]
    list_select_related = ["author", "candidate", "employer"]
    search_fields = [
        "author__username",
        "author__last_name",
        "candidate__last_name",
        "candidate__first_name",
        "employer__name",
        "=employer__orgnr",
    ]
    date_hierarchy = "date"
    autocomplete_fields = ["author", "candidate", "employer"]
    readonly_fields = ["import_key", "created_at", "updated_at"]
