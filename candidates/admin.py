"""Admin for candidates and their vocational profiles.

The admin of enrollments and assignments is the intake's (intake/admin.py):
an assignment goes through the intake's caseload-cap check there.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.admin_mixins import PersonDataAdminMixin
from candidates.models import Candidate, VocationalProfile
from ips.locking import VersionedAdminMixin, VersionedInlineMixin


class VocationalProfileInline(VersionedInlineMixin, admin.StackedInline):
    model = VocationalProfile
    can_delete = False
    extra = 0
    max_num = 1


@admin.register(Candidate)
class CandidateAdmin(PersonDataAdminMixin, VersionedAdminMixin, admin.ModelAdmin):
    """No address or contact columns: protected persons' details never appear
    in lists. A protected person's form leaves them out too, for superusers as
    well: only the specialist who holds them sees them, on the candidate file."""

    list_display = ["last_name", "first_name", "birth_date", "protected_address", "created_at"]
    list_filter = ["protected_address"]
    search_fields = ["last_name", "first_name", "=fnr", "=ref"]
    date_hierarchy = "created_at"
    # The office changes only by an accepted transfer request (candidates.transfers).
    readonly_fields = ["ref", "office", "anonymised_at", "created_at"]
    inlines = [VocationalProfileInline]

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or ())
        if obj is not None and obj.is_protected:
            exclude.extend(Candidate.CONTACT_FIELDS)
        return exclude

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_protected:
            fields.append("contact_details")
        return fields

    @admin.display(description=_("address and contact details"))
    def contact_details(self, candidate):
        return _("Hidden: a protected address is shown only to the specialist who holds them.")


@admin.register(VocationalProfile)
class VocationalProfileAdmin(PersonDataAdminMixin, VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["candidate", "disclosure", "benefits_counselling_done"]
    list_filter = ["disclosure", "benefits_counselling_done"]
    list_select_related = ["candidate"]
    search_fields = ["candidate__last_name", "candidate__first_name"]
    autocomplete_fields = ["candidate"]
