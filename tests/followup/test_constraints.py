"""The database refuses impossible activities."""

import pytest
from django.db import IntegrityError, transaction

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("minutes", [1, 1440])
def test_it_accepts_minutes_from_1_to_a_whole_day(minutes):
    assert factories.ActivityFactory(minutes=minutes).minutes == minutes


@pytest.mark.parametrize("minutes", [0, 1441])
def test_it_refuses_minutes_outside_1_to_1440(minutes):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ActivityFactory(minutes=minutes)


@pytest.mark.parametrize("stage", [None, 1, 5])
def test_it_accepts_no_euse_stage_or_1_to_5(stage):
    factories.ActivityFactory(euse_stage=stage)


@pytest.mark.parametrize("stage", [0, 6])
def test_it_refuses_an_euse_stage_outside_1_to_5(stage):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ActivityFactory(euse_stage=stage)


@pytest.mark.parametrize(
    "field, value",
    [
        ("mode", "pigeon"),
        ("mode", ""),
        ("location", "home_office"),
        ("location", ""),
        ("with_whom", "stranger"),
        ("with_whom", ""),
    ],
)
def test_it_refuses_an_unknown_mode_location_or_party(field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ActivityFactory(**{field: value})


@pytest.mark.parametrize(
    "mode, location, with_whom",
    [
        ("in_person", "workplace", "employer"),
        ("phone", "office", "treatment_team"),
        ("video", "office", "nav_adviser"),
        ("message", "community", "family"),
        ("in_person", "office", "none"),
    ],
)
def test_it_accepts_every_known_mode_location_and_party(mode, location, with_whom):
    factories.ActivityFactory(mode=mode, location=location, with_whom=with_whom)


def test_it_refuses_two_activities_with_the_same_import_key():
    factories.ActivityFactory(import_key="a1")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ActivityFactory(import_key="a1")


def test_it_accepts_many_activities_without_import_key():
    factories.ActivityFactory(import_key=None)
    factories.ActivityFactory(import_key=None)
