"""The waiting list: referrals no specialist holds yet, oldest first."""

import datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.conftest import log_in
from tests.intake.helpers import EN

URL = "/intake/waiting-list/"


def _waiting(office, days_ago, last_name):
    candidate = factories.CandidateFactory(last_name=last_name)
    return factories.EnrollmentFactory(
        candidate=candidate,
        office=office,
        referral_date=timezone.localdate() - datetime.timedelta(days=days_ago),
        intake_date=None,
    )


def test_it_lists_unassigned_referrals_oldest_first_with_days_waiting(client, intake, office):
    _waiting(office, 3, "Nyere")
    _waiting(office, 10, "Eldre")
    log_in(client, intake)
    page = client.get(URL, **EN).content.decode()
    assert page.index("Eldre") < page.index("Nyere")
    assert ">10 <" in page or ">10<" in page


def test_it_marks_referrals_waiting_past_the_limit(client, intake, office, settings):
    settings.WAITING_LIST_WARNING_DAYS = 14
    _waiting(office, 15, "Lenge")
    _waiting(office, 14, "Kort")
    log_in(client, intake)
    page = client.get(URL, **EN).content.decode()
    assert page.count("Waiting too long") == 1
    row = page[page.index("Lenge") :]
    assert row.index("Waiting too long") < row.index("Kort")


def test_it_leaves_out_assigned_and_ended_enrollments(client, intake, office, specialist):
    assigned = _waiting(office, 5, "Tildelt")
    factories.AssignmentFactory(enrollment=assigned, specialist=specialist)
    log_in(client, intake)
    assert "Tildelt" not in client.get(URL).content.decode()


def test_it_shows_only_the_own_office(client, intake, other_office):
    _waiting(other_office, 5, "Annenstad")
    log_in(client, intake)
    assert "Annenstad" not in client.get(URL).content.decode()


def test_a_team_leader_sees_the_office_waiting_list(client, leader, office):
    _waiting(office, 5, "Venter")
    log_in(client, leader)
    assert "Venter" in client.get(URL).content.decode()


@pytest.mark.parametrize("persona", ["specialist", "analyst"])
def test_specialists_and_analysts_may_not_see_it(client, personas, persona):
    log_in(client, personas[persona])
    assert client.get(URL).status_code == 403


def test_its_queries_do_not_grow_with_rows(client, intake, office, django_assert_max_num_queries):
    log_in(client, intake)
    _waiting(office, 5, "En")
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    for n in range(10):
        _waiting(office, n, f"Mange{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)
