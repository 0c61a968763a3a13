"""A new account, or one whose second factor was reset, gets a one-time
enrolment link (72 hours, stored hashed): with it, and only with it, its
owner chooses a password and enrols the authenticator app."""

import datetime
import re

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from ips.models import EnrolmentLink, User
from tests import factories
from tests.conftest import CHOSEN_PASSWORD, enrol_through_link, log_in, totp_device

LINK = re.compile(r"https?://testserver(/enrol/[\w-]+/)")


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _new_account(client, team, **overrides):
    data = {
        "username": "siri",
        "first_name": "Siri",
        "last_name": "Sand",
        "email": "siri@example.no",
        "role": "specialist",
        "team": team.pk,
        "fte": "1",
        "caseload_cap": "20",
    }
    data.update(overrides)
    return client.post("/intake/users/new/", data)


def _link_shown(client, account):
    response = client.post(f"/intake/users/{account.pk}/enrolment-link/", {"delivery": "show"})
    assert response.status_code == 200
    return LINK.search(response.content.decode()).group(1)


def _events(user):
    return list(
        LogEntry.objects.get_for_object(user)
        .filter(additional_data__event__isnull=False)
        .order_by("pk")
        .values_list("additional_data__event", flat=True)
    )


def test_a_new_user_gets_in_with_the_link_the_intake_admin_handed_over(client, intake, team):
    log_in(client, intake)
    response = _new_account(client, team)
    siri = User.objects.get(username="siri")
    assert response["Location"] == f"/intake/users/{siri.pk}/enrolment-link/"
    path = _link_shown(client, siri)

    newcomer = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = enrol_through_link(newcomer, path.split("/")[2]).content.decode()
    assert "These are your recovery codes" in page
    assert TOTPDevice.objects.filter(user=siri, confirmed=True).exists()
    assert newcomer.get("/caseload/").status_code == 200
    siri.refresh_from_db()
    assert siri.check_password(CHOSEN_PASSWORD)


def test_the_link_can_be_sent_by_e_mail(client, intake, teammate):
    log_in(client, intake)
    response = client.post(f"/intake/users/{teammate.pk}/enrolment-link/", {"delivery": "email"})
    assert response.status_code == 302
    assert mail.outbox[0].to == [teammate.email]
    path = LINK.search(mail.outbox[0].body).group(1)
    assert enrol_through_link(Client(), path.split("/")[2]).status_code == 200
    assert TOTPDevice.objects.filter(user=teammate, confirmed=True).exists()


def test_only_a_hash_of_the_link_is_stored(client, intake, teammate):
    log_in(client, intake)
    token = _link_shown(client, teammate).split("/")[2]
    link = EnrolmentLink.objects.get(user=teammate)
    assert token not in link.token_hash
    assert len(link.token_hash) == 64


def test_the_token_leaves_the_address_bar(client, teammate):
    factories.EnrolmentLinkFactory(user=teammate, token="ola-link")
    response = client.get("/enrol/ola-link/")
    assert response.status_code == 302
    assert response["Location"] == "/enrol/password/"
    assert (
        "Your username is <strong><bdi>ola</bdi></strong>"
        in client.get("/enrol/password/").content.decode()
    )


def test_a_link_works_once(client, teammate):
    factories.EnrolmentLinkFactory(user=teammate, token="ola-link")
    enrol_through_link(client, "ola-link")
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = other.get("/enrol/ola-link/")
    assert "This enrolment link is not valid" in response.content.decode()
    assert other.get("/enrol/password/").content.decode().count("not valid") == 1


def test_a_link_is_valid_for_72_hours(teammate):
    created = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
    factories.EnrolmentLinkFactory(user=teammate, token="ola-link", created_at=created)
    with time_machine.travel(created + datetime.timedelta(hours=71, minutes=59), tick=False):
        assert Client().get("/enrol/ola-link/").status_code == 302
    with time_machine.travel(created + datetime.timedelta(hours=72, minutes=1), tick=False):
        response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/enrol/ola-link/")
        assert "This enrolment link is not valid" in response.content.decode()


def test_a_link_that_runs_out_while_the_password_page_is_open_sets_nothing(teammate):
    created = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
    factories.EnrolmentLinkFactory(user=teammate, token="ola-link", created_at=created)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    with time_machine.travel(created + datetime.timedelta(hours=71, minutes=59), tick=False):
        client.get("/enrol/ola-link/")
    with time_machine.travel(created + datetime.timedelta(hours=72, minutes=1), tick=False):
        response = client.post(
            "/enrol/password/",
            {"new_password1": CHOSEN_PASSWORD, "new_password2": CHOSEN_PASSWORD},
        )
    assert "This enrolment link is not valid" in response.content.decode()
    teammate.refresh_from_db()
    assert not teammate.check_password(CHOSEN_PASSWORD)


