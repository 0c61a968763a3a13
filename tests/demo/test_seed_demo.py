"""`manage.py seed_demo`: the demo a new user meets on `make run`.

The demo is seeded twice for the module (about 2 s each on SQLite) to check
that the same seed gives the same data, and flushed afterwards; each test
reads it inside its own rolled-back transaction.
"""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Min, Q
from django.utils import timezone

from candidates.models import Assignment, Candidate, Enrollment, ProtectedAddress
from candidates.queries import candidates_visible_to
from demo import seed
from employers.models import Employer, Placement, SubsidyRule
from followup.models import Activity
from ips.models import Office, Role, Team, User
from ips.validators import is_valid_fnr, is_valid_orgnr
from tests.conftest import log_in

SEED = 7


def _seed(*args):
    out = StringIO()
    call_command("seed_demo", "--seed", str(SEED), *args, stdout=out)
    return out.getvalue()


def _fingerprint():
    """Enough of the demo to notice if a second run with the same seed differed."""
    return {
        "users": list(User.objects.order_by("pk").values_list("username", "role", "fte")),
        "candidates": list(
            Candidate.objects.order_by("pk").values_list("first_name", "last_name", "birth_date")
        ),
        "enrollments": list(
            Enrollment.objects.order_by("pk").values_list(
                "referral_date", "intake_date", "discharge_date", "discharge_reason"
            )
        ),
        "placements": list(Placement.objects.order_by("pk").values_list("title", "start_date")),
        "employers": list(Employer.objects.order_by("pk").values_list("orgnr", "name")),
        "activities": list(
            Activity.objects.order_by("pk").values_list("date", "minutes", "location")[:500]
        ),
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _seed()
        first_run = _fingerprint()
        call_command("flush", interactive=False, verbosity=0)
        output = _seed()
        yield {"output": output, "fingerprints": (first_run, _fingerprint())}
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def output(seeded, db):
    return seeded["output"]


def _user(username):
    return User.objects.get(username=username)


def test_it_creates_two_offices_with_three_teams(output):
    teams = {(t.office.name, t.name) for t in Team.objects.select_related("office")}
    assert teams == {("NAV Vestfold", "Horten"), ("NAV Vestfold", "Tønsberg"),
                     ("NAV Innlandet", "Hamar")}  # fmt: skip


def test_it_spreads_about_ten_specialists_with_different_ftes_over_the_teams(output):
    specialists = User.objects.filter(role=Role.SPECIALIST)
    assert 8 <= specialists.count() <= 12
    assert {float(f) for f in specialists.values_list("fte", flat=True)} >= {1.0, 0.8, 0.6, 0.5}
    assert specialists.values("team").distinct().count() == 3


def test_every_team_has_a_leader_among_its_leaders(output):
    for team in Team.objects.all():
        leaders = list(team.leaders.all())
        assert leaders, team
        assert all(u.role == Role.TEAM_LEADER and u.team == team for u in leaders)


def test_every_office_has_an_intake_admin(output):
    for office in Office.objects.all():
        assert office.users.filter(role=Role.INTAKE_ADMIN, is_superuser=False).exists(), office


def test_it_creates_an_analyst_and_a_superuser_admin(output):
    assert User.objects.filter(role=Role.ANALYST, office=None).exists()
    admin = _user("admin")
    assert admin.is_staff and admin.is_superuser


def test_the_demo_intake_admin_does_not_look_after_the_superuser(output):
    from ips.accounts import users_manageable_by

    manageable = users_manageable_by(_user("inger"))
    assert manageable.filter(username="kari").exists()
    assert not manageable.filter(username="admin").exists()


def test_it_says_how_demo_users_get_an_enrolment_link_when_two_factor_login_is_on(output):
    assert "manage.py enrolment_link" in output


def test_it_creates_about_150_candidates_with_one_strictly_confidential_address(output):
    assert 130 <= Candidate.objects.count() <= 170
    protected = Candidate.objects.exclude(protected_address=ProtectedAddress.NONE)
    assert list(protected.values_list("protected_address", flat=True)) == [
        ProtectedAddress.STRICTLY_CONFIDENTIAL
    ]


def test_about_a_third_of_the_candidates_have_a_valid_fodselsnummer(output):
    fnrs = list(Candidate.objects.exclude(fnr=None).values_list("fnr", flat=True))
    assert 0.2 < len(fnrs) / Candidate.objects.count() < 0.5
    assert all(is_valid_fnr(fnr) for fnr in fnrs)


def test_candidates_are_adults_of_working_age(output):
    today = timezone.localdate()
    oldest = today.replace(year=today.year - 65)
    youngest = today.replace(year=today.year - 18)
    assert not Candidate.objects.exclude(birth_date__range=(oldest, youngest)).exists()


def test_employers_have_valid_organisation_numbers_and_an_office(output):
    employers = Employer.objects.all()
    assert employers.count() >= 20
    assert all(is_valid_orgnr(orgnr) for orgnr in employers.values_list("orgnr", flat=True))
    assert not employers.filter(office=None).exists()


def test_it_keeps_a_waiting_list_without_intake_or_assignment(output):
    waiting = Enrollment.objects.filter(intake_date=None)
    assert waiting.exists()
    assert not Assignment.objects.filter(enrollment__in=waiting).exists()


def test_some_enrollments_are_discharged_with_a_reason(output):
    discharged = Enrollment.objects.exclude(discharge_date=None)
    assert discharged.exists()
    assert not discharged.filter(discharge_reason="").exists()


def test_it_keeps_the_history_of_reassignments(output):
    reassigned = Enrollment.objects.annotate(n=Count("assignments")).filter(n__gt=1)
    assert reassigned.exists()
    first, second = reassigned.first().assignments.order_by("from_date")[:2]
    assert first.specialist != second.specialist


def test_placements_include_ordinary_jobs_work_training_and_subsidies(output):
    assert Placement.objects.filter(competitive=True).count() > 20
    assert Placement.objects.filter(competitive=False).exists()
    assert Placement.objects.exclude(wage_subsidy_percent=None).exists()
    assert Placement.objects.exclude(end_reason="").exists()
    assert set(SubsidyRule.objects.values_list("kind", flat=True)) == {
        "wage", "inclusion", "mentor"
    }  # fmt: skip


def test_about_half_of_a_years_cohort_is_in_work_within_a_year(output):
    year = dt.timedelta(days=365)
    first_job = Min(
        "placements__start_date",
        filter=Q(placements__competitive=True, placements__start_date__gte=F("intake_date")),
    )
    cohort = Enrollment.objects.filter(
        employed_at_referral=False, intake_date__lte=timezone.localdate() - year
    ).annotate(first_job=first_job)
    in_work = [e for e in cohort if e.first_job and e.first_job <= e.intake_date + year]
    assert 0.3 < len(in_work) / len(cohort) < 0.7


def test_it_logs_thousands_of_activities_in_and_out_of_the_field(output):
    activities = Activity.objects.all()
    assert activities.count() > 5000
    assert {"workplace", "community", "office"} == set(
        activities.values_list("location", flat=True).distinct()
    )
    assert activities.exclude(euse_stage=None).exists()
    employer_visits = activities.filter(with_whom="employer", mode="in_person")
    assert set(employer_visits.values_list("location", flat=True).distinct()) == {"workplace"}


def test_caseloads_per_fte_vary_around_the_band(output):
    today = timezone.localdate()
    held = Enrollment.objects.active_on(today).with_holder_on(today)
    per_fte = [
        held.filter(holder_id=s.pk).count() / float(s.fte)
        for s in User.objects.filter(role=Role.SPECIALIST)
    ]
    within = [x for x in per_fte if 12 <= x <= 20]
    assert len(within) >= len(per_fte) / 2
    assert min(per_fte) < 12 and max(per_fte) > 20


def test_every_specialist_sees_at_least_one_candidate(output):
    for specialist in User.objects.filter(role=Role.SPECIALIST):
        assert candidates_visible_to(specialist).exists(), specialist.username


def test_the_leader_sees_the_candidates_of_their_team(output):
    leader = _user("lise")
    team_view = set()
    for member in User.objects.filter(role=Role.SPECIALIST, team=leader.team):
        team_view |= set(candidates_visible_to(member))
    assert team_view
    assert set(candidates_visible_to(leader)) == team_view


def test_it_prints_the_logins_with_the_shared_password(output):
    assert seed.DEMO_PASSWORD in output
    for username in ("kari", "lise", "inger", "anders", "admin"):
        assert username in output


def test_the_shared_password_passes_the_password_validators(output):
    for username in ("kari", "admin"):
        validate_password(seed.DEMO_PASSWORD, _user(username))


@pytest.mark.parametrize("username", ["kari", "lise", "inger", "anders", "admin"])
def test_each_demo_role_logs_in_with_the_printed_password(output, client, username):
    log_in(client, _user(username), password=seed.DEMO_PASSWORD)
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [] or not response.redirect_chain[-1][0].startswith("/login/")
    assert response.context["user"].username == username


def test_if_empty_leaves_a_seeded_database_alone_and_prints_the_logins(output):
    before = (User.objects.count(), Candidate.objects.count(), Activity.objects.count())
    again = _seed("--if-empty")
    assert (User.objects.count(), Candidate.objects.count(), Activity.objects.count()) == before
    assert seed.DEMO_PASSWORD in again and "kari" in again


def test_it_refuses_to_seed_a_database_that_has_users(output):
    with pytest.raises(CommandError):
        _seed()


def test_the_same_seed_gives_the_same_demo(seeded):
    first_run, second_run = seeded["fingerprints"]
    assert first_run["candidates"] and first_run == second_run
