"""`seed_demo --history-years`: years of discharged enrollments before the contact log,
for load tests at national scale (bench/README.md)."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q, Sum
from django.utils import timezone

from candidates.models import Candidate, Enrollment
from demo.cases import HISTORY_PER_FTE_YEAR, SPAN_DAYS
from followup.models import Activity
from ips.models import Role, User

YEARS = 2


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", "--history-years", str(YEARS), stdout=StringIO())
        yield
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def log_start(seeded, db):
    return timezone.localdate() - dt.timedelta(days=SPAN_DAYS)


def _history(log_start):
    """Enrollments discharged before the log started; leaving out the earlier enrollments of
    the demo's current candidates (those were logged)."""
    only = Candidate.objects.annotate(n=Count("enrollments")).filter(n=1)
    return Enrollment.objects.filter(discharge_date__lte=log_start, candidate__in=only)


def test_it_adds_a_years_turnover_per_fte_for_each_year_of_history(log_start):
    fte = User.objects.filter(role=Role.SPECIALIST).aggregate(Sum("fte"))["fte__sum"]
    expected = HISTORY_PER_FTE_YEAR * float(fte) * YEARS
    # Rounded per specialist.
    assert expected * 0.95 <= _history(log_start).count() <= expected * 1.05
    assert Candidate.objects.count() > expected


def test_history_is_discharged_with_a_reason_before_the_contact_log_starts(log_start):
    history = _history(log_start)
    assert not history.filter(Q(intake_date__isnull=True) | Q(discharge_reason="")).exists()
    earliest = log_start - dt.timedelta(days=round(365.25 * YEARS))
    assert not history.filter(intake_date__lt=earliest).exists()
    assert history.annotate(n=Count("assignments")).filter(n=0).count() == 0


def test_history_has_jobs_but_no_contact_log(log_start):
    history = _history(log_start)
    employed = history.filter(placements__competitive=True).distinct().count()
    assert employed > history.count() / 4
    assert not Activity.objects.filter(candidate__enrollments__in=history).exists()


def test_history_years_must_not_be_negative(db):
    with pytest.raises(CommandError):
        call_command("seed_demo", "--history-years", "-1", stdout=StringIO())
