"""A protected person's address and contact details appear on no page, list
or search result for anyone but the specialist who holds them."""

import pytest

from tests import factories
from tests.casework import days_ago, held_enrollment

pytestmark = pytest.mark.django_db

SECRETS = ("Hemmeligveien 7", "48999999", "skjult@example.no")


@pytest.fixture
def protected(specialist):
    enrollment = held_enrollment(
        specialist,
        first_name="Mona",
        protected_address="strictly_confidential",
        address="Hemmeligveien 7",
        phone="48999999",
        email="skjult@example.no",
    )
    employer = factories.EmployerFactory(office=specialist.office)
    factories.PlacementFactory(enrollment=enrollment, employer=employer, start_date=days_ago(3))
    factories.ActivityFactory(
        author=specialist, candidate=enrollment.candidate, employer=employer, date=days_ago(1)
    )
    return enrollment.candidate, employer


def _pages(candidate, employer):
    return [
        "/caseload/",
        f"/candidates/{candidate.pk}/",
        f"/candidates/{candidate.pk}/timeline/",
        f"/employers/{employer.pk}/",
        "/activities/candidate-options/?candidate_q=Mona",
        "/activities/new/",
        "/my-week/",
        f"/audit/candidates/{candidate.pk}/access/",
        f"/privacy/candidates/{candidate.pk}/record/",
    ]


def _bodies(client, paths):
    for path in paths:
        response = client.get(path)
        if response.status_code == 200:
            yield path, response.content.decode()


def test_the_leader_sees_the_details_on_no_page(client, login, leader, protected):
    login(leader)
    for path, body in _bodies(client, _pages(*protected)):
        for secret in SECRETS:
            assert secret not in body, f"{secret} on {path}"


def test_a_teammate_sees_them_nowhere(client, login, teammate, protected):
    login(teammate)
    for path, body in _bodies(client, _pages(*protected)):
        for secret in SECRETS:
            assert secret not in body, f"{secret} on {path}"


def test_the_holder_sees_them_only_on_the_file(client, login, specialist, protected):
    candidate, _employer = protected
    login(specialist)
    for path, body in _bodies(client, _pages(*protected)):
        for secret in SECRETS:
            if path == f"/candidates/{candidate.pk}/":
                assert secret in body
            else:
                assert secret not in body, f"{secret} on {path}"


def test_the_leader_may_not_open_the_details_form(client, login, leader, protected):
    candidate, _employer = protected
    login(leader)
    assert client.get(f"/candidates/{candidate.pk}/edit/").status_code == 403
