"""Assignment to a specialist within the caseload cap, reassignment, history."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from candidates.models import Assignment
from tests import factories
from tests.conftest import log_in
from tests.intake.helpers import EN


def _url(enrollment):
    return f"/intake/enrollments/{enrollment.pk}/assign/"


@pytest.fixture
def referral(office):
    return factories.EnrollmentFactory(
        office=office,
        referral_date=timezone.localdate() - datetime.timedelta(days=5),
        intake_date=None,
    )


@pytest.fixture
def full_specialist(specialist, office):
    """Kari, with a cap of 2 and two candidates."""
    specialist.caseload_cap = 2
    specialist.save()
    for _ in range(2):
        held = factories.EnrollmentFactory(office=office)
        factories.AssignmentFactory(enrollment=held, specialist=specialist)
    return specialist


def _post(client, enrollment, specialist, **extra):
    enrollment.refresh_from_db()
    data = {
        "specialist": specialist.pk,
        "from_date": timezone.localdate().isoformat(),
        "version": enrollment.version,
        **extra,
    }
    return client.post(_url(enrollment), data, **EN)


def test_it_shows_each_specialists_caseload_fte_and_band(
    client, intake, full_specialist, teammate, referral
):
    teammate.fte = Decimal("0.50")
    teammate.save()
    held = factories.EnrollmentFactory(office=teammate.office)
    factories.AssignmentFactory(enrollment=held, specialist=teammate)
    log_in(client, intake)
    page = client.get(_url(referral), **EN).content.decode()
    table = page[page.index('id="specialist-loads"') :]
    kari = table[table.index("Kari Nordmann") : table.index("</tr>", table.index("Kari"))]
    ola = table[table.index("Ola Hansen") : table.index("</tr>", table.index("Ola"))]
    assert ">2<" in kari and "Full" in kari and ">2.0<" in kari
    assert ">1<" in ola and ">0.50<" in ola and ">2.0<" in ola and "Below" in ola


def test_its_queries_do_not_grow_with_specialists(
    client, intake, team, referral, django_assert_max_num_queries
):
    log_in(client, intake)
    factories.SpecialistFactory(team=team)
    with django_assert_max_num_queries(30) as few:
        client.get(_url(referral))
    for _ in range(8):
        factories.AssignmentFactory(
            enrollment=factories.EnrollmentFactory(office=team.office),
            specialist=factories.SpecialistFactory(team=team),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_url(referral))


def test_it_assigns_within_the_cap_and_sets_the_intake_date(client, intake, specialist, referral):
    log_in(client, intake)
    response = _post(client, referral, specialist)
    assert response.status_code == 302
    assignment = Assignment.objects.get(enrollment=referral)
    assert assignment.specialist == specialist
    assert assignment.created_by == intake
    assert assignment.override_reason == ""
    referral.refresh_from_db()
    assert referral.intake_date == timezone.localdate()


def test_it_refuses_above_the_cap_and_says_who_has_room(
    client, intake, full_specialist, teammate, referral
):
    log_in(client, intake)
    response = _post(client, referral, full_specialist)
    assert response.status_code == 200
    page = response.content.decode()
    assert "already holds 2 candidates and the cap is 2" in page
    assert "Specialists with room: \u2068Ola Hansen\u2069 (0 of 20)" in page
    assert not Assignment.objects.filter(enrollment=referral).exists()
    referral.refresh_from_db()
    assert referral.intake_date is None


def test_an_intake_admin_cannot_override_the_cap_with_a_reason(
    client, intake, full_specialist, referral
):
    log_in(client, intake)
    response = _post(client, referral, full_specialist, override_reason="Urgent")
    assert "already holds 2 candidates" in response.content.decode()
    assert not Assignment.objects.filter(enrollment=referral).exists()


def test_a_team_leader_overrides_the_cap_with_a_written_reason(
    client, leader, full_specialist, referral
):
    log_in(client, leader)
    reason = "Kari knows the family from an earlier enrollment."
    response = _post(client, referral, full_specialist, override_reason=reason)
    assert response.status_code == 302
    assignment = Assignment.objects.get(enrollment=referral)
    assert assignment.override_reason == reason
    assert assignment.created_by == leader
    page = client.get(f"/intake/enrollments/{referral.pk}/").content.decode()
    assert reason in page


def test_a_team_leader_without_a_reason_is_refused_above_the_cap(
    client, leader, full_specialist, referral
):
    log_in(client, leader)
    response = _post(client, referral, full_specialist, override_reason="  ")
    assert "the cap is 2" in response.content.decode()
    assert not Assignment.objects.filter(enrollment=referral).exists()


def test_a_reassignment_opens_a_new_assignment_and_keeps_the_history(
    client, intake, specialist, teammate, office
):
    enrollment = factories.EnrollmentFactory(office=office)
    first = factories.AssignmentFactory(enrollment=enrollment, specialist=specialist)
    log_in(client, intake)
    response = _post(client, enrollment, teammate)
    assert response.status_code == 302
    history = list(enrollment.assignments.order_by("from_date"))
    assert [a.specialist for a in history] == [specialist, teammate]
    assert history[0] == first
    assert history[1].from_date == timezone.localdate()
    assert history[1].created_by == intake
    enrollment.refresh_from_db()
    assert enrollment.intake_date == datetime.date(2025, 1, 13)
    page = client.get(f"/intake/enrollments/{enrollment.pk}/").content.decode()
    assert "Kari Nordmann" in page and "Ola Hansen" in page


def test_a_reassignment_must_start_after_the_current_one(
    client, intake, specialist, teammate, office
):
    enrollment = factories.EnrollmentFactory(office=office)
    factories.AssignmentFactory(enrollment=enrollment, specialist=specialist)
    log_in(client, intake)
    response = _post(client, enrollment, teammate, from_date="2025-01-13")
    assert "A reassignment starts after the current assignment" in response.content.decode()
    assert enrollment.assignments.count() == 1


def test_every_assignment_is_in_the_audit_log_with_its_author(client, intake, specialist, referral):
    log_in(client, intake)
    _post(client, referral, specialist)
    assignment = Assignment.objects.get(enrollment=referral)
    entry = LogEntry.objects.get_for_object(assignment).get()
    assert entry.actor == intake
    assert entry.action == LogEntry.Action.CREATE


def test_a_stale_form_is_refused(client, intake, specialist, teammate, referral):
    log_in(client, intake)
    referral.refresh_from_db()
    stale_version = referral.version
    _post(client, referral, specialist)
    response = client.post(
        _url(referral),
        {
            "specialist": teammate.pk,
            "from_date": timezone.localdate().isoformat(),
            "version": stale_version,
        },
        **EN,
    )
    assert "Someone else changed this record" in response.content.decode()
    assert referral.assignments.count() == 1


def test_after_a_stale_refusal_the_form_shown_can_be_sent(
    client, intake, specialist, teammate, referral
):
    log_in(client, intake)
    referral.refresh_from_db()
    opened = {"specialist": teammate.pk, "version": referral.version}
    _post(client, referral, specialist)
    refused = client.post(
        _url(referral), opened | {"from_date": timezone.localdate().isoformat()}, **EN
    )
    fresh = refused.context["form"]
    referral.refresh_from_db()
    assert fresh.initial["version"] == referral.version
    later = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        _url(referral),
        {
            "specialist": teammate.pk,
            "from_date": later.isoformat(),
            "version": fresh.initial["version"],
        },
        **EN,
    )
    assert response.status_code == 302
    assert list(
        referral.assignments.order_by("from_date").values_list("specialist", flat=True)
    ) == [
        specialist.pk,
        teammate.pk,
    ]


def test_it_offers_only_specialists_of_the_office(
    client, intake, specialist, other_specialist, referral
):
    log_in(client, intake)
    response = _post(client, referral, other_specialist)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_leader_cannot_reach_another_offices_enrollment(client, leader, other_office):
    elsewhere = factories.EnrollmentFactory(office=other_office, intake_date=None)
    log_in(client, leader)
    assert client.get(_url(elsewhere)).status_code == 404


@pytest.mark.parametrize("persona", ["specialist", "analyst"])
def test_specialists_and_analysts_may_not_assign(client, personas, persona, referral):
    log_in(client, personas[persona])
    assert client.get(_url(referral)).status_code == 403
