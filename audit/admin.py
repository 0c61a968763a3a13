from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin


class ReadOnlyLogEntryAdmin(LogEntryAdmin):
    """Audit entries are never changed or deleted through the application."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}


admin.site.unregister(LogEntry)
admin.site.register(LogEntry, ReadOnlyLogEntryAdmin)
