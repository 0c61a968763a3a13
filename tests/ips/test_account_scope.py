"""One rule for every account action (ips/accounts.py): never another
office, never a superuser or staff account unless the actor is a superuser,
never an account whose role the actor may not give. Each role is tried on
each action against each kind of account; what is refused changes nothing."""

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from ips.models import EnrolmentLink, Role, User
from tests import factories
from tests.conftest import log_in, totp_device

TARGETS = ("kari", "lise", "per", "root", "staff")

#: Whom each actor looks after.
MANAGES = {
    "specialist": set(),
    "analyst": set(),
    "leader": {"kari"},
    "intake": {"kari", "lise"},
    "other_intake": {"per"},
    "superuser": set(TARGETS),
}
KEEPER_ACTIONS = ("edit_page", "edit", "deactivate", "reactivate", "password_link", "enrolment")
HELPER_ACTIONS = ("reset", "unlock")
#: The actions each actor's role may use at all (others answer 403).
MAY_USE = {
    "specialist": (),
    "analyst": (),
    "leader": HELPER_ACTIONS,
    "intake": KEEPER_ACTIONS + HELPER_ACTIONS,
    "other_intake": KEEPER_ACTIONS + HELPER_ACTIONS,
    "superuser": KEEPER_ACTIONS + HELPER_ACTIONS,
}
CHANGED_MAIL = "changed@example.com"


@pytest.fixture
def people(specialist, leader, other_specialist, intake, analyst, office, other_office):
    root = factories.UserFactory(
        username="root",
        role=Role.INTAKE_ADMIN,
        team=None,
        office=office,
        is_staff=True,
        is_superuser=True,
    )
    staff = factories.IntakeAdminFactory(username="staff", office=office, is_staff=True)
    return {
        "specialist": specialist,
        "analyst": analyst,
        "leader": leader,
        "intake": intake,
        "other_intake": factories.IntakeAdminFactory(username="ivar", office=other_office),
        "superuser": factories.UserFactory(
            username="ada", team=None, is_staff=True, is_superuser=True
        ),
        "kari": specialist,
        "lise": leader,
        "per": other_specialist,
        "root": root,
        "staff": staff,
    }


def _prepare(action, account):
    """Put the account in the state the action would change."""
    if action == "reactivate":
        User.objects.filter(pk=account.pk).update(is_active=False)
    if action in ("reset", "password_link"):
        totp_device(account)
    if action == "unlock":
        AccessAttempt.objects.create(
            username=account.username,
            failures_since_start=5,
            user_agent="",
            http_accept="",
            path_info="/login/",
            get_data="",
            post_data="",
        )


def _do(client, action, account):
    pk = account.pk
    if action == "edit_page":
        return client.get(f"/intake/users/{pk}/edit/"), 200
    if action == "edit":
        data = {
            "first_name": account.first_name,
            "last_name": account.last_name,
            "email": CHANGED_MAIL,
            "role": account.role,
            "team": account.team_id or "",
            "fte": "1",
            "caseload_cap": "20",
            "version": account.version,
        }
        return client.post(f"/intake/users/{pk}/edit/", data), 302
    if action == "enrolment":
        return client.post(f"/intake/users/{pk}/enrolment-link/", {"delivery": "show"}), 200
    if action in ("reset", "unlock"):
        path = "reset-second-factor" if action == "reset" else "unlock"
        return client.post(f"/users/{pk}/{path}/"), 302
    path = action.replace("_", "-")
    return client.post(f"/intake/users/{pk}/{path}/"), 302


def _changed(action, account) -> bool:
    account.refresh_from_db()
    return {
        "edit_page": False,
        "edit": account.email == CHANGED_MAIL,
        "deactivate": not account.is_active,
        "reactivate": account.is_active,
        "password_link": any(message.to == [account.email] for message in mail.outbox),
        "enrolment": EnrolmentLink.objects.filter(user=account).exists(),
        "reset": not TOTPDevice.objects.filter(user=account).exists(),
        "unlock": not AccessAttempt.objects.filter(username=account.username).exists(),
    }[action]


@pytest.mark.parametrize("action", KEEPER_ACTIONS + HELPER_ACTIONS)
@pytest.mark.parametrize("actor", list(MANAGES))
def test_each_role_reaches_exactly_the_accounts_it_looks_after(people, actor, action):
    client = log_in(Client(), people[actor])
    mismatches = []
    for name in TARGETS:
        account = people[name]
        if account == people[actor]:
            continue  # one's own account is another question
        _prepare(action, account)
        response, done = _do(client, action, account)
        allowed = done if name in MANAGES[actor] else 404
        expected = allowed if action in MAY_USE[actor] else 403
        if response.status_code != expected:
            mismatches.append(f"{name}: {response.status_code} != {expected}")
        should_change = expected == done and action != "edit_page"
        if _changed(action, account) != should_change:
            mismatches.append(f"{name}: {'unchanged' if should_change else 'changed'}")
    assert mismatches == []


@pytest.mark.parametrize("actor", ["leader", "intake", "other_intake", "superuser"])
def test_the_user_list_shows_exactly_the_accounts_an_actor_looks_after(people, actor):
    client = log_in(Client(), people[actor])
    rows = client.get("/users/").content.decode().split("<tbody>")[1]
    listed = {name for name in TARGETS if f"<td><bdi>{people[name].username}</bdi></td>" in rows}
    assert listed == MANAGES[actor]


def test_the_form_offers_an_intake_admin_only_the_roles_and_teams_of_their_office(
    client, people, team, other_team
):
    log_in(client, people["intake"])
    form = client.get("/intake/users/new/").context["form"]
    assert [value for value, _label in form.fields["role"].choices] == [
        "specialist",
        "team_leader",
        "intake_admin",
    ]
    assert list(form.fields["team"].queryset) == [team]


def test_a_superuser_may_give_every_role_and_team(client, people, team, other_team):
    log_in(client, people["superuser"])
    form = client.get("/intake/users/new/").context["form"]
    assert {value for value, _label in form.fields["role"].choices} == set(Role.values)
    assert set(form.fields["team"].queryset) == {team, other_team}


def test_an_intake_admin_cannot_promote_an_account_to_analyst(client, people):
    log_in(client, people["intake"])
    kari = people["kari"]
    data = {
        "first_name": kari.first_name,
        "last_name": kari.last_name,
        "email": kari.email,
        "role": "analyst",
        "team": kari.team_id,
        "fte": "1",
        "caseload_cap": "20",
    }
    assert client.post(f"/intake/users/{kari.pk}/edit/", data).status_code == 200
    kari.refresh_from_db()
    assert kari.role == Role.SPECIALIST


def test_the_services_refuse_an_account_outside_the_rule_whoever_calls_them(people):
    from django.core.exceptions import PermissionDenied

    from ips.services import user_deactivate, user_reactivate, user_update

    root, intake = people["root"], people["intake"]
    with pytest.raises(PermissionDenied):
        user_update(
            user=root,
            updated_by=intake,
            first_name="Root",
            last_name="Admin",
            email=CHANGED_MAIL,
            role=Role.INTAKE_ADMIN,
            team=None,
            fte=1,
            caseload_cap=20,
            expected_version=root.version,
        )
    with pytest.raises(PermissionDenied):
        user_deactivate(user=root, deactivated_by=intake)
    with pytest.raises(PermissionDenied):
        user_reactivate(user=people["per"], reactivated_by=intake)
    root.refresh_from_db()
    assert root.email != CHANGED_MAIL
    assert root.is_active
