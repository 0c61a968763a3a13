"""What the admin lets a superuser do: users are deactivated, never deleted,
and the assignment history is added to, never rewritten."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from candidates.models import Assignment
from ips.models import User
from tests import factories

NEW_PASSWORD = "blue-fjord-lantern-2026"


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def superuser(db):
    return factories.UserFactory(
        username="admin",
        first_name="Ada",
        last_name="Admin",
        is_superuser=True,
        is_staff=True,
        team=None,
    )


@pytest.fixture
def admin_client(client, login, superuser):
    login(superuser)
    return client


def text(response):
    return response.content.decode()


# Users


def test_a_user_cannot_be_deleted_in_the_admin(admin_client, specialist):
    response = admin_client.post(
        reverse("admin:ips_user_delete", args=[specialist.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert User.objects.filter(pk=specialist.pk).exists()


def test_the_user_list_offers_no_bulk_delete(admin_client, specialist):
    response = admin_client.get(reverse("admin:ips_user_changelist"))
    assert "delete_selected" not in text(response)


def test_the_user_list_shows_role_team_office_fte_and_caseload_cap(admin_client, specialist):
    response = admin_client.get(reverse("admin:ips_user_changelist"))
    for heading in ("Role", "Team", "Office", "FTE", "Caseload cap"):
        assert heading in text(response)
    assert "Job specialist" in text(response)


def test_a_user_can_be_deactivated_instead(admin_client, specialist):
    joined = specialist.date_joined.astimezone()
    response = admin_client.post(
        reverse("admin:ips_user_change", args=[specialist.pk]),
        {
            "username": specialist.username,
            "first_name": specialist.first_name,
            "last_name": specialist.last_name,
            "email": specialist.email,
            "role": specialist.role,
            "team": specialist.team_id,
            "fte": specialist.fte,
            "caseload_cap": specialist.caseload_cap,
            "date_joined_0": joined.strftime("%Y-%m-%d"),
            "date_joined_1": joined.strftime("%H:%M:%S"),
            "version": specialist.version,
        },
    )
    assert response.status_code == 302, text(response)
    specialist.refresh_from_db()
    assert not specialist.is_active


def test_a_user_is_added_with_role_team_fte_and_caseload_cap(admin_client, team):
    response = admin_client.post(
        reverse("admin:ips_user_add"),
        {
            "username": "siri",
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "first_name": "Siri",
            "last_name": "Solberg",
            "email": "siri@example.no",
            "role": "specialist",
            "team": team.pk,
            "fte": "0.60",
            "caseload_cap": "12",
        },
    )
    assert response.status_code == 302, text(response)
    siri = User.objects.get(username="siri")
    assert (siri.role, siri.team, siri.office, str(siri.fte), siri.caseload_cap) == (
        "specialist",
        team,
        team.office,
        "0.60",
        12,
    )


def test_the_add_user_form_refuses_an_fte_above_one(admin_client, team):
    response = admin_client.post(
        reverse("admin:ips_user_add"),
        {
            "username": "siri",
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "role": "specialist",
            "team": team.pk,
            "fte": "1.50",
            "caseload_cap": "20",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="siri").exists()


# Assignment history


@pytest.fixture
def held_enrollment(specialist):
    enrollment = factories.EnrollmentFactory(office=specialist.office)
    factories.AssignmentFactory(
        enrollment=enrollment, specialist=specialist, from_date=enrollment.intake_date
    )
    return enrollment


def enrollment_form_data(enrollment, *new_assignments):
    data = {
        "candidate": enrollment.candidate_id,
        "office": enrollment.office_id,
        "referral_date": enrollment.referral_date.isoformat(),
        "intake_date": enrollment.intake_date.isoformat(),
        "discharge_date": "",
        "discharge_reason": "",
        "euse_stage": enrollment.euse_stage,
        "version": enrollment.version,
        "assignments-TOTAL_FORMS": str(len(new_assignments)),
        "assignments-INITIAL_FORMS": "0",
        "assignments-MIN_NUM_FORMS": "0",
        "assignments-MAX_NUM_FORMS": "1000",
    }
    for i, (specialist, from_date) in enumerate(new_assignments):
        data[f"assignments-{i}-specialist"] = specialist.pk
        data[f"assignments-{i}-from_date"] = from_date.isoformat()
        data[f"assignments-{i}-override_reason"] = ""
    return data


def test_existing_assignments_are_shown_read_only(admin_client, held_enrollment, specialist):
    response = admin_client.get(
        reverse("admin:candidates_enrollment_change", args=[held_enrollment.pk])
    )
    page = text(response)
    assert "Kari Nordmann" in page
    assert 'name="assignments-0-specialist"' not in page
    assert 'name="assignments-0-DELETE"' not in page


def test_a_reassignment_is_added_as_a_new_row_by_the_admin(
    admin_client, held_enrollment, specialist, teammate, superuser
):
    later = held_enrollment.intake_date + datetime.timedelta(days=30)
    response = admin_client.post(
        reverse("admin:candidates_enrollment_change", args=[held_enrollment.pk]),
        enrollment_form_data(held_enrollment, (teammate, later)),
    )
    assert response.status_code == 302, text(response)
    history = list(held_enrollment.assignments.order_by("from_date"))
    assert [(a.specialist, a.from_date) for a in history] == [
        (specialist, held_enrollment.intake_date),
        (teammate, later),
    ]
    assert history[1].created_by == superuser


def forged_inline_post(admin_client, enrollment, assignment, **fields):
    """What a hand-made request could send to rewrite history through the inline."""
    data = enrollment_form_data(enrollment)
    data.update(
        {
            "assignments-TOTAL_FORMS": "1",
            "assignments-INITIAL_FORMS": "1",
            "assignments-0-id": assignment.pk,
            "assignments-0-enrollment": enrollment.pk,
            "assignments-0-specialist": assignment.specialist_id,
            "assignments-0-from_date": assignment.from_date.isoformat(),
        }
    )
    data.update({f"assignments-0-{name}": value for name, value in fields.items()})
    return admin_client.post(
        reverse("admin:candidates_enrollment_change", args=[enrollment.pk]), data
    )


def test_an_existing_assignment_cannot_be_edited_in_the_inline(
    admin_client, held_enrollment, specialist, teammate
):
    assignment = held_enrollment.assignments.get()
    response = forged_inline_post(admin_client, held_enrollment, assignment, specialist=teammate.pk)
    assert response.status_code == 302
    assert Assignment.objects.get(pk=assignment.pk).specialist == specialist


def test_an_existing_assignment_cannot_be_deleted_in_the_inline(admin_client, held_enrollment):
    assignment = held_enrollment.assignments.get()
    response = forged_inline_post(admin_client, held_enrollment, assignment, DELETE="on")
    assert response.status_code == 302
    assert Assignment.objects.filter(pk=assignment.pk).exists()


def test_an_assignment_cannot_be_edited_on_its_own_page(admin_client, held_enrollment, teammate):
    assignment = held_enrollment.assignments.get()
    response = admin_client.post(
        reverse("admin:candidates_assignment_change", args=[assignment.pk]),
        {
            "enrollment": held_enrollment.pk,
            "specialist": teammate.pk,
            "from_date": assignment.from_date.isoformat(),
        },
    )
    assert response.status_code == 403
    assert Assignment.objects.get(pk=assignment.pk).specialist != teammate


def test_an_assignment_cannot_be_deleted(admin_client, held_enrollment):
    assignment = held_enrollment.assignments.get()
    response = admin_client.post(
        reverse("admin:candidates_assignment_delete", args=[assignment.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Assignment.objects.filter(pk=assignment.pk).exists()


TROFAST_APPS = ("ips", "candidates", "employers", "followup")


@pytest.mark.parametrize(
    "model",
    [model for model in admin.site._registry if model._meta.app_label in TROFAST_APPS],
    ids=lambda model: model._meta.label,
)
def test_every_trofast_add_form_opens(admin_client, model):
    response = admin_client.get(
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    )
    assert response.status_code == 200


def test_a_staff_account_that_is_not_a_superuser_cannot_use_the_admin(
    client, login, superuser, intake
):
    """Django lets staff with model permissions into the admin; Trofast only
    superusers, so no permission can be turned into power over an account."""
    from django.contrib.auth.models import Permission

    intake.is_staff = True
    intake.save()
    intake.user_permissions.set(Permission.objects.filter(content_type__app_label="ips"))
    login(intake)
    assert client.get("/admin/").status_code == 302
    change = reverse("admin:ips_user_change", args=[superuser.pk])
    assert client.get(change).status_code == 302
    response = client.post(
        change,
        {"username": "admin", "email": "inger.private@example.com", "is_superuser": "on"},
    )
    assert response.status_code == 302
    superuser.refresh_from_db()
    assert superuser.email != "inger.private@example.com"
    intake.refresh_from_db()
    assert not intake.is_superuser


@pytest.mark.parametrize("value", [str(2**63), str(-(2**63) - 1)])
def test_a_filter_number_beyond_what_the_database_holds_is_a_wrong_filter(
    admin_client, team, value
):
    response = admin_client.get(reverse("admin:ips_team_changelist"), {"office__exact": value})

    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
