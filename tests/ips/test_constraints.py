"""The database refuses impossible offices, teams and users, whatever wrote them."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from ips.models import Office, User
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fte", [Decimal("0.01"), Decimal("0.60"), Decimal("1.00")])
def test_it_accepts_fte_above_zero_up_to_one(fte):
    user = factories.SpecialistFactory(fte=fte)
    user.refresh_from_db()
    assert user.fte == fte


@pytest.mark.parametrize("fte", [Decimal("0"), Decimal("-0.50"), Decimal("1.01")])
def test_it_refuses_fte_outside_zero_to_one(fte):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.SpecialistFactory(fte=fte)


@pytest.mark.parametrize("cap", [1, 20, 100])
def test_it_accepts_a_caseload_cap_from_1_to_100(cap):
    assert factories.SpecialistFactory(caseload_cap=cap).caseload_cap == cap


@pytest.mark.parametrize("cap", [0, 101])
def test_it_refuses_a_caseload_cap_outside_1_to_100(cap):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.SpecialistFactory(caseload_cap=cap)


def test_it_refuses_two_teams_with_the_same_name_in_one_office():
    office = factories.OfficeFactory()
    factories.TeamFactory(office=office, name="Horten")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.TeamFactory(office=office, name="Horten")


def test_it_accepts_the_same_team_name_in_two_offices():
    factories.TeamFactory(office=factories.OfficeFactory(), name="Horten")
    factories.TeamFactory(office=factories.OfficeFactory(), name="Horten")


def test_it_refuses_two_offices_with_the_same_name():
    factories.OfficeFactory(name="NAV Vestfold")
    with pytest.raises(IntegrityError), transaction.atomic():
        Office.objects.create(name="NAV Vestfold")


def test_it_refuses_two_users_with_the_same_username():
    factories.SpecialistFactory(username="kari")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="kari")
