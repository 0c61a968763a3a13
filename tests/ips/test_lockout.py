"""Five wrong passwords lock a username for 15 minutes, also for the right one."""

import datetime
import re

import time_machine

from tests.conftest import current_code, submit_code, submit_password, totp_device


def _fail(client, username, times):
    for _ in range(times):
        submit_password(client, username, "wrong-password-123")


def test_a_wrong_password_gives_a_clear_message(client, specialist):
    response = submit_password(client, "kari", "wrong-password-123")
    assert response.status_code == 200
    assert "korrekt brukernavn og passord" in response.content.decode()


def test_five_wrong_passwords_lock_the_username_also_for_the_right_password(client, specialist):
    totp_device(specialist)
    _fail(client, "kari", 5)
    response = submit_password(client, "kari")
    assert response.status_code == 429
    assert "låst" in response.content.decode().lower()
    assert client.get("/password/change/").status_code == 302


def test_four_wrong_passwords_do_not_lock(client, specialist):
    totp_device(specialist)
    _fail(client, "kari", 4)
    response = submit_password(client, "kari")
    assert response.status_code == 200
    assert submit_code(client, current_code(totp_device(specialist))).status_code == 302


def test_the_message_is_the_same_for_an_unknown_username(client, specialist):
    _fail(client, "kari", 5)
    known = submit_password(client, "kari")
    _fail(client, "nobody-here", 5)
    unknown = submit_password(client, "nobody-here")
    assert known.status_code == unknown.status_code == 429
    message = re.compile(r'<p role="alert">(.*?)</p>', re.S)
    assert message.search(known.content.decode()).group(1) == message.search(
        unknown.content.decode()
    ).group(1)


def test_the_lock_ends_after_fifteen_minutes(client, specialist):
    totp_device(specialist)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        _fail(client, "kari", 5)
        assert submit_password(client, "kari").status_code == 429
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 16, tzinfo=datetime.UTC), tick=False):
        response = submit_password(client, "kari")
        assert response.status_code == 200
        assert "token-otp_token" in response.content.decode()


def test_another_user_is_not_locked(client, specialist, teammate):
    totp_device(teammate)
    _fail(client, "kari", 5)
    response = submit_password(client, "ola")
    assert response.status_code == 200


def test_an_over_long_username_is_refused_like_a_wrong_password(client, db):
    response = submit_password(client, "x" * 5000, "whatever-password")
    assert response.status_code == 200
    assert "korrekt brukernavn og passord" in response.content.decode()
