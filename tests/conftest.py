"""Shared personas: every permission case is one line.

Office "Vestfold" has team "Horten" (specialist, leader) and office
"Innlandet" has team "Hamar" (other_specialist, other_leader). The intake
admin belongs to Vestfold; the analyst to no office.
"""

import pytest

from tests import factories
from tests.factories import PASSWORD


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


def log_in(client, user, password=PASSWORD):
    """Log in the way a user does: through the login form."""
    response = client.post("/login/", {"username": user.username, "password": password})
    assert response.status_code == 302, "login failed"
    return client


@pytest.fixture
def login(client):
    def _login(user):
        return log_in(client, user)

    return _login
