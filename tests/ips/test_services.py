"""Writes to teams and users: the rules a form and the import share."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ips.models import Office, Role
from ips.services import Outcome, team_upsert, user_upsert
from tests import factories


def test_team_upsert_creates_the_office_with_the_team(db):
    team, outcome = team_upsert(office_name="NAV Vestfold", name="Horten")

    assert outcome == Outcome.CREATED
    assert team.office == Office.objects.get(name="NAV Vestfold")


def test_team_upsert_finds_an_existing_team(team):
    found, outcome = team_upsert(office_name=team.office.name, name=team.name)

    assert (found, outcome) == (team, Outcome.UNCHANGED)


def _user(**overrides):
    values = {
        "username": "bob",
        "full_name": "Bob Kåre Bu",
        "email": "bob@example.no",
        "role": Role.SPECIALIST,
        "team": None,
        "fte": None,
    }
    return user_upsert(**(values | overrides))


def test_user_upsert_gives_a_new_user_an_unusable_password(team):
    user, _outcome = _user(team=team)

    assert not user.has_usable_password()


def test_user_upsert_takes_the_office_from_the_team(team):
    user, _outcome = _user(team=team)

    assert user.office == team.office


def test_user_upsert_splits_the_full_name_at_the_last_word(team):
    user, _outcome = _user(team=team)

    assert (user.first_name, user.last_name) == ("Bob Kåre", "Bu")


def test_user_upsert_refuses_a_specialist_without_team(db):
    with pytest.raises(ValidationError) as raised:
        _user(team=None)

    assert "team" in raised.value.message_dict


def test_user_upsert_refuses_an_fte_above_one(team):
    with pytest.raises(ValidationError) as raised:
        _user(team=team, fte=Decimal("1.2"))

    assert "fte" in raised.value.message_dict


def test_user_upsert_refuses_an_unknown_role(team):
    with pytest.raises(ValidationError) as raised:
        _user(team=team, role="boss")

    assert "role" in raised.value.message_dict


def test_user_upsert_keeps_the_password_of_an_existing_user(specialist):
    user, outcome = user_upsert(
        username="kari",
        full_name="Kari Nordmann",
        email="kari@example.no",
        role=Role.SPECIALIST,
        team=specialist.team,
        fte=Decimal("0.8"),
    )

    assert outcome == Outcome.UPDATED
    assert user.fte == Decimal("0.8")
    assert user.has_usable_password()


def test_user_upsert_reports_an_unchanged_user(specialist):
    _user_, outcome = user_upsert(
        username="kari",
        full_name="Kari Nordmann",
        email="kari@example.no",
        role=Role.SPECIALIST,
        team=specialist.team,
    )

    assert outcome == Outcome.UNCHANGED


def test_user_upsert_makes_a_team_leader_lead_their_team(team):
    user, _outcome = _user(team=team, role=Role.TEAM_LEADER)

    assert list(team.leaders.all()) == [user]


def test_user_upsert_into_an_office_refuses_an_account_of_another_office(office, other_specialist):
    with pytest.raises(ValidationError) as raised:
        _user(username="per", team=None, role=Role.INTAKE_ADMIN, office=office)

    assert "username" in raised.value.message_dict
    other_specialist.refresh_from_db()
    assert other_specialist.role == Role.SPECIALIST


def test_user_upsert_into_an_office_refuses_a_team_of_another_office(office, other_team):
    with pytest.raises(ValidationError) as raised:
        _user(team=other_team, office=office)

    assert "team" in raised.value.message_dict


def test_user_upsert_into_an_office_refuses_an_analyst(office):
    with pytest.raises(ValidationError) as raised:
        _user(role=Role.ANALYST, office=office)

    assert "role" in raised.value.message_dict


def test_user_upsert_into_an_office_gives_a_new_account_without_team_the_office(office):
    user, _outcome = _user(role=Role.INTAKE_ADMIN, office=office)

    assert user.office == office


@pytest.mark.parametrize("flag", ["is_superuser", "is_staff"])
def test_user_upsert_never_changes_an_administrators_account(team, flag):
    admin = factories.UserFactory(username="bob", team=team, **{flag: True})

    with pytest.raises(ValidationError) as raised:
        _user(team=team, full_name="Someone Else")

    admin.refresh_from_db()
    assert "username" in raised.value.message_dict
    assert admin.get_full_name() != "Someone Else"


def test_user_upsert_does_not_move_a_specialist_who_holds_candidates_to_another_office(
    specialist, other_team
):
    factories.AssignmentFactory(
        specialist=specialist, enrollment=factories.EnrollmentFactory(office=specialist.office)
    )

    with pytest.raises(ValidationError) as raised:
        _user(username="kari", team=other_team)

    assert "team" in raised.value.message_dict
