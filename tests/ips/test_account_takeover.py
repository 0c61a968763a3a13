"""Finding 2 of the security review: an intake admin took over the superuser
of their office (edit its e-mail, send a password link there, reset its second
factor, set the password, enrol an app, log in). Every step now fails."""

import pytest
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from ips.models import Role
from tests import factories
from tests.conftest import log_in, submit_password, totp_device

ATTACKER_MAIL = "inger.private@example.com"


@pytest.fixture
def root(office):
    """A superuser who, like the demo's, has the intake role and an office."""
    root = factories.UserFactory(
        username="root",
        email="root@example.no",
        role=Role.INTAKE_ADMIN,
        team=None,
        office=office,
        is_staff=True,
        is_superuser=True,
    )
    totp_device(root)
    return root


def _edit_data(account, **overrides):
    data = {
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "role": account.role,
        "team": "",
        "fte": "1",
        "caseload_cap": "20",
    }
    data.update(overrides)
    return data


def test_the_attack_chain_of_finding_2_ends_in_failure(client, intake, root):
    log_in(client, intake)

    # 1. The superuser is not in the intake admin's list.
    assert "root" not in client.get("/users/").content.decode().split("<tbody>")[1]
    # 2. Its e-mail cannot be changed.
    edit = client.post(f"/intake/users/{root.pk}/edit/", _edit_data(root, email=ATTACKER_MAIL))
    assert edit.status_code == 404
    # 3. No password or enrolment link can be sent for it.
    assert client.post(f"/intake/users/{root.pk}/password-link/").status_code == 404
    assert (
        client.post(f"/intake/users/{root.pk}/enrolment-link/", {"delivery": "show"}).status_code
        == 404
    )
    # 4. Its second factor cannot be reset, nor its lockout lifted.
    assert client.post(f"/users/{root.pk}/reset-second-factor/").status_code == 404
    assert client.post(f"/users/{root.pk}/unlock/").status_code == 404
    # 5. It cannot be deactivated either.
    assert client.post(f"/intake/users/{root.pk}/deactivate/").status_code == 404

    root.refresh_from_db()
    assert root.email == "root@example.no"
    assert root.is_active
    assert TOTPDevice.objects.filter(user=root, confirmed=True).exists()
    assert mail.outbox == []


def test_the_superusers_password_alone_does_not_start_an_enrolment(client, root):
    """Even with the password (say, set through a stolen reset link) and no
    second factor, nobody reaches the superuser's enrolment or the admin."""
    TOTPDevice.objects.filter(user=root).delete()
    attacker = Client()
    submit_password(attacker, "root")
    response = attacker.get("/account/two_factor/setup/")
    assert response.status_code == 302
    assert response["Location"] == "/enrol/needed/"
    assert attacker.get("/admin/").status_code == 302
    assert not TOTPDevice.objects.filter(user=root).exists()
