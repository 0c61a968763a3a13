import csv

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from audit.queries import access_entries_for
from audit.services import access_record
from ips.access import candidates_visible_to
from ips.decorators import role_required
from ips.models import Role
from ips.query import PageQuery, parses_query

ACCESS_LOG_ROLES = (Role.TEAM_LEADER, Role.INTAKE_ADMIN)


@role_required(*ACCESS_LOG_ROLES)
@parses_query(PageQuery)
def candidate_access_log(request, pk, query):
    """Who has opened this candidate's file, newest first."""
    candidate = get_object_or_404(candidates_visible_to(request.user), pk=pk)
    page = Paginator(access_entries_for(candidate), 50).get_page(query.cleaned_data["page"])
    return render(
        request, "audit/candidate_access_log.html", {"candidate": candidate, "page": page}
    )


@role_required(*ACCESS_LOG_ROLES)
def candidate_access_log_csv(request, pk):
    """The candidate's full access log, for an access request (innsyn)."""
    candidate = get_object_or_404(candidates_visible_to(request.user), pk=pk)
    access_record(request=request, candidate=candidate, page="access_log_export")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="access-log-{candidate.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Time"), _("User"), _("Name"), _("Role"), _("Page"), _("Address")])
    for entry in access_entries_for(candidate).iterator():
        actor = entry.actor
        writer.writerow(
            [
                entry.timestamp.isoformat(),
                actor.username if actor else "",
                actor.get_full_name() if actor else "",
                actor.get_role_display() if actor else "",
                (entry.additional_data or {}).get("page", ""),
                entry.remote_addr or "",
            ]
        )
    return response
