"""The audit trail in the Django admin, and the audit of the admin's pickers.

The admin pages of person data write access entries through
`audit.admin_mixins.PersonDataAdminMixin`, which each app's admin uses; the
autocomplete answers of the admin's pickers are audited here, for every model
an app registered with `audit.registry.audit_reads`.
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
from audit.registry import candidate_id_of, persons

HIDDEN = _("hidden (protected address)")


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
        person = persons()
        if obj.content_type_id == ContentType.objects.get_for_model(person.model).pk and (
            person.model.objects.filter(person.protected, pk=obj.object_id).exists()
        ):
            obj = copy.copy(obj)
            obj.changes = {
                field: [str(HIDDEN), str(HIDDEN)] if field in person.hidden_fields else change
                for field, change in obj.changes_dict.items()
            }
        return render_logentry_changes_html(obj)


admin.site.unregister(LogEntry)
admin.site.register(LogEntry, ReadOnlyLogEntryAdmin)
admin.site.autocomplete_view = autocomplete_view
