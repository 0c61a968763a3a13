"""Shared personas: every permission case is one line.

Office "Vestfold" has team "Horten" (specialist, leader) and office
"Innlandet" has team "Hamar" (other_specialist, other_leader). The intake
admin belongs to Vestfold; the analyst to no office.
"""

import base64
import re

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

django_settings.PASSWORD_HASHERS = [
    "tests.hashers.FastArgon2PasswordHasher",
    *django_settings.PASSWORD_HASHERS,
]
get_hashers.cache_clear()
get_hashers_by_algorithm.cache_clear()

from django_otp.oath import totp  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from tests import factories  # noqa: E402
from tests.factories import PASSWORD  # noqa: E402


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist every worker has its own test database, but the
    Celery tests share one broker: a worker started by one xdist process must
    not take the tasks another one sends. They run in one group, so in one
    process, one after the other."""
    for item in items:
        if item.get_closest_marker("celery"):
            item.add_marker(pytest.mark.xdist_group("celery"))


@pytest.fixture(autouse=True)
def _second_factor_required(settings):
    """Tests run as production does: two-factor login enforced."""
    settings.REQUIRE_2FA = True


@pytest.fixture
def office(db):
    return factories.OfficeFactory(name="NAV Vestfold")


@pytest.fixture
def other_office(db):
    return factories.OfficeFactory(name="NAV Innlandet")


@pytest.fixture
def team(office):
    return factories.TeamFactory(office=office, name="Horten")


@pytest.fixture
def other_team(other_office):
    return factories.TeamFactory(office=other_office, name="Hamar")


@pytest.fixture
def specialist(team):
    return factories.SpecialistFactory(
        username="kari", first_name="Kari", last_name="Nordmann", team=team
    )


@pytest.fixture
def teammate(team):
    return factories.SpecialistFactory(
        username="ola", first_name="Ola", last_name="Hansen", team=team
    )


@pytest.fixture
def other_specialist(other_team):
    return factories.SpecialistFactory(
        username="per", first_name="Per", last_name="Berg", team=other_team
    )


@pytest.fixture
def leader(team):
    return factories.TeamLeaderFactory(
        username="lise", first_name="Lise", last_name="Leder", team=team
    )


@pytest.fixture
def other_leader(other_team):
    return factories.TeamLeaderFactory(
        username="trond", first_name="Trond", last_name="Toppe", team=other_team
    )


@pytest.fixture
def intake(office):
    return factories.IntakeAdminFactory(
        username="inger", first_name="Inger", last_name="Inntak", office=office
    )


@pytest.fixture
def analyst(db):
    return factories.AnalystFactory(username="anders", first_name="Anders", last_name="Analyse")


@pytest.fixture
def personas(specialist, other_specialist, leader, intake, analyst):
    return {
        "specialist": specialist,
        "other_specialist": other_specialist,
        "leader": leader,
        "intake": intake,
        "analyst": analyst,
    }


def totp_device(user) -> TOTPDevice:
    """The user's authenticator app, enrolled."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return device


def current_code(device: TOTPDevice) -> str:
    """What the authenticator app shows now. A code is accepted once: a test
    that logs the same user in twice gets a fresh time step."""
    device.refresh_from_db()
    device.last_t = -1
    device.save(update_fields=["last_t"])
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def submit_password(client, username, password=PASSWORD):
    return client.post(
        "/login/",
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
    )


def submit_code(client, code):
    return client.post("/login/", {"login_view-current_step": "token", "token-otp_token": code})


def log_in(client, user, password=PASSWORD):
    """Log in the way a user does: password, then the code from the app."""
    device = totp_device(user)
    response = submit_password(client, user.username, password)
    assert response.status_code == 200, "password step failed"
    response = submit_code(client, current_code(device))
    assert response.status_code == 302, "second factor failed"
    return client


@pytest.fixture
def login(client):
    def _login(user):
        return log_in(client, user)

    return _login


#: A password a new user chooses through their enrolment link.
CHOSEN_PASSWORD = "blue-fjord-lantern-2026"


def enrol_through_link(client, token, password=CHOSEN_PASSWORD):
    """As a new user does with their enrolment link: open it, choose a
    password, scan the secret into the app and type the code it shows.
    Returns the page after enrolment (the recovery codes)."""
    client.get(f"/enrol/{token}/")
    response = client.post(
        "/enrol/password/", {"new_password1": password, "new_password2": password}
    )
    assert response.status_code == 302, "choosing the password failed"
    page = client.post(
        "/account/two_factor/setup/", {"setup_view-current_step": "welcome"}, follow=True
    ).content.decode()
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    code = f"{totp(base64.b32decode(secret)):06d}"
    return client.post(
        "/account/two_factor/setup/",
        {"setup_view-current_step": "generator", "generator-token": code},
        follow=True,
    )
