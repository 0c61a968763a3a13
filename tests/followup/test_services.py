"""Writes to the contact log."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from followup.models import Activity
from followup.services import ACTIVITY_FIELDS, activity_import, activity_log, activity_update
from ips.services import Outcome
from tests import factories


def _log(author, **overrides):
    values = {
        "author": author,
        "date": datetime.date(2025, 2, 3),
        "minutes": 30,
        "mode": "phone",
        "location": "office",
        "with_whom": "candidate",
    }
    return activity_log(**(values | overrides))


def test_activity_log_records_the_activity(specialist):
    activity = _log(specialist)

    assert Activity.objects.get() == activity


@pytest.mark.parametrize("minutes", [0, 1441])
def test_activity_log_refuses_minutes_outside_a_day(specialist, minutes):
    with pytest.raises(ValidationError) as raised:
        _log(specialist, minutes=minutes)

    assert "minutes" in raised.value.message_dict


def test_activity_log_refuses_an_unknown_mode(specialist):
    with pytest.raises(ValidationError) as raised:
        _log(specialist, mode="pigeon")

    assert "mode" in raised.value.message_dict


def test_activity_import_logs_a_row_only_once(specialist):
    fields = {
        "author": specialist,
        "date": datetime.date(2025, 2, 3),
        "minutes": 30,
        "mode": "phone",
        "location": "office",
        "with_whom": "candidate",
    }
    activity_import(import_key="a" * 64, **fields)

    _activity, outcome = activity_import(import_key="a" * 64, **fields)

    assert outcome == Outcome.UNCHANGED
    assert Activity.objects.count() == 1


def test_activity_log_refuses_a_candidate_of_another_office(specialist, other_office):
    candidate = factories.EnrollmentFactory(office=other_office).candidate

    with pytest.raises(ValidationError) as raised:
        _log(specialist, candidate=candidate)

    assert "candidate" in raised.value.message_dict
    assert not Activity.objects.exists()


def test_activity_log_refuses_an_employer_of_another_office(specialist, other_office):
    employer = factories.EmployerFactory(office=other_office)

    with pytest.raises(ValidationError) as raised:
        _log(specialist, with_whom="employer", employer=employer)

    assert "employer" in raised.value.message_dict


def test_activity_log_accepts_a_candidate_and_employer_of_the_authors_office(specialist):
    candidate = factories.EnrollmentFactory(office=specialist.office).candidate
    employer = factories.EmployerFactory(office=None)

    activity = _log(specialist, candidate=candidate, employer=employer)

    assert (activity.candidate, activity.employer) == (candidate, employer)


def test_an_activity_about_a_candidate_who_moved_office_stays_editable(specialist, other_office):
    candidate = factories.EnrollmentFactory(office=specialist.office).candidate
    activity = _log(specialist, candidate=candidate)
    candidate.office = other_office  # transferred since
    candidate.save()
    activity.refresh_from_db()
    values = {name: getattr(activity, name) for name in ACTIVITY_FIELDS}

    activity_update(
        activity=activity, user=specialist, expected_version=1, **(values | {"minutes": 45})
    )

    activity.refresh_from_db()
    assert activity.minutes == 45
