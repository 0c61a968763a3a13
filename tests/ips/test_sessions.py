"""Sessions end after 30 idle minutes and 12 hours after login."""

import datetime

import time_machine

from tests.conftest import log_in

START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


def test_a_session_ends_after_thirty_idle_minutes_and_says_why(client, specialist):
    with time_machine.travel(START, tick=False):
        log_in(client, specialist)
        assert client.get("/password/change/").status_code == 200
    with time_machine.travel(START + datetime.timedelta(minutes=29), tick=False):
        assert client.get("/password/change/").status_code == 200
    with time_machine.travel(START + datetime.timedelta(minutes=29 + 31), tick=False):
        response = client.get("/password/change/", follow=True)
        assert response.redirect_chain[0][0].startswith("/login/")
        assert "30 minutter uten aktivitet" in response.content.decode()


def test_a_session_ends_twelve_hours_after_login_whatever_the_activity(client, specialist):
    log_in_at = START
    with time_machine.travel(log_in_at, tick=False):
        log_in(client, specialist)
    moment = log_in_at
    while moment < log_in_at + datetime.timedelta(hours=11, minutes=50):
        moment += datetime.timedelta(minutes=20)
        with time_machine.travel(moment, tick=False):
            assert client.get("/password/change/").status_code == 200
    with time_machine.travel(log_in_at + datetime.timedelta(hours=12, minutes=5), tick=False):
        response = client.get("/password/change/", follow=True)
        assert response.redirect_chain[0][0].startswith("/login/")
        assert "12 timer" in response.content.decode()


def test_logging_out_ends_the_session_on_the_server(client, specialist):
    from django.contrib.sessions.models import Session

    log_in(client, specialist)
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    client.post("/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/").status_code == 302


def test_an_anonymous_request_is_sent_to_the_login_page(client, db):
    response = client.get("/users/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
