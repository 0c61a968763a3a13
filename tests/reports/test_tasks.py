"""Celery tasks: thin, idempotent, and run by a real worker when a broker is set."""

import datetime

import pytest
from django.conf import settings

from reports import tasks
from reports.models import MetricSnapshot, Scope
from tests.reports.helpers import enroll, log

DATES = ("2025-01-01", "2025-12-31", "2026-12-31")


def snapshot_rows():
    return sorted(MetricSnapshot.objects.values_list("scope", "scope_id", "figures"), key=str)


@pytest.mark.django_db
def test_the_team_task_called_directly_writes_the_teams_snapshots(specialist, teammate):
    enroll(specialist, "2025-03-03")

    written = tasks.recompute_team(specialist.team_id, *DATES)

    assert written == 3
    kari = MetricSnapshot.objects.get(scope=Scope.SPECIALIST, scope_id=specialist.pk)
    assert kari.figures["caseload"] == 1


@pytest.mark.django_db
def test_the_overall_task_writes_offices_and_the_total(specialist, other_specialist):
    tasks.recompute_overall([], *DATES)

    assert sorted(MetricSnapshot.objects.values_list("scope", flat=True)) == [
        Scope.OFFICE,
        Scope.OFFICE,
        Scope.TOTAL,
    ]


def bounds(periods) -> list[tuple]:
    return [(period.start, period.end) for period in periods]


def test_the_nightly_periods_are_the_current_month_quarter_and_year():
    assert bounds(tasks.current_periods(datetime.date(2025, 11, 23))) == [
        (datetime.date(2025, 11, 1), datetime.date(2025, 11, 30)),
        (datetime.date(2025, 10, 1), datetime.date(2025, 12, 31)),
        (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
    ]


def test_the_nightly_periods_handle_february_of_a_leap_year():
    assert bounds(tasks.current_periods(datetime.date(2024, 2, 10)))[:2] == [
        (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
        (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31)),
    ]


def test_the_tasks_acknowledge_late_and_retry_database_errors():
    from django.db import DatabaseError

    for task in (tasks.recompute_team, tasks.recompute_overall, tasks.nightly_recompute):
        assert task.acks_late
        assert DatabaseError in task.autoretry_for
        assert task.time_limit and task.soft_time_limit


def test_the_nightly_recompute_is_scheduled():
    entries = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]

    assert "reports.tasks.nightly_recompute" in entries


needs_broker = pytest.mark.skipif(
    not settings.CELERY_BROKER_URL,
    reason="CELERY_BROKER_URL is empty (the SQLite demo run): no broker for a real worker",
)


@pytest.fixture
def worker():
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun
    from django.db import connections

    from ips.celery import app

    def close_worker_connections(**kwargs):
        # The worker thread's own connections, so the test database can be dropped.
        connections.close_all()

    task_postrun.connect(close_worker_connections, weak=False)
    app.control.purge()
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=30) as w:
            yield w
    finally:
        task_postrun.disconnect(close_worker_connections)


@pytest.mark.celery
@needs_broker
@pytest.mark.django_db(transaction=True)
def test_a_worker_recomputes_a_team_and_twice_leaves_the_same_rows(worker, specialist, teammate):
    enroll(specialist, "2025-03-03")
    log(specialist, "2025-03-04", 60)

    assert tasks.recompute_team.delay(specialist.team_id, *DATES).get(timeout=60) == 3
    first = snapshot_rows()
    assert tasks.recompute_team.delay(specialist.team_id, *DATES).get(timeout=60) == 3

    assert snapshot_rows() == first
    assert [s for s, *_ in first].count(Scope.SPECIALIST) == 2
    kari = MetricSnapshot.objects.get(scope=Scope.SPECIALIST, scope_id=specialist.pk)
    assert kari.figures["field_share"] == 1.0


@pytest.mark.celery
@needs_broker
@pytest.mark.django_db(transaction=True)
def test_a_requested_recompute_fans_out_per_team_and_reports_progress(
    worker, specialist, other_specialist
):
    from celery.result import AsyncResult

    request = tasks.recompute_request(*(datetime.date.fromisoformat(d) for d in DATES))
    AsyncResult(request["task_id"]).get(timeout=60)

    assert tasks.recompute_progress(request["task_id"], request["group_id"]) == {
        "teams_done": 2,
        "teams_total": 2,
        "state": "SUCCESS",
        "ready": True,
    }
    assert MetricSnapshot.objects.count() == 2 + 2 + 2 + 1


needs_no_broker = pytest.mark.skipif(
    bool(settings.CELERY_BROKER_URL), reason="tasks run eagerly only without a broker"
)


@needs_no_broker
@pytest.mark.django_db
def test_without_a_broker_a_requested_recompute_runs_in_process(specialist, other_specialist):
    request = tasks.recompute_request(*(datetime.date.fromisoformat(d) for d in DATES))

    assert MetricSnapshot.objects.count() == 2 + 2 + 2 + 1
    assert tasks.recompute_progress(request["task_id"], request["group_id"])["ready"]


@needs_no_broker
@pytest.mark.django_db
def test_without_teams_a_requested_recompute_still_writes_the_total(db):
    tasks.recompute_request(*(datetime.date.fromisoformat(d) for d in DATES))

    assert list(MetricSnapshot.objects.values_list("scope", flat=True)) == [Scope.TOTAL]
