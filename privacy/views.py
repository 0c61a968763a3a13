"""The person's rights on their record: the access request (innsyn) pages and
who has opened the file (the access log)."""

import json

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from audit.decorators import shows_person_data
from audit.queries import access_entries_for
from candidates.queries import candidates_visible_to, protection_changes
from common.tabular import csv_response
from ips.decorators import role_required
from ips.models import Role
from ips.query import PageQuery, parses_query
from privacy.queries import candidate_record


@shows_person_data(page="access_request_json")
@role_required(Role.TEAM_LEADER)
def candidate_record_json(request, pk):
    """The candidate's full record as a JSON file, for an access request."""
    candidate = get_object_or_404(candidates_visible_to(request.user), pk=pk)
    request.audit.shown(candidate)
    record = candidate_record(candidate, viewer=request.user)
    response = HttpResponse(
        json.dumps(record, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="candidate-{candidate.pk}.json"'
    return response


@shows_person_data(page="access_request_page")
@role_required(Role.TEAM_LEADER)
def candidate_record_page(request, pk):
    """The same record as a printable page."""
    candidate = get_object_or_404(candidates_visible_to(request.user), pk=pk)
    request.audit.shown(candidate)
    record = candidate_record(candidate, viewer=request.user)
    return render(
        request, "privacy/candidate_record.html", {"record": record, "candidate": candidate}
    )


ACCESS_LOG_ROLES = (Role.TEAM_LEADER, Role.INTAKE_ADMIN)


@shows_person_data(page="access_log")
@role_required(*ACCESS_LOG_ROLES)
@parses_query(PageQuery)
def candidate_access_log(request, pk, query):
    """Who has opened this candidate's file, newest first."""
    candidate = get_object_or_404(candidates_visible_to(request.user), pk=pk)
    request.audit.shown(candidate)
    request.audit.write()  # this read is listed too
    page = Paginator(access_entries_for(candidate), 50).get_page(query.cleaned_data["page"])
    return render(
        request,
        "privacy/candidate_access_log.html",
        {
            "candidate": candidate,
            "page": page,
            "protection_changes": protection_changes(candidate),
        },
    )


@shows_person_data(page="access_log_export")
@role_required(*ACCESS_LOG_ROLES)
def candidate_access_log_csv(request, pk):
    """The candidate's full access log, for an access request (innsyn)."""
    candidate = get_object_or_404(candidates_visible_to(request.user), pk=pk)
    request.audit.shown(candidate)
    request.audit.write()  # the download is a read too, and listed in it
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
