"""My week: minutes per day and the field share against the 65 % target."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from common.periods import Period
from tests import factories

pytestmark = pytest.mark.django_db


def _monday():
    return Period.week_of(timezone.localdate()).start


def test_it_shows_no_data_without_minutes(client, login, specialist):
    login(specialist)
    response = client.get("/my-week/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["week"].field_share is None
    assert "no data" in response.content.decode()
    assert "0 %" not in response.content.decode()


def test_it_computes_the_field_share_of_the_week(client, login, specialist):
    monday = _monday()
    factories.ActivityFactory(author=specialist, date=monday, minutes=65, location="workplace")
    factories.ActivityFactory(author=specialist, date=monday, minutes=35, location="office")
    login(specialist)
    response = client.get("/my-week/", HTTP_ACCEPT_LANGUAGE="en")
    week = response.context["week"]
    assert (week.minutes, week.field_minutes, week.field_share_percent) == (100, 65, 65)
    assert week.meets_target
    assert "target 65 % met" in response.content.decode()


def test_community_counts_as_field_and_the_office_does_not(client, login, specialist):
    monday = _monday()
    factories.ActivityFactory(author=specialist, date=monday, minutes=30, location="community")
    factories.ActivityFactory(author=specialist, date=monday, minutes=90, location="office")
    login(specialist)
    week = client.get("/my-week/").context["week"]
    assert week.field_share == 0.25
    assert not week.meets_target


def test_it_gives_minutes_per_day(client, login, specialist):
    monday = _monday()
    factories.ActivityFactory(author=specialist, date=monday, minutes=30, location="community")
    factories.ActivityFactory(author=specialist, date=monday, minutes=15, location="office")
    login(specialist)
    days = client.get(f"/my-week/?week={monday.isoformat()}").context["days"]
    assert len(days) == 7
    assert (days[0]["minutes"], days[0]["field_minutes"]) == (45, 30)
    assert days[1]["minutes"] == 0


def test_it_counts_only_the_users_own_minutes(client, login, specialist, teammate):
    factories.ActivityFactory(author=teammate, date=_monday(), minutes=60)
    login(specialist)
    assert client.get("/my-week/").context["week"].minutes == 0


def test_the_month_includes_other_weeks(client, login, specialist):
    first = timezone.localdate().replace(day=1)
    factories.ActivityFactory(author=specialist, date=first, minutes=40)
    login(specialist)
    assert client.get("/my-week/").context["month"].minutes == 40


def test_an_earlier_week_can_be_shown(client, login, specialist):
    earlier = _monday() - datetime.timedelta(days=14)
    factories.ActivityFactory(author=specialist, date=earlier, minutes=25)
    login(specialist)
    response = client.get(f"/my-week/?week={earlier.isoformat()}")
    assert response.context["week"].minutes == 25


def test_a_bad_week_parameter_is_refused_with_a_message(client, login, specialist):
    login(specialist)

    response = client.get("/my-week/?week=nonsense", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "Week: Enter a valid date." in response.content.decode()


@pytest.mark.parametrize("persona", ["intake", "analyst"])
def test_other_roles_are_refused(client, login, personas, persona):
    login(personas[persona])
    assert client.get("/my-week/").status_code == 403


def test_the_query_count_does_not_grow_with_activities(client, login, specialist):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get("/my-week/")
        return len(captured)

    login(specialist)
    factories.ActivityFactory(
        author=specialist, date=_monday(), candidate=factories.CandidateFactory()
    )
    few = queries()
    for _ in range(10):
        factories.ActivityFactory(
            author=specialist,
            date=_monday(),
            candidate=factories.CandidateFactory(),
            employer=factories.EmployerFactory(),
        )
    assert queries() == few
