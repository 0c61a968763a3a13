"""Resetting someone's second factor, or handing out an enrolment link, needs
the actor's own code entered within the last five minutes: at login, or again
on a small step-up page that brings them back to finish."""

import datetime

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice

from ips.models import EnrolmentLink
from tests.conftest import current_code, log_in, totp_device

START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
LATER = START + datetime.timedelta(minutes=6)


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _reset_path(account):
    return f"/users/{account.pk}/reset-second-factor/"


def test_a_reset_right_after_login_needs_no_new_code(client, intake, specialist):
    totp_device(specialist)
    with time_machine.travel(START, tick=False):
        log_in(client, intake)
    with time_machine.travel(START + datetime.timedelta(minutes=4), tick=False):
        response = client.post(_reset_path(specialist))
    assert response.status_code == 302
    assert response["Location"] == f"/intake/users/{specialist.pk}/enrolment-link/"
    assert not TOTPDevice.objects.filter(user=specialist).exists()


def test_a_reset_six_minutes_after_login_asks_for_the_code_and_then_comes_back(
    client, intake, specialist
):
    totp_device(specialist)
    with time_machine.travel(START, tick=False):
        log_in(client, intake)
    with time_machine.travel(LATER, tick=False):
        response = client.post(_reset_path(specialist))
        assert response.status_code == 302
        assert response["Location"] == (
            f"/account/confirm-code/?next=%2Fusers%2F{specialist.pk}%2Freset-second-factor%2F"
        )
        assert TOTPDevice.objects.filter(user=specialist).exists()

        page = client.get(response["Location"])
        assert "Confirm it is you" in page.content.decode()
        response = client.post(
            "/account/confirm-code/",
            {"otp_token": current_code(totp_device(intake)), "next": _reset_path(specialist)},
        )
        assert response["Location"] == _reset_path(specialist)
        confirm = client.get(_reset_path(specialist))
        assert "Reset the second factor of <bdi>Kari Nordmann</bdi>?" in confirm.content.decode()
        assert TOTPDevice.objects.filter(user=specialist).exists()

        assert client.post(_reset_path(specialist)).status_code == 302
    assert not TOTPDevice.objects.filter(user=specialist).exists()


def test_a_wrong_code_on_the_step_up_page_is_refused(client, intake, specialist):
    totp_device(specialist)
    with time_machine.travel(START, tick=False):
        log_in(client, intake)
    with time_machine.travel(LATER, tick=False):
        right = current_code(totp_device(intake))
        wrong = "000000" if right != "000000" else "111111"
        response = client.post(
            "/account/confirm-code/", {"otp_token": wrong, "next": _reset_path(specialist)}
        )
        assert response.status_code == 200
        assert "That code is not right" in response.content.decode()
        assert client.post(_reset_path(specialist)).status_code == 302
    assert TOTPDevice.objects.filter(user=specialist).exists()


def test_a_recovery_code_does_not_confirm_a_sensitive_action(client, intake, specialist):
    from django_otp.plugins.otp_static.models import StaticDevice

    totp_device(specialist)
    StaticDevice.objects.create(user=intake, name="backup").token_set.create(token="123456")
    with time_machine.travel(START, tick=False):
        log_in(client, intake)
    with time_machine.travel(LATER, tick=False):
        response = client.post("/account/confirm-code/", {"otp_token": "123456", "next": "/"})
        assert response.status_code == 200
        client.post(_reset_path(specialist))
    assert TOTPDevice.objects.filter(user=specialist).exists()


def test_the_step_up_page_never_sends_the_user_to_another_site(client, intake):
    log_in(client, intake)
    response = client.post(
        "/account/confirm-code/",
        {"otp_token": current_code(totp_device(intake)), "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_an_enrolment_link_also_needs_a_fresh_code(client, intake, teammate):
    with time_machine.travel(START, tick=False):
        log_in(client, intake)
    with time_machine.travel(LATER, tick=False):
        response = client.post(f"/intake/users/{teammate.pk}/enrolment-link/", {"delivery": "show"})
    assert response.status_code == 302
    assert response["Location"].startswith("/account/confirm-code/")
    assert not EnrolmentLink.objects.exists()


def test_the_demo_without_two_factor_login_asks_for_no_code(client, intake, teammate, settings):
    settings.REQUIRE_2FA = False
    settings.DEBUG = True
    client.force_login(intake)
    response = client.post(f"/intake/users/{teammate.pk}/enrolment-link/", {"delivery": "show"})
    assert response.status_code == 200
    assert EnrolmentLink.objects.filter(user=teammate).exists()
