"""The admin's assignments go through the intake's check: the caseload cap
and the office hold there as on the intake's assignment page."""

import datetime

import pytest
from django.urls import reverse

from candidates.models import Assignment
from tests import factories


@pytest.fixture
def admin_client(db, client, login):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    login(factories.UserFactory(username="root", is_superuser=True, is_staff=True, team=None))
    return client


@pytest.fixture
def full_teammate(teammate):
    """A specialist at their cap: one active enrollment, a cap of one."""
    teammate.caseload_cap = 1
    teammate.save()
    held = factories.EnrollmentFactory(office=teammate.office)
    factories.AssignmentFactory(enrollment=held, specialist=teammate, from_date=held.intake_date)
    return teammate


@pytest.fixture
def held_enrollment(specialist):
    enrollment = factories.EnrollmentFactory(office=specialist.office)
    factories.AssignmentFactory(
        enrollment=enrollment, specialist=specialist, from_date=enrollment.intake_date
    )
    return enrollment


def inline_post(admin_client, enrollment, specialist, from_date, reason=""):
    return admin_client.post(
        reverse("admin:candidates_enrollment_change", args=[enrollment.pk]),
        {
            "candidate": enrollment.candidate_id,
            "office": enrollment.office_id,
            "referral_date": enrollment.referral_date.isoformat(),
            "intake_date": enrollment.intake_date.isoformat(),
            "discharge_date": "",
            "discharge_reason": "",
            "euse_stage": enrollment.euse_stage,
            "version": enrollment.version,
            "assignments-TOTAL_FORMS": "1",
            "assignments-INITIAL_FORMS": "0",
            "assignments-MIN_NUM_FORMS": "0",
            "assignments-MAX_NUM_FORMS": "1000",
            "assignments-0-specialist": specialist.pk,
            "assignments-0-from_date": from_date.isoformat(),
            "assignments-0-override_reason": reason,
        },
    )


def test_the_inline_refuses_a_reassignment_above_the_cap(
    admin_client, held_enrollment, full_teammate
):
    later = held_enrollment.intake_date + datetime.timedelta(days=30)

    response = inline_post(admin_client, held_enrollment, full_teammate, later)

    assert response.status_code == 200
    assert "the cap is 1" in response.content.decode()
    assert held_enrollment.assignments.count() == 1


def test_the_inline_keeps_the_reason_of_an_assignment_above_the_cap(
    admin_client, held_enrollment, full_teammate
):
    later = held_enrollment.intake_date + datetime.timedelta(days=30)

    response = inline_post(admin_client, held_enrollment, full_teammate, later, "Cover for leave")

    assert response.status_code == 302
    assert held_enrollment.assignments.latest("from_date").override_reason == "Cover for leave"


def test_the_inline_refuses_a_specialist_of_another_office(
    admin_client, held_enrollment, other_specialist
):
    later = held_enrollment.intake_date + datetime.timedelta(days=30)

    response = inline_post(admin_client, held_enrollment, other_specialist, later)

    assert response.status_code == 200
    assert "works at another office" in response.content.decode()
    assert held_enrollment.assignments.count() == 1


def test_the_assignment_page_refuses_an_assignment_above_the_cap(
    admin_client, held_enrollment, full_teammate
):
    later = held_enrollment.intake_date + datetime.timedelta(days=30)

    response = admin_client.post(
        reverse("admin:candidates_assignment_add"),
        {
            "enrollment": held_enrollment.pk,
            "specialist": full_teammate.pk,
            "from_date": later.isoformat(),
            "override_reason": "",
        },
    )

    assert response.status_code == 200
    assert "the cap is 1" in response.content.decode()
    assert not Assignment.objects.filter(specialist=full_teammate, from_date=later).exists()
