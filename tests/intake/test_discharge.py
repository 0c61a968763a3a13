"""Discharge (avslutning): a date and a reason from the fixed list; follow-up ends."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from reports.metrics import caseload
from tests import factories
from tests.conftest import log_in
from tests.intake.helpers import EN


@pytest.fixture
def held(specialist, office):
    enrollment = factories.EnrollmentFactory(office=office)
    factories.AssignmentFactory(enrollment=enrollment, specialist=specialist)
    return enrollment


def _post(client, enrollment, **data):
    enrollment.refresh_from_db()
    values = {
        "discharge_date": timezone.localdate().isoformat(),
        "discharge_reason": "moved",
        "version": enrollment.version,
    }
    values.update(data)
    return client.post(f"/intake/enrollments/{enrollment.pk}/discharge/", values, **EN)


def test_it_ends_the_enrollment_with_a_date_and_a_reason(client, intake, held):
    log_in(client, intake)
    response = _post(client, held, discharge_reason="employed_no_further_need")
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.discharge_date == timezone.localdate()
    assert held.discharge_reason == "employed_no_further_need"


def test_a_discharge_ends_the_follow_up(client, intake, held, specialist):
    today = timezone.localdate()
    assert caseload(today).get(specialist.pk) == 1
    log_in(client, intake)
    _post(client, held)
    assert caseload(today + datetime.timedelta(days=1)).get(specialist.pk) is None


def test_the_discharge_is_recorded_with_who_and_when(client, intake, held):
    log_in(client, intake)
    _post(client, held)
    entry = LogEntry.objects.get_for_object(held).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == intake
    assert "discharge_date" in entry.changes_dict


def test_it_offers_only_the_fixed_reasons(client, intake, held):
    log_in(client, intake)
    response = _post(client, held, discharge_reason="no_longer_work_ready")
    assert "Select a valid choice" in response.content.decode()
    held.refresh_from_db()
    assert held.discharge_date is None


def test_it_refuses_a_date_before_intake(client, intake, held):
    log_in(client, intake)
    response = _post(client, held, discharge_date="2025-01-01")
    assert "before the intake date" in response.content.decode()
    held.refresh_from_db()
    assert held.discharge_date is None


def test_a_team_leader_may_discharge_a_team_candidate(client, leader, held):
    log_in(client, leader)
    assert _post(client, held).status_code == 302


def test_another_offices_enrollment_answers_404(client, intake, other_office):
    elsewhere = factories.EnrollmentFactory(office=other_office)
    log_in(client, intake)
    assert _post(client, elsewhere).status_code == 404


@pytest.mark.parametrize("persona", ["specialist", "analyst"])
def test_specialists_and_analysts_may_not_discharge_here(client, personas, persona, held):
    log_in(client, personas[persona])
    assert _post(client, held).status_code == 403
