"""Recompute now: starts the Celery recompute and follows it with htmx."""

import pytest
from django.conf import settings

from reports import tasks
from reports.models import MetricSnapshot
from tests.reports.dashboard_helpers import a_year_of_work

PERIOD = {"period": "custom", "start": "2025-01-01", "end": "2025-12-31"}
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def started(monkeypatch):
    calls = []

    def fake_request(start, end, as_of=None):
        calls.append((start.isoformat(), end.isoformat()))
        return {"task_id": "task-1", "group_id": "group-1"}

    monkeypatch.setattr(tasks, "recompute_request", fake_request)
    return calls


def progress(monkeypatch, **state):
    value = {"teams_done": 1, "teams_total": 2, "state": "STARTED", "ready": False} | state
    monkeypatch.setattr(tasks, "recompute_progress", lambda task_id, group_id=None: value)


def test_the_button_starts_the_recompute_of_the_period_shown(
    client, login, leader, started, monkeypatch
):
    progress(monkeypatch)
    login(leader)

    client.post("/reports/recompute/", PERIOD, **HTMX)

    assert started == [("2025-01-01", "2025-12-31")]


def test_the_progress_is_polled_until_it_is_ready(client, login, leader, started, monkeypatch):
    progress(monkeypatch)
    login(leader)

    response = client.post("/reports/recompute/", PERIOD, **HTMX)

    page = response.content.decode()
    assert "1 of 2 teams done" in page
    assert 'hx-get="/reports/recompute/task-1/?group=group-1' in page
    assert 'hx-trigger="load delay:1s"' in page


def test_a_finished_recompute_refreshes_the_page(client, login, leader, monkeypatch):
    progress(monkeypatch, teams_done=2, state="SUCCESS", ready=True)
    login(leader)

    response = client.get("/reports/recompute/task-1/?group=group-1", **HTMX)

    assert response["HX-Refresh"] == "true"
    assert "hx-get" not in response.content.decode()


def test_a_failed_recompute_says_so_and_stops_polling(client, login, leader, monkeypatch):
    progress(monkeypatch, state="FAILURE", ready=True)
    login(leader)

    response = client.get("/reports/recompute/task-1/", **HTMX)

    assert "The recompute failed" in response.content.decode()
    assert "HX-Refresh" not in response


def test_without_htmx_the_button_returns_to_the_dashboard(client, login, leader, started):
    login(leader)

    response = client.post("/reports/recompute/", PERIOD | {"next": "/reports/team/1/"})

    assert response.status_code == 302
    assert response.url == "/reports/team/1/"


def test_it_never_sends_the_user_to_another_site(client, login, leader, started):
    login(leader)

    response = client.post("/reports/recompute/", PERIOD | {"next": "https://evil.example/"})

    assert response.url == "/reports/"


def test_the_recompute_is_not_started_by_a_get(client, login, leader, started):
    login(leader)

    assert client.get("/reports/recompute/").status_code == 405
    assert started == []


@pytest.mark.skipif(bool(settings.CELERY_BROKER_URL), reason="runs eagerly only without a broker")
def test_without_a_broker_the_recompute_stores_the_figures_the_page_then_reads(
    client, login, leader, specialist, teammate
):
    a_year_of_work(specialist)
    login(leader)

    response = client.post("/reports/recompute/", PERIOD, **HTMX)

    assert response["HX-Refresh"] == "true"
    assert MetricSnapshot.objects.filter(period_start="2025-01-01", scope="team").exists()
    page = client.get(
        f"/reports/team/{leader.team_id}/?period=custom&start=2025-01-01&end=2025-12-31",
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert "Computed live" not in page.split("Trends")[0]


def test_the_nightly_recompute_also_stores_the_twelve_trend_months():
    import datetime

    periods = tasks.nightly_periods(datetime.date(2025, 11, 23))

    assert len(periods) == 3 + 11
    assert (datetime.date(2024, 12, 1), datetime.date(2024, 12, 31)) in [
        (period.start, period.end) for period in periods
    ]
    assert periods[:3] == tasks.current_periods(datetime.date(2025, 11, 23))
