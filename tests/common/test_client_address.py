"""The address the audit trail and the lockout record is the connection's,
unless TRUSTED_PROXY_COUNT says proxies of ours stand in front: a client can
write anything into X-Forwarded-For."""

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt
from django.test import RequestFactory

from common.proxies import client_address
from tests.casework import held_candidate
from tests.conftest import submit_password

#: What the test client connects from.
CONNECTION = "127.0.0.1"


@pytest.fixture
def candidate(specialist):
    return held_candidate(specialist)


def open_file(client, login, specialist, candidate, **headers):
    login(specialist)
    response = client.get(f"/candidates/{candidate.pk}/", headers=headers)
    assert response.status_code == 200
    return LogEntry.objects.get(action=LogEntry.Action.ACCESS)


def test_a_forged_forwarded_address_is_not_stored_on_an_access_entry(
    client, login, specialist, candidate
):
    entry = open_file(client, login, specialist, candidate, x_forwarded_for="203.0.113.66")

    assert entry.remote_addr == CONNECTION


def test_a_forged_forwarded_address_is_not_stored_on_a_change_entry(
    client, login, specialist, candidate
):
    enrollment = candidate.enrollments.get()
    login(specialist)

    client.post(
        f"/candidates/{candidate.pk}/plan/",
        {"euse_stage": 3, "next_contact_date": "", "version": enrollment.version},
        headers={"x-forwarded-for": "203.0.113.66", "x-forwarded-port": "4444"},
    )

    change = LogEntry.objects.get_for_object(enrollment).get(action=LogEntry.Action.UPDATE)
    assert change.remote_addr == CONNECTION
    assert change.remote_port is None


def test_behind_a_trusted_proxy_the_client_is_the_address_the_proxy_saw(
    client, login, specialist, candidate, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote the first address itself; our proxy appended the second.
    entry = open_file(
        client, login, specialist, candidate, x_forwarded_for="198.51.100.1, 203.0.113.7"
    )

    assert entry.remote_addr == "203.0.113.7"


def test_a_forwarded_value_that_is_no_address_never_reaches_the_log(
    client, login, specialist, candidate, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    entry = open_file(client, login, specialist, candidate, x_forwarded_for="<script>")

    assert entry.remote_addr == CONNECTION


def _address(forwarded_for=None, remote="10.0.0.2"):
    headers = {"x-forwarded-for": forwarded_for} if forwarded_for is not None else {}
    return client_address(RequestFactory(REMOTE_ADDR=remote).get("/", headers=headers))


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.2"),
        (1, "203.0.113.7", "203.0.113.7"),
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        # Fewer hops than proxies: the request did not come through them all.
        (2, "203.0.113.7", "10.0.0.2"),
        (1, "", "10.0.0.2"),
        (1, "203.0.113.7:51234", "203.0.113.7"),
        (1, "[2001:db8::7]:443", "2001:db8::7"),
        (1, "2001:db8::7", "2001:db8::7"),
        (1, "unknown", "10.0.0.2"),
    ],
)
def test_the_client_address_is_read_from_as_many_proxies_as_are_trusted(
    settings, proxies, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies

    assert _address(forwarded_for) == expected


def test_a_connection_address_that_is_no_address_is_not_recorded():
    assert _address(remote="") is None


@pytest.mark.parametrize(("proxies", "expected"), [(0, CONNECTION), (1, "203.0.113.7")])
def test_the_lockout_records_the_same_address(client, specialist, settings, proxies, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    client.defaults["HTTP_X_FORWARDED_FOR"] = "203.0.113.7"

    submit_password(client, specialist.username, "wrong password")

    assert AccessAttempt.objects.get(username=specialist.username).ip_address == expected
