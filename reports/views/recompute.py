"""Recompute now: start the Celery recompute of the shown period and follow it."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ips.decorators import role_required
from ips.query import parse_query, parses_query
from reports import tasks
from reports.forms import RecomputeForm, RecomputeProgressQuery
from reports.views.figures import DASHBOARD_ROLES


def _safe_next(request, target, fallback="dashboard"):
    """`target` when it is a page of this site, the dashboard otherwise."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(fallback)


@require_POST
@role_required(*DASHBOARD_ROLES)
def recompute(request):
    """Start the Celery recompute of the shown period; htmx then polls its progress.
    A period that is not valid answers 400 (ips.query), never another period."""
    form = parse_query(request, RecomputeForm, data=request.POST)
    period = form.chosen_period()
    started = tasks.recompute_request(period.start, period.end, timezone.localdate())
    next_url = _safe_next(request, form.cleaned_data["next"])
    if not request.htmx:
        messages.info(request, _("The figures are being recomputed. Reload the page in a moment."))
        return redirect(next_url)
    return _progress(request, started["task_id"], started["group_id"], next_url)


def _progress(request, task_id, group_id, next_url):
    progress = tasks.recompute_progress(task_id, group_id)
    response = render(
        request,
        "reports/_recompute_progress.html",
        {
            "progress": progress,
            "failed": progress["state"] in ("FAILURE", "REVOKED"),
            "next_url": next_url,
            "poll_url": reverse("dashboard_recompute_progress", args=[task_id])
            + "?"
            + urlencode({"group": group_id or "", "next": next_url}),
        },
    )
    if progress["ready"] and progress["state"] == "SUCCESS":
        response["HX-Refresh"] = "true"
    return response


@require_GET
@role_required(*DASHBOARD_ROLES)
@parses_query(RecomputeProgressQuery)
def recompute_progress(request, task_id, query):
    data = query.cleaned_data
    return _progress(request, task_id, data["group"] or None, _safe_next(request, data["next"]))
