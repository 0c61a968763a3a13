"""Writes to employers and placements."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from employers.models import Employer, Placement
from employers.services import employer_upsert, placement_create, placement_upsert
from ips.services import Outcome
from tests import factories


def test_employer_upsert_refuses_an_invalid_organisasjonsnummer(db):
    with pytest.raises(ValidationError) as raised:
        employer_upsert(orgnr="988077918", name="Feil AS")

    assert "orgnr" in raised.value.message_dict


def test_employer_upsert_accepts_a_number_written_in_groups(db):
    employer, _outcome = employer_upsert(orgnr="988 077 917", name="Horten Bakeri AS")

    assert employer.orgnr == "988077917"


def test_employer_upsert_keeps_the_office_of_an_existing_employer(office):
    factories.EmployerFactory(orgnr="988077917", office=office)

    employer, outcome = employer_upsert(orgnr="988077917", name="Nytt navn AS")

    assert outcome == Outcome.UPDATED
    assert employer.office == office


def test_employer_upsert_into_an_office_refuses_an_employer_of_another_office(office, other_office):
    factories.EmployerFactory(orgnr="988077917", name="Hamar Bakeri AS", office=other_office)

    with pytest.raises(ValidationError) as raised:
        employer_upsert(orgnr="988077917", name="Renamed AS", office=office)

    assert "orgnr" in raised.value.message_dict
    assert Employer.objects.get().name == "Hamar Bakeri AS"


def test_employer_upsert_into_an_office_leaves_a_shared_employer_as_it_is(office):
    factories.EmployerFactory(orgnr="988077917", name="Felles AS", office=None)

    employer, outcome = employer_upsert(orgnr="988077917", name="Renamed AS", office=office)

    assert outcome == Outcome.UNCHANGED
    assert (employer.name, employer.office) == ("Felles AS", None)


def _placement(**overrides):
    values = {
        "enrollment": factories.EnrollmentFactory(),
        "employer": factories.EmployerFactory(office=None),
        "title": "Lagermedarbeider",
        "start_date": datetime.date(2025, 3, 3),
        "hours_per_week": Decimal("20"),
    }
    return placement_upsert(**(values | overrides))


def test_placement_upsert_refuses_an_end_before_the_start(db):
    with pytest.raises(ValidationError) as raised:
        _placement(end_date=datetime.date(2025, 3, 1))

    assert "end_date" in raised.value.message_dict


def test_placement_upsert_refuses_zero_hours(db):
    with pytest.raises(ValidationError) as raised:
        _placement(hours_per_week=Decimal("0"))

    assert "hours_per_week" in raised.value.message_dict


def test_placement_upsert_refuses_a_wage_subsidy_above_100_percent(db):
    with pytest.raises(ValidationError) as raised:
        _placement(wage_subsidy_percent=150)

    assert "wage_subsidy_percent" in raised.value.message_dict


def test_placement_upsert_updates_a_job_start_found_by_its_natural_key(db):
    placement, _outcome = _placement()

    again, outcome = _placement(
        enrollment=placement.enrollment,
        employer=placement.employer,
        end_date=datetime.date(2025, 9, 30),
    )

    assert (again.pk, outcome) == (placement.pk, Outcome.UPDATED)
    assert again.end_date == datetime.date(2025, 9, 30)


def test_placement_upsert_refuses_an_employer_of_another_office(office, other_office):
    enrollment = factories.EnrollmentFactory(office=office)

    with pytest.raises(ValidationError) as raised:
        _placement(enrollment=enrollment, employer=factories.EmployerFactory(office=other_office))

    assert "employer" in raised.value.message_dict
    assert not Placement.objects.exists()


def test_placement_upsert_accepts_an_employer_of_the_office_or_a_shared_one(office):
    enrollment = factories.EnrollmentFactory(office=office)

    _placement(enrollment=enrollment, employer=factories.EmployerFactory(office=office))
    _placement(enrollment=enrollment, employer=factories.EmployerFactory(office=None))

    assert Placement.objects.count() == 2


def test_placement_create_refuses_an_employer_of_another_office(office, other_office):
    with pytest.raises(ValidationError) as raised:
        placement_create(
            enrollment=factories.EnrollmentFactory(office=office),
            employer=factories.EmployerFactory(office=other_office),
            title="Baker",
            start_date=datetime.date(2025, 3, 3),
            hours_per_week=Decimal("20"),
            competitive=True,
            contract="permanent",
        )

    assert "employer" in raised.value.message_dict
