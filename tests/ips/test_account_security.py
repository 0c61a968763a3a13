"""Leaders and intake admins reset second factors and lift lockouts; both are audited."""

import pytest
from auditlog.models import LogEntry
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tests.conftest import log_in, submit_password, totp_device


def _security_events(user):
    return list(
        LogEntry.objects.get_for_object(user)
        .filter(additional_data__event__isnull=False)
        .values_list("additional_data__event", flat=True)
    )


@pytest.mark.parametrize("persona", ["leader", "intake"])
def test_it_lists_the_accounts_in_scope(client, personas, persona, other_specialist):
    log_in(client, personas[persona])
    response = client.get("/users/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "kari" in page
    assert "per" not in page.split("<tbody>")[1]


@pytest.mark.parametrize("persona", ["specialist", "analyst"])
def test_other_roles_may_not_see_the_accounts(client, personas, persona):
    log_in(client, personas[persona])
    assert client.get("/users/").status_code == 403


def test_a_leader_resets_a_members_second_factor(client, leader, specialist):
    totp_device(specialist)
    log_in(client, leader)
    response = client.post(f"/users/{specialist.pk}/reset-second-factor/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=specialist).exists()
    assert _security_events(specialist) == ["second_factor_reset"]


def test_a_reset_of_someone_outside_scope_answers_404(client, leader, other_specialist):
    totp_device(other_specialist)
    log_in(client, leader)
    response = client.post(f"/users/{other_specialist.pk}/reset-second-factor/")
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(user=other_specialist).exists()


def test_a_get_asks_to_confirm_the_reset_and_resets_nothing(client, leader, specialist):
    totp_device(specialist)
    log_in(client, leader)
    response = client.get(f"/users/{specialist.pk}/reset-second-factor/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Reset the second factor of" in response.content.decode()
    assert TOTPDevice.objects.filter(user=specialist).exists()


def test_a_leader_cannot_reset_a_fellow_leader_or_the_intake_admin(client, leader, intake, team):
    fellow = factories.TeamLeaderFactory(username="co-leader", team=team)
    totp_device(fellow)
    totp_device(intake)
    log_in(client, leader)
    for account in (fellow, intake):
        assert client.post(f"/users/{account.pk}/reset-second-factor/").status_code == 404
        assert TOTPDevice.objects.filter(user=account).exists()


def test_a_leader_sees_only_the_specialists_of_their_teams(client, leader, specialist, team):
    factories.TeamLeaderFactory(username="co-leader", team=team)
    log_in(client, leader)
    rows = client.get("/users/").content.decode().split("<tbody>")[1]
    assert "kari" in rows
    assert "co-leader" not in rows
    assert "lise" not in rows


def test_intake_admin_unlocks_a_locked_user(client, intake, specialist):
    from django.test import Client

    totp_device(specialist)
    attacker = Client()
    for _ in range(5):
        submit_password(attacker, "kari", "wrong-password-123")
    assert submit_password(attacker, "kari").status_code == 429
    log_in(client, intake)
    assert "Locked" in client.get("/users/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert client.post(f"/users/{specialist.pk}/unlock/").status_code == 302
    assert submit_password(Client(), "kari").status_code == 200
    assert _security_events(specialist) == ["unlocked"]
