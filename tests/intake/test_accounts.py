"""Intake admins keep the accounts and teams of their office."""

from decimal import Decimal

import pytest
from django.core import mail

from ips.models import Team, User
from tests import factories
from tests.conftest import log_in
from tests.intake.helpers import EN


def _account(**overrides):
    data = {
        "username": "siri",
        "first_name": "Siri",
        "last_name": "Sand",
        "email": "siri@example.no",
        "role": "specialist",
        "team": "",
        "fte": "0.6",
        "caseload_cap": "12",
    }
    data.update(overrides)
    return data


def test_it_creates_a_specialist_and_goes_on_to_their_enrolment_link(client, intake, team):
    log_in(client, intake)
    response = client.post("/intake/users/new/", _account(team=team.pk))
    siri = User.objects.get(username="siri")
    assert response.status_code == 302
    assert response["Location"] == f"/intake/users/{siri.pk}/enrolment-link/"
    assert (siri.role, siri.team, siri.office) == ("specialist", team, team.office)
    assert (siri.fte, siri.caseload_cap) == (Decimal("0.60"), 12)
    assert not siri.has_usable_password()
    page = client.get(response["Location"], **EN).content.decode()
    assert "Send it by e-mail" in page
    assert "Show it to me once" in page


def test_a_team_leader_created_leads_their_team(client, intake, team):
    log_in(client, intake)
    client.post("/intake/users/new/", _account(role="team_leader", team=team.pk))
    assert team.leaders.filter(username="siri").exists()


def test_an_intake_admin_is_created_in_the_own_office_without_a_team(client, intake):
    log_in(client, intake)
    client.post("/intake/users/new/", _account(role="intake_admin"))
    assert User.objects.get(username="siri").office == intake.office


def test_a_specialist_needs_a_team(client, intake):
    log_in(client, intake)
    response = client.post("/intake/users/new/", _account(), **EN)
    assert "must belong to a team" in response.content.decode()
    assert not User.objects.filter(username="siri").exists()


def test_it_refuses_a_team_of_another_office(client, intake, other_team):
    log_in(client, intake)
    response = client.post("/intake/users/new/", _account(team=other_team.pk), **EN)
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(username="siri").exists()


def test_it_refuses_an_analyst_account(client, intake, team):
    log_in(client, intake)
    client.post("/intake/users/new/", _account(role="analyst", team=team.pk))
    assert not User.objects.filter(username="siri").exists()


def test_it_refuses_a_taken_username(client, intake, team, specialist):
    log_in(client, intake)
    response = client.post("/intake/users/new/", _account(username="KARI", team=team.pk), **EN)
    assert "This username is taken" in response.content.decode()


def test_it_edits_fte_and_caseload_cap(client, intake, specialist, team):
    log_in(client, intake)
    data = _account(team=team.pk, fte="0.8", caseload_cap="16", first_name="Kari")
    data["version"] = specialist.version
    response = client.post(f"/intake/users/{specialist.pk}/edit/", data)
    assert response.status_code == 302
    specialist.refresh_from_db()
    assert (specialist.fte, specialist.caseload_cap) == (Decimal("0.80"), 16)
    assert specialist.username == "kari"


def test_it_deactivates_and_never_deletes(client, intake, teammate):
    log_in(client, intake)
    client.post(f"/intake/users/{teammate.pk}/deactivate/")
    teammate.refresh_from_db()
    assert teammate.is_active is False
    assert "deactivated" in client.get("/users/", **EN).content.decode()


def test_it_refuses_to_deactivate_a_specialist_who_holds_candidates(
    client, intake, specialist, office
):
    factories.AssignmentFactory(
        enrollment=factories.EnrollmentFactory(office=office), specialist=specialist
    )
    log_in(client, intake)
    response = client.post(f"/intake/users/{specialist.pk}/deactivate/", follow=True, **EN)
    assert "reassign them before deactivating" in response.content.decode()
    specialist.refresh_from_db()
    assert specialist.is_active


def test_a_deactivated_user_cannot_log_in(client, intake, teammate):
    from tests.conftest import submit_password

    log_in(client, intake)
    client.post(f"/intake/users/{teammate.pk}/deactivate/")
    from django.test import Client

    response = submit_password(Client(), teammate.username)
    assert b"token-otp_token" not in response.content


def test_it_creates_a_team_in_the_own_office(client, intake):
    log_in(client, intake)
    client.post("/intake/teams/", {"name": "Tønsberg"})
    assert Team.objects.get(name="Tønsberg").office == intake.office


def test_it_refuses_a_team_name_the_office_has(client, intake, team):
    log_in(client, intake)
    response = client.post("/intake/teams/", {"name": "horten"}, **EN)
    assert "already has a team with this name" in response.content.decode()
    assert Team.objects.filter(office=intake.office).count() == 1


def test_the_user_list_offers_edit_and_deactivate_to_intake_admins(client, intake, specialist):
    log_in(client, intake)
    page = client.get("/users/", **EN).content.decode()
    assert f"/intake/users/{specialist.pk}/edit/" in page
    assert f"/intake/users/{specialist.pk}/deactivate/" in page
    assert "/intake/users/new/" in page


def test_the_user_list_offers_no_edit_to_team_leaders(client, leader, specialist):
    log_in(client, leader)
    page = client.get("/users/").content.decode()
    assert "/intake/users/" not in page


@pytest.mark.parametrize("action", ["edit/", "deactivate/", "reactivate/", "password-link/"])
def test_another_offices_users_answer_404(client, intake, other_specialist, action):
    log_in(client, intake)
    method = client.get if action == "edit/" else client.post
    assert method(f"/intake/users/{other_specialist.pk}/{action}").status_code == 404
    other_specialist.refresh_from_db()
    assert other_specialist.is_active
    assert mail.outbox == []


@pytest.mark.parametrize("persona", ["specialist", "leader", "analyst"])
def test_only_intake_admins_create_accounts(client, personas, persona):
    log_in(client, personas[persona])
    assert client.get("/intake/users/new/").status_code == 403
    assert client.get("/intake/teams/").status_code == 403


def test_a_stale_account_edit_is_refused_and_the_first_edit_kept(client, intake, specialist, team):
    colleague = factories.IntakeAdminFactory(username="ida", office=intake.office)
    opened = _account(team=team.pk, first_name="Kari", last_name="Nordmann")
    opened["version"] = specialist.version
    log_in(client, colleague)
    client.post(f"/intake/users/{specialist.pk}/edit/", opened | {"fte": "0.5"})
    log_in(client, intake)
    response = client.post(
        f"/intake/users/{specialist.pk}/edit/", opened | {"caseload_cap": "15"}, **EN
    )
    assert "Someone else changed this record" in response.content.decode()
    assert response.context["form"].initial["fte"] == Decimal("0.50")
    specialist.refresh_from_db()
    assert (specialist.fte, specialist.caseload_cap) == (Decimal("0.50"), 12)


def test_a_specialist_who_holds_candidates_keeps_the_role_on_the_edit_page(
    client, intake, specialist, office, team
):
    factories.AssignmentFactory(
        enrollment=factories.EnrollmentFactory(office=office), specialist=specialist
    )
    log_in(client, intake)
    response = client.post(
        f"/intake/users/{specialist.pk}/edit/",
        _account(role="team_leader", team=team.pk, version=specialist.version),
        **EN,
    )
    assert "reassign them before changing the role" in response.content.decode()
    specialist.refresh_from_db()
    assert specialist.role == "specialist"