def test_a_new_link_replaces_the_old_one(client, intake, teammate):
    log_in(client, intake)
    first = _link_shown(client, teammate)
    second = _link_shown(client, teammate)
    assert "not valid" in Client(HTTP_ACCEPT_LANGUAGE="en").get(first).content.decode()
    assert Client().get(second).status_code == 302


def test_the_link_of_a_deactivated_account_does_not_work(teammate):
    factories.EnrolmentLinkFactory(user=teammate, token="ola-link")
    teammate.is_active = False
    teammate.save()
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/enrol/ola-link/")
    assert "This enrolment link is not valid" in response.content.decode()


def test_a_weak_password_is_refused_and_the_link_stays_usable(client, teammate):
    factories.EnrolmentLinkFactory(user=teammate, token="ola-link")
    client.get("/enrol/ola-link/")
    response = client.post("/enrol/password/", {"new_password1": "123", "new_password2": "123"})
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert EnrolmentLink.objects.get(user=teammate).used_at is None
    assert enrol_through_link(client, "ola-link").status_code == 200


def test_an_account_with_a_second_factor_gets_no_link(client, intake, teammate):
    totp_device(teammate)
    log_in(client, intake)
    page = client.get(f"/intake/users/{teammate.pk}/enrolment-link/").content.decode()
    assert "has two-factor login set up already" in page
    client.post(f"/intake/users/{teammate.pk}/enrolment-link/", {"delivery": "show"})
    assert not EnrolmentLink.objects.exists()


def test_an_account_without_e_mail_gets_the_link_shown_instead(client, intake, teammate):
    User.objects.filter(pk=teammate.pk).update(email="")
    log_in(client, intake)
    response = client.post(f"/intake/users/{teammate.pk}/enrolment-link/", {"delivery": "email"})
    assert "has no e-mail address: show the link instead" in response.content.decode()
    assert not EnrolmentLink.objects.exists()
    assert mail.outbox == []


def test_giving_and_using_a_link_is_audited(client, intake, teammate):
    log_in(client, intake)
    client.post(f"/intake/users/{teammate.pk}/enrolment-link/", {"delivery": "email"})
    path = _link_shown(client, teammate)
    enrol_through_link(Client(), path.split("/")[2])
    assert _events(teammate) == [
        "enrolment_link_emailed",
        "enrolment_link_shown",
        "enrolment_link_used",
    ]
    entries = LogEntry.objects.get_for_object(teammate).filter(additional_data__event__isnull=False)
    assert [entry.actor for entry in entries.order_by("pk")] == [intake, intake, teammate]


def test_after_a_reset_the_account_enrols_again_only_through_a_new_link(client, intake, teammate):
    totp_device(teammate)
    log_in(client, intake)
    response = client.post(f"/users/{teammate.pk}/reset-second-factor/", follow=True)
    assert "Give them an enrolment link" in response.content.decode()
    path = _link_shown(client, teammate)
    owner = Client()
    assert enrol_through_link(owner, path.split("/")[2]).status_code == 200
    assert TOTPDevice.objects.filter(user=teammate, confirmed=True).count() == 1


def test_the_user_list_offers_a_link_to_accounts_without_a_second_factor(
    client, intake, specialist, teammate
):
    totp_device(specialist)
    log_in(client, intake)
    page = client.get("/users/").content.decode()
    assert f"/intake/users/{teammate.pk}/enrolment-link/" in page
    assert f"/intake/users/{specialist.pk}/enrolment-link/" not in page
    assert f"/intake/users/{specialist.pk}/password-link/" in page


@pytest.mark.parametrize("persona", ["specialist", "leader", "analyst"])
def test_only_intake_admins_give_links(client, personas, persona, teammate):
    log_in(client, personas[persona])
    response = client.post(f"/intake/users/{teammate.pk}/enrolment-link/", {"delivery": "show"})
    assert response.status_code == 403
    assert not EnrolmentLink.objects.exists()


def test_an_operator_prints_a_link_for_the_first_superuser(db):
    from io import StringIO

    from django.core.management import call_command

    root = factories.UserFactory(username="root", team=None, is_staff=True, is_superuser=True)
    out = StringIO()
    call_command("enrolment_link", "root", "--base-url", "https://trofast.example", stdout=out)
    url = out.getvalue().splitlines()[0]
    assert url.startswith("https://trofast.example/enrol/")
    enrol_through_link(Client(), url.split("/")[4])
    assert TOTPDevice.objects.filter(user=root, confirmed=True).exists()
    printed = LogEntry.objects.get_for_object(root).get(
        additional_data__event="enrolment_link_printed"
    )
    assert printed.actor is None


def test_the_command_refuses_an_account_that_has_its_second_factor(specialist):
    from django.core.management import CommandError, call_command

    totp_device(specialist)
    with pytest.raises(CommandError):
        call_command("enrolment_link", "kari")
    assert not EnrolmentLink.objects.exists()
