"""Admin for employers, contact persons, job starts and subsidy rules."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.admin_mixins import PersonDataAdminMixin
from employers.models import ContactPerson, Employer, Placement, SubsidyRule
from ips.locking import VersionedAdminMixin, VersionedInlineMixin


class ContactPersonInline(VersionedInlineMixin, admin.TabularInline):
    model = ContactPerson
    extra = 0
    fields = ["name", "title", "phone", "email"]


@admin.register(Employer)
class EmployerAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "orgnr", "industry", "office", "created_at"]
    list_filter = ["office"]
    list_select_related = ["office"]
    search_fields = ["name", "=orgnr", "industry"]
    autocomplete_fields = ["office"]
    readonly_fields = ["created_at"]
    inlines = [ContactPersonInline]


@admin.register(ContactPerson)
class ContactPersonAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "title", "employer", "phone", "email"]
    list_filter = ["employer__office"]
    list_select_related = ["employer"]
    search_fields = ["name", "employer__name", "=employer__orgnr"]
    autocomplete_fields = ["employer"]


@admin.register(Placement)
class PlacementAdmin(PersonDataAdminMixin, VersionedAdminMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "employer",
        "candidate",
        "start_date",
        "end_date",
        "competitive",
        "contract",
        "hours_per_week",
        "wage_subsidy_percent",
    ]
    list_filter = ["competitive", "contract", "end_reason", "employer__office"]
    search_fields = [
        "title",
        "employer__name",
        "=employer__orgnr",
        "enrollment__candidate__last_name",
        "enrollment__candidate__first_name",
    ]
    date_hierarchy = "start_date"
    autocomplete_fields = ["enrollment", "employer"]
    readonly_fields = ["created_at"]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "enrollment",
                    "employer",
                    "title",
                    ("start_date", "end_date", "end_reason"),
                    ("hours_per_week", "competitive", "contract", "hourly_wage"),
                    "created_at",
                )
            },
        ),
        (
            _("Wage subsidy (lønnstilskudd)"),
            {"fields": (("wage_subsidy_percent", "wage_subsidy_from", "wage_subsidy_to"),)},
        ),
        (
            _("Inclusion subsidy (inkluderingstilskudd)"),
            {"fields": ("inclusion_subsidy_amount",)},
        ),
        (
            _("Mentor subsidy (mentortilskudd)"),
            {"fields": (("mentor_subsidy_from", "mentor_subsidy_to", "mentor_hours"),)},
        ),
    )

    def get_queryset(self, request):
        # Placement.__str__ names the employer, and the list names the candidate.
        # (A select_related here replaces list_select_related on the list page.)
        return super().get_queryset(request).select_related("employer", "enrollment__candidate")

    @admin.display(description=_("candidate"), ordering="enrollment__candidate__last_name")
    def candidate(self, placement):
        return placement.enrollment.candidate


@admin.register(SubsidyRule)
class SubsidyRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "valid_from", "max_percent", "max_months", "max_amount", "note"]
    list_filter = ["kind"]
    date_hierarchy = "valid_from"
