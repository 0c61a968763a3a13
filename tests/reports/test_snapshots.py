"""Snapshots: one row per scope and period, overwritten by a recompute."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from reports import services
from reports.models import MetricSnapshot, Scope
from tests.reports.helpers import day, enroll, job, log, reassign, report

pytestmark = pytest.mark.django_db

PERIOD = {"start": day("2025-01-01"), "end": day("2025-12-31"), "as_of": day("2026-12-31")}


def rows():
    return sorted(
        MetricSnapshot.objects.values_list("scope", "scope_id", "period_start", "period_end"),
        key=str,
    )


def scopes():
    """The (scope, scope id) pairs stored, each once: a repeated pair would show."""
    pairs = [(scope, scope_id) for scope, scope_id, *_ in rows()]
    assert len(pairs) == len(set(pairs))
    return set(pairs)


def test_a_full_recompute_writes_every_scope(specialist, teammate, other_specialist):
    services.figures_recompute(**PERIOD)

    assert scopes() == {
        (Scope.SPECIALIST, specialist.pk),
        (Scope.SPECIALIST, teammate.pk),
        (Scope.SPECIALIST, other_specialist.pk),
        (Scope.TEAM, specialist.team_id),
        (Scope.TEAM, other_specialist.team_id),
        (Scope.OFFICE, specialist.office_id),
        (Scope.OFFICE, other_specialist.office_id),
        (Scope.TOTAL, None),
    }


def test_recomputing_twice_leaves_the_same_rows(specialist, teammate, other_specialist):
    services.figures_recompute(**PERIOD)
    first = rows()

    services.figures_recompute(**PERIOD)

    assert rows() == first
    assert MetricSnapshot.objects.filter(scope=Scope.TOTAL).count() == 1


def test_a_recompute_overwrites_the_figures(specialist):
    services.figures_recompute(**PERIOD)
    enroll(specialist, "2025-03-03")
    log(specialist, "2025-03-03", 60)

    services.figures_recompute(**PERIOD)

    snapshot = MetricSnapshot.objects.get(scope=Scope.SPECIALIST, scope_id=specialist.pk)
    assert snapshot.figures["caseload"] == 1
    assert snapshot.figures["field_share"] == 1.0


def test_the_snapshot_holds_the_reports_figures(specialist):
    enroll(specialist, "2025-03-03")
    services.figures_recompute(**PERIOD)

    expected = report("2025-01-01", "2025-12-31", "2026-12-31")
    team = MetricSnapshot.objects.get(scope=Scope.TEAM, scope_id=specialist.team_id)
    total = MetricSnapshot.objects.get(scope=Scope.TOTAL)
    assert team.figures == expected["teams"][0]
    assert total.figures == expected["total"]
    assert total.as_of == PERIOD["as_of"]


def test_the_database_refuses_a_second_total_for_the_same_period(db):
    fields = {"period_start": PERIOD["start"], "period_end": PERIOD["end"]}
    fields |= {"as_of": PERIOD["as_of"], "figures": {}, "computed_at": "2026-01-01T00:00Z"}
    MetricSnapshot.objects.create(scope=Scope.TOTAL, **fields)

    with pytest.raises(IntegrityError), transaction.atomic():
        MetricSnapshot.objects.create(scope=Scope.TOTAL, **fields)


def test_a_team_recompute_writes_only_that_team_and_its_specialists(
    specialist, teammate, other_specialist
):
    services.team_figures_recompute(team_id=specialist.team_id, **PERIOD)

    assert scopes() == {
        (Scope.SPECIALIST, specialist.pk),
        (Scope.SPECIALIST, teammate.pk),
        (Scope.TEAM, specialist.team_id),
    }


def test_the_team_by_team_path_stores_the_same_figures_as_the_single_report(
    specialist, teammate, other_specialist
):
    enroll(specialist, "2025-03-03")
    enroll(other_specialist, "2025-02-03")
    log(specialist, "2025-03-04", 60)
    log(other_specialist, "2025-03-05", 45, location="office")

    def figures():
        return {
            (s.scope, s.scope_id): s.figures
            for s in MetricSnapshot.objects.order_by("scope", "scope_id")
        }

    services.figures_recompute(**PERIOD)
    single = figures()
    MetricSnapshot.objects.all().delete()
    for team_id in services.teams_to_recompute():
        services.team_figures_recompute(team_id=team_id, **PERIOD)
    services.overall_figures_recompute(**PERIOD)
    assert figures() == single


def test_a_team_recompute_credits_enrollments_that_moved_between_teams(
    specialist, teammate, other_specialist
):
    """A team's report looks only at enrollments its specialists have held;
    one that moved to another team is still credited to each holder by date."""
    moved = enroll(specialist, "2025-02-03")
    employer_visit = {"mode": "in_person", "with_whom": "employer", "location": "workplace"}
    log(specialist, "2025-02-10", 30, candidate=moved.candidate, **employer_visit)
    reassign(moved, other_specialist, "2025-06-02")
    job(moved, "2025-08-04")
    enroll(other_specialist, "2025-03-03")

    for team_id in services.teams_to_recompute():
        services.team_figures_recompute(team_id=team_id, **PERIOD)

    single = report("2025-01-01", "2025-12-31", "2026-12-31")
    for row in single["specialists"]:
        stored = MetricSnapshot.objects.get(scope=Scope.SPECIALIST, scope_id=row["id"])
        assert stored.figures == row
    kari = MetricSnapshot.objects.get(scope=Scope.SPECIALIST, scope_id=specialist.pk).figures
    per = MetricSnapshot.objects.get(scope=Scope.SPECIALIST, scope_id=other_specialist.pk).figures
    # Held by Kari on the intake date, by Per on the job start and the end date.
    assert kari["in_work_within_year"]["numerator"] == 1
    assert kari["days_to_first_employer_contact"] == 7.0
    assert (kari["caseload"], per["caseload"]) == (0, 2)
    assert (kari["new_in_work"], per["new_in_work"]) == (0, 1)
    assert per["job_tenure_days"] == 514.0  # open, counted to the as-of date


@pytest.mark.django_db(transaction=True)
def test_two_recomputes_of_the_same_period_at_once_both_succeed(specialist, teammate):
    """The nightly run and a leader's "Recompute now" may overlap: the second
    waits for the first's rows instead of failing on the unique constraints."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers with a database lock")
    enroll(specialist, "2025-03-03")
    the_report = report("2025-01-01", "2025-12-31", "2026-12-31")
    start = threading.Barrier(2)
    failures = []

    def save():
        try:
            start.wait()
            services.snapshots_save(report=the_report)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert len(scopes()) == 5
