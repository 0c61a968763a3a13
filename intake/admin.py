"""Admin for enrollments and assignments: the intake's records.

The assignment history is never overwritten: existing assignments are shown
read-only and a reassignment is a new row. A new row goes through the same
check and service as the intake's assignment page (`assignment_check`,
`assignment_open`): the caseload cap, the office and the dates hold in the
admin too. The admin lives here rather than in candidates because the check
is the intake's, one floor up.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from audit.admin_mixins import PersonDataAdminMixin
from candidates.models import Assignment, Enrollment
from intake.services import assignment_check, assignment_open
from ips.locking import VersionedAdminMixin
from ips.models import Role, User


def _specialists():
    return User.objects.filter(role=Role.SPECIALIST, is_active=True).select_related("team")


class AssignmentCheckForm(forms.ModelForm):
    """A new assignment, checked as the intake's page checks it. `user` (who
    assigns) is set by the admin for the request."""

    user = None

    def clean(self):
        cleaned = super().clean()
        enrollment = cleaned.get("enrollment") or getattr(self.instance, "enrollment", None)
        specialist, from_date = cleaned.get("specialist"), cleaned.get("from_date")
        if self.instance.pk is None and enrollment and specialist and from_date:
            try:
                cleaned["override_reason"] = assignment_check(
                    enrollment=enrollment,
                    specialist=specialist,
                    from_date=from_date,
                    created_by=self.user,
                    override_reason=cleaned.get("override_reason") or "",
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
        return cleaned


def _open(assignment: Assignment, user) -> Assignment:
    """Write a checked new assignment through the intake's service."""
    enrollment = Enrollment.objects.get(pk=assignment.enrollment_id)
    return assignment_open(
        enrollment=enrollment,
        specialist=assignment.specialist,
        from_date=assignment.from_date,
        created_by=user,
        expected_version=enrollment.version,
        override_reason=assignment.override_reason,
    )


def _checked_by(form_class, user):
    return type(form_class.__name__, (form_class,), {"user": user})


class AssignmentInline(admin.TabularInline):
    """The holder history of an enrollment: rows can be added, never edited or deleted."""

    model = Assignment
    form = AssignmentCheckForm
    fk_name = "enrollment"
    extra = 0
    fields = ["specialist", "from_date", "override_reason", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]
    ordering = ["-from_date"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = _checked_by(formset.form, request.user)
        return formset

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("specialist", "created_by")

    def has_add_permission(self, request, obj=None):
        # The first assignment is made once the enrollment is saved, so the
        # check can see it.
        return obj is not None and super().has_add_permission(request, obj)

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
            # deleted); each goes through the intake's service.
            for assignment in formset.save(commit=False):
                _open(assignment, request.user)
            formset.save_m2m()
        else:
            super().save_formset(request, form, formset, change)


@admin.register(Assignment)
class AssignmentAdmin(PersonDataAdminMixin, admin.ModelAdmin):
    """Assignments can be added here too, through the same check and service;
    like in the inline, history is read-only."""

    form = AssignmentCheckForm
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

    def get_form(self, request, obj=None, **kwargs):
        return _checked_by(super().get_form(request, obj, **kwargs), request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "specialist":
            kwargs["queryset"] = _specialists()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if obj.pk is None:
            saved = _open(obj, request.user)
            obj.pk, obj.created_by, obj.created_at = saved.pk, saved.created_by, saved.created_at
        else:
            super().save_model(request, obj, form, change)
