"""The audit trail in the Django admin, and the audit of the admin itself.

The admin pages of person data (candidates, their profiles, enrollments,
assignments, activities and job starts) write access entries like every other
page: this module wraps the admins those apps register (it is loaded after
them, as INSTALLED_APPS lists audit after them), so the apps below audit need
not import it. The autocomplete answers of the admin's pickers are audited too.
"""

import copy

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from auditlog.render import render_logentry_changes_html
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from audit.decorators import shows_person_data
from candidates.models import Assignment, Candidate, Enrollment, VocationalProfile
from employers.models import Placement
from followup.models import Activity

#: The models whose admin pages show a candidate's data.
PERSON_DATA_MODELS = (Candidate, VocationalProfile, Enrollment, Assignment, Activity, Placement)
HIDDEN = _("hidden (protected address)")


def candidate_id_of(obj) -> int | None:
    """The candidate a person-data record is about (None for anything else)."""
    if isinstance(obj, Candidate):
        return obj.pk
    if isinstance(obj, VocationalProfile | Enrollment | Activity):
        return obj.candidate_id
    if isinstance(obj, Assignment | Placement) and obj.enrollment_id:
        return obj.enrollment.candidate_id
    return None


def _shown_on(context) -> list:
    """The records an admin page shows, from its template context."""
    if "cl" in context:  # the list
        return context["cl"].result_list
    if "adminform" in context:  # add and change forms
        return [context["adminform"].form.instance]
    if context.get("object") is not None:  # delete confirmation, history
        return [context["object"]]
    if "queryset" in context:  # confirmation of a bulk action
        return context["queryset"]
    return []


class PersonDataAdminMixin:
    """Every page of the model's admin writes one access entry naming the
    candidates it shows (a list page: one entry for the page, not per row),
    and is sent with Cache-Control: no-store."""

    def _audited(self, request, response, view):
        opts = self.model._meta
        request.audit.page = f"admin_{opts.model_name}_{view}"
        context = getattr(response, "context_data", None) or {}
        ids = (candidate_id_of(obj) for obj in _shown_on(context))
        request.audit.shown(pk for pk in ids if pk is not None)
        return response

    @shows_person_data(page="admin")
    def changelist_view(self, request, extra_context=None):
        return self._audited(request, super().changelist_view(request, extra_context), "list")

    @shows_person_data(page="admin")
    def add_view(self, request, form_url="", extra_context=None):
        return self._audited(request, super().add_view(request, form_url, extra_context), "add")

    @shows_person_data(page="admin")
    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        return self._audited(request, response, "change")

    @shows_person_data(page="admin")
    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        return self._audited(request, response, "delete")

    @shows_person_data(page="admin")
    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        return self._audited(request, response, "history")


def audit_person_data_admins(site) -> None:
    """Wrap the admins registered for the person-data models in PersonDataAdminMixin."""
    for model in PERSON_DATA_MODELS:
        model_admin = type(site.get_model_admin(model))
        if issubclass(model_admin, PersonDataAdminMixin):
            continue
        site.unregister(model)
        site.register(
            model,
            type(
                model_admin.__name__,
                (PersonDataAdminMixin, model_admin),
                {"__module__": model_admin.__module__, "__doc__": model_admin.__doc__},
            ),
        )


class AuditedAutocompleteJsonView(AutocompleteJsonView):
    """The admin's search-as-you-type answers (candidate names, enrollments
    named after their candidate), reported to the access audit."""

    def serialize_result(self, obj, to_field_name):
        candidate_id = candidate_id_of(obj)
        if candidate_id is not None:
            self.request.audit.shown([candidate_id])
        return super().serialize_result(obj, to_field_name)


@shows_person_data(page="admin_autocomplete")
def autocomplete_view(request):
    request.audit.shown([])  # the results report themselves
    return AuditedAutocompleteJsonView.as_view(admin_site=admin.site)(request)


class ReadOnlyLogEntryAdmin(LogEntryAdmin):
    """Audit entries are never changed or deleted through the application.

    The recorded values of a protected person's contact details are hidden,
    and the recorded values are not searchable: a search there would be an
    unaudited fødselsnummer search."""

    search_fields = [field for field in LogEntryAdmin.search_fields if field != "changes"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}

    @admin.display(description=_("Changes"))
    def msg(self, obj):
        if obj.content_type_id == ContentType.objects.get_for_model(Candidate).pk and (
            Candidate.objects.filter(pk=obj.object_id).exclude(protected_address="").exists()
        ):
            obj = copy.copy(obj)
            obj.changes = {
                field: [str(HIDDEN), str(HIDDEN)] if field in Candidate.CONTACT_FIELDS else change
                for field, change in obj.changes_dict.items()
            }
        return render_logentry_changes_html(obj)


admin.site.unregister(LogEntry)
admin.site.register(LogEntry, ReadOnlyLogEntryAdmin)
audit_person_data_admins(admin.site)
admin.site.autocomplete_view = autocomplete_view
