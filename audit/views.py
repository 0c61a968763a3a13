from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from audit.queries import access_entries_for
from audit.services import access_record
from common.tabular import csv_response
from ips.access import candidates_visible_to
from ips.decorators import role_required
from ips.models import Role

ACCESS_LOG_ROLES = (Role.TEAM_LEADER, Role.INTAKE_ADMIN)


@role_required(*ACCESS_LOG_ROLES)
def candidate_access_log(request, pk):
    """Who has opened this candidate's file, newest first."""
    candidate = get_object_or_404(candidates_visible_to(request.user), pk=pk)
    page = Paginator(access_entries_for(candidate), 50).get_page(request.GET.get("page"))
    return render(
        request, "audit/candidate_access_log.html", {"candidate": candidate, "page": page}
    )


@role_required(*ACCESS_LOG_ROLES)
def candidate_access_log_csv(request, pk):
    """The candidate's full access log, for an access request (innsyn)."""
    candidate = get_object_or_404(candidates_visible_to(request.user), pk=pk)
    access_record(request=request, candidate=candidate, page="access_log_export")
    header = [_("Time"), _("User"), _("Name"), _("Role"), _("Page"), _("Address")]
    lines = (
        [
            entry.timestamp,
            entry.actor.username if entry.actor else "",
            entry.actor.get_full_name() if entry.actor else "",
            entry.actor.get_role_display() if entry.actor else "",
            (entry.additional_data or {}).get("page", ""),
            entry.remote_addr or "",
        ]
        for entry in access_entries_for(candidate).iterator()
    )
    return csv_response([header, *lines], filename=f"access-log-{candidate.pk}.csv")
