import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from audit.decorators import shows_person_data
from ips.access import candidates_visible_to
from ips.decorators import role_required
from ips.models import Role
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
