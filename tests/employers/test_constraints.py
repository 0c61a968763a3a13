"""The database refuses impossible employers, job starts and subsidy rules."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from tests import factories

pytestmark = pytest.mark.django_db

START = datetime.date(2025, 3, 3)
DAY_BEFORE = START - datetime.timedelta(1)


def test_it_refuses_two_employers_with_the_same_orgnr():
    factories.EmployerFactory(orgnr="988077917")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.EmployerFactory(orgnr="988077917")


# Placement dates


def test_it_refuses_a_placement_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PlacementFactory(start_date=START, end_date=DAY_BEFORE)


def test_it_accepts_a_placement_ending_on_its_start_date():
    factories.PlacementFactory(start_date=START, end_date=START)


def test_it_refuses_a_wage_subsidy_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PlacementFactory(wage_subsidy_from=START, wage_subsidy_to=DAY_BEFORE)


def test_it_accepts_a_one_day_wage_subsidy():
    factories.PlacementFactory(wage_subsidy_from=START, wage_subsidy_to=START)


def test_it_refuses_a_mentor_subsidy_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PlacementFactory(mentor_subsidy_from=START, mentor_subsidy_to=DAY_BEFORE)


def test_it_accepts_a_one_day_mentor_subsidy():
    factories.PlacementFactory(mentor_subsidy_from=START, mentor_subsidy_to=START)


# Placement amounts


@pytest.mark.parametrize("hours", [Decimal("0.5"), Decimal("100.0")])
def test_it_accepts_hours_per_week_above_0_up_to_100(hours):
    factories.PlacementFactory(hours_per_week=hours)


@pytest.mark.parametrize("hours", [Decimal("0"), Decimal("-1.0"), Decimal("100.1")])
def test_it_refuses_hours_per_week_outside_0_to_100(hours):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PlacementFactory(hours_per_week=hours)


@pytest.mark.parametrize("percent", [None, 1, 100])
def test_it_accepts_no_wage_subsidy_or_1_to_100_percent(percent):
    factories.PlacementFactory(wage_subsidy_percent=percent)


@pytest.mark.parametrize("percent", [0, 101])
def test_it_refuses_a_wage_subsidy_percent_outside_1_to_100(percent):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PlacementFactory(wage_subsidy_percent=percent)


def test_it_accepts_an_hourly_wage_of_zero():
    factories.PlacementFactory(hourly_wage=Decimal("0"))


def test_it_refuses_a_negative_hourly_wage():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PlacementFactory(hourly_wage=Decimal("-0.01"))


def test_it_accepts_an_inclusion_subsidy_of_zero():
    factories.PlacementFactory(inclusion_subsidy_amount=Decimal("0"))


def test_it_refuses_a_negative_inclusion_subsidy():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PlacementFactory(inclusion_subsidy_amount=Decimal("-1"))


def test_it_refuses_the_same_job_start_twice():
    first = factories.PlacementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PlacementFactory(
            enrollment=first.enrollment,
            employer=first.employer,
            title=first.title,
            start_date=first.start_date,
        )


def test_it_accepts_a_second_job_start_at_the_same_employer_on_another_date():
    first = factories.PlacementFactory()
    factories.PlacementFactory(
        enrollment=first.enrollment,
        employer=first.employer,
        title=first.title,
        start_date=first.start_date + datetime.timedelta(1),
    )


# Subsidy rules


def test_it_refuses_two_rules_of_one_kind_from_the_same_date():
    factories.SubsidyRuleFactory(kind="wage", valid_from=START)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.SubsidyRuleFactory(kind="wage", valid_from=START)


def test_it_accepts_rules_of_two_kinds_from_the_same_date():
    factories.SubsidyRuleFactory(kind="wage", valid_from=START)
    factories.SubsidyRuleFactory(kind="mentor", valid_from=START, max_percent=None)


@pytest.mark.parametrize("percent", [None, 0, 100])
def test_it_accepts_a_rule_percent_up_to_100(percent):
    factories.SubsidyRuleFactory(max_percent=percent)


def test_it_refuses_a_rule_percent_above_100():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.SubsidyRuleFactory(max_percent=101)
