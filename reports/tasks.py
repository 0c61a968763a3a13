"""Celery tasks: thin and idempotent. They take ids and ISO dates and call
reports.services, which can also be called directly.

Recomputing everything fans out one task per team in a chord; the chord's
body then computes the office and total figures. `recompute_request` starts
that on demand and returns ids to follow with `recompute_progress`.
"""

import datetime

from celery import chord, group, shared_task
from celery.result import AsyncResult, GroupResult
from django.db import DatabaseError
from django.utils import timezone

from common.periods import Period
from reports import services

TASK_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
    "soft_time_limit": 15 * 60,
    "time_limit": 16 * 60,
}


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@shared_task(**TASK_OPTIONS)
def recompute_team(team_id: int, start: str, end: str, as_of: str | None = None) -> int:
    """Recompute one team's figures (and its specialists') for a period."""
    return services.team_figures_recompute(
        team_id=team_id, start=_date(start), end=_date(end), as_of=_date(as_of)
    )


@shared_task(**TASK_OPTIONS)
def recompute_overall(_team_results, start: str, end: str, as_of: str | None = None) -> int:
    """Chord body: the office and total figures, once every team is done."""
    return services.overall_figures_recompute(
        start=_date(start), end=_date(end), as_of=_date(as_of)
    )


def recompute_request(start: datetime.date, end: datetime.date, as_of=None) -> dict:
    """Start a full recompute of a period: one task per team, then the overall
    figures. Returns the ids to follow it with `recompute_progress`."""
    dates = (start.isoformat(), end.isoformat(), as_of.isoformat() if as_of else None)
    header = group(recompute_team.si(team_id, *dates) for team_id in services.teams_to_recompute())
    result = chord(header)(recompute_overall.s(*dates))
    group_result = result.parent
    if group_result is not None and group_result.id:
        group_result.save()
    return {"task_id": result.id, "group_id": group_result.id if group_result else None}


def recompute_progress(task_id: str, group_id: str | None = None) -> dict:
    """How far a requested recompute has come: teams done of all, and whether
    the overall figures are written."""
    teams_done = teams_total = 0
    if group_id:
        group_result = GroupResult.restore(group_id)
        if group_result is not None:
            teams_done = group_result.completed_count()
            teams_total = len(group_result.results)
    overall = AsyncResult(task_id)
    return {
        "teams_done": teams_done,
        "teams_total": teams_total,
        "state": overall.state,
        "ready": overall.ready(),
    }


@shared_task(**TASK_OPTIONS)
def recompute_all(start: str, end: str, as_of: str | None = None) -> dict:
    """Fan out a full recompute of a period (see recompute_request)."""
    return recompute_request(_date(start), _date(end), _date(as_of))


def current_periods(today: datetime.date) -> list[Period]:
    """The current month, quarter and year containing `today`."""
    return [Period.month_of(today), Period.quarter_of(today), Period.year_of(today)]


def nightly_periods(today: datetime.date) -> list[Period]:
    """The current month, quarter and year, and the 11 months before: the
    dashboards' trends read those months from the snapshots."""
    from reports.trends import trend_months

    periods = current_periods(today)
    return periods + [month for month in trend_months(today) if month not in periods]


@shared_task(**TASK_OPTIONS)
def nightly_recompute() -> list[dict]:
    """Beat entry: recompute the current month, quarter and year, and the
    trend months, as of today."""
    today = timezone.localdate()
    return [recompute_request(p.start, p.end, today) for p in nightly_periods(today)]
