from django.contrib import admin

from reports.models import MetricSnapshot


@admin.register(MetricSnapshot)
class MetricSnapshotAdmin(admin.ModelAdmin):
    """Read-only: snapshots are written by the recompute tasks only."""

    list_display = ["scope", "scope_id", "period_start", "period_end", "as_of", "computed_at"]
    list_filter = ["scope", "period_end"]
    date_hierarchy = "period_end"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
