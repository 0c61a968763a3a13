"""Admin for candidates, enrollments and assignments.

The assignment history is never overwritten: existing assignments are shown
read-only and a reassignment is a new row.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.admin_mixins import PersonDataAdminMixin
from candidates.models import Assignment, Candidate, Enrollment, VocationalProfile
from ips.locking import VersionedAdminMixin, VersionedInlineMixin
from ips.models import Role, User


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


def _specialists():
    return User.objects.filter(role=Role.SPECIALIST, is_active=True).select_related("team")


class AssignmentInline(admin.TabularInline):
    """The holder history of an enrollment: rows can be added, never edited or deleted."""

    model = Assignment
    fk_name = "enrollment"
    extra = 0
    fields = ["specialist", "from_date", "override_reason", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]
    ordering = ["-from_date"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("specialist", "created_by")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "specialist":
            kwargs["queryset"] = _specialists()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Enrollment)
class EnrollmentAdmin(PersonDataAdminMixin, VersionedAdminMixin, admin.ModelAdmin):
    list_display = [
        "candidate",
        "office",
        "referral_date",
        "intake_date",
        "discharge_date",
        "discharge_reason",
        "euse_stage",
        "employed_at_referral",
    ]
    list_filter = ["office", "euse_stage", "employed_at_referral", "discharge_reason"]
    search_fields = ["candidate__last_name", "candidate__first_name", "=candidate__fnr", "=ref"]
    date_hierarchy = "referral_date"
    autocomplete_fields = ["candidate", "office"]
    readonly_fields = ["ref", "created_at"]
    inlines = [AssignmentInline]

    def get_queryset(self, request):
        # Enrollment.__str__ names the candidate: fetch it with the row everywhere,
        # including autocomplete answers.
        return super().get_queryset(request).select_related("candidate", "office")

    def save_formset(self, request, form, formset, change):
        if formset.model is Assignment:
            # Only new rows come back (existing ones are read-only and never
            # deleted); each records who made the assignment.
            for assignment in formset.save(commit=False):
                if assignment.created_by_id is None:
                    assignment.created_by = request.user
                assignment.save()
            formset.save_m2m()
        else:
            super().save_formset(request, form, formset, change)


@admin.register(Assignment)
class AssignmentAdmin(PersonDataAdminMixin, admin.ModelAdmin):
    """Assignments can be added here too; like in the inline, history is read-only."""

    list_display = [
        "candidate",
        "enrollment",
        "specialist",
        "from_date",
        "created_by",
        "created_at",
    ]
    list_filter = ["specialist__team", "specialist"]
    list_select_related = ["enrollment__candidate", "specialist", "created_by"]
    search_fields = [
        "enrollment__candidate__last_name",
        "enrollment__candidate__first_name",
        "specialist__username",
        "specialist__last_name",
    ]
    date_hierarchy = "from_date"
    autocomplete_fields = ["enrollment"]
    fields = [
        "enrollment",
        "specialist",
        "from_date",
        "override_reason",
        "created_by",
        "created_at",
    ]
    readonly_fields = ["created_by", "created_at"]

    @admin.display(description=_("candidate"), ordering="enrollment__candidate__last_name")
    def candidate(self, assignment):
        return assignment.enrollment.candidate

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "specialist":
            kwargs["queryset"] = _specialists()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
