"""Who sees which person data, through the scoping functions of each app (candidates, employers and followup queries).

The world: Kari (specialist, Horten, NAV Vestfold) holds one enrollment, Ola
(her teammate) another, Per (specialist, Hamar, NAV Innlandet) a third. One
referral in Vestfold waits for intake with no specialist. Each held enrollment
has a placement and an activity written by its holder, and each office has an
employer; one employer belongs to no office.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from candidates.queries import (
    assignments_visible_to,
    candidates_visible_to,
    enrollments_visible_to,
    holds_candidate,
)
from employers.queries import (
    contact_persons_visible_to,
    employers_visible_to,
    placements_visible_to,
)
from followup.queries import activities_visible_to
from ips.accounts import teams_led_by
from tests import factories

LONG_AGO = datetime.date(2025, 1, 13)


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def held_case(specialist, office, note):
    enrollment = factories.EnrollmentFactory(office=office)
    assignment = factories.AssignmentFactory(
        enrollment=enrollment, specialist=specialist, from_date=LONG_AGO
    )
    employer = factories.EmployerFactory(office=office)
    return SimpleNamespace(
        enrollment=enrollment,
        candidate=enrollment.candidate,
        assignment=assignment,
        employer=employer,
        placement=factories.PlacementFactory(enrollment=enrollment, employer=employer),
        activity=factories.ActivityFactory(
            author=specialist, candidate=enrollment.candidate, employer=employer, note=note
        ),
    )


@pytest.fixture
def world(specialist, teammate, other_specialist, office, other_office):
    waiting = factories.EnrollmentFactory(office=office, intake_date=None)
    shared_employer = factories.EmployerFactory(office=None)
    return SimpleNamespace(
        kari=held_case(specialist, office, "Kari met the candidate"),
        ola=held_case(teammate, office, "Ola met the candidate"),
        per=held_case(other_specialist, other_office, "Per met the candidate"),
        waiting=waiting,
        shared_employer=shared_employer,
        own_work=factories.ActivityFactory(author=specialist, candidate=None, with_whom="none"),
    )


# Specialist


def test_a_specialist_sees_the_candidates_they_hold(specialist, world):
    assert ids(candidates_visible_to(specialist)) == {world.kari.candidate.pk}


def test_a_specialist_sees_the_enrollments_they_hold(specialist, world):
    assert ids(enrollments_visible_to(specialist)) == {world.kari.enrollment.pk}


def test_a_specialist_sees_the_assignments_of_their_enrollments(specialist, world):
    assert ids(assignments_visible_to(specialist)) == {world.kari.assignment.pk}


def test_a_specialist_sees_the_placements_of_their_enrollments(specialist, world):
    assert ids(placements_visible_to(specialist)) == {world.kari.placement.pk}


def test_a_specialist_sees_their_activities_and_those_about_their_candidates(specialist, world):
    assert ids(activities_visible_to(specialist)) == {
        world.kari.activity.pk,
        world.own_work.pk,
    }


def test_a_specialist_sees_the_employers_of_their_office_and_the_shared_ones(specialist, world):
    assert ids(employers_visible_to(specialist)) == {
        world.kari.employer.pk,
        world.ola.employer.pk,
        world.shared_employer.pk,
    }


def test_a_specialist_sees_the_contact_persons_of_visible_employers_only(specialist, world):
    visible = factories.ContactPersonFactory(employer=world.kari.employer)
    factories.ContactPersonFactory(employer=world.per.employer)
    assert ids(contact_persons_visible_to(specialist)) == {visible.pk}


def test_a_specialist_does_not_see_a_waiting_referral(specialist, world):
    assert world.waiting.pk not in ids(enrollments_visible_to(specialist))
    assert world.waiting.candidate_id not in ids(candidates_visible_to(specialist))


# Another team's specialist


def test_another_teams_specialist_sees_only_their_own_case(other_specialist, world):
    assert ids(candidates_visible_to(other_specialist)) == {world.per.candidate.pk}
    assert ids(enrollments_visible_to(other_specialist)) == {world.per.enrollment.pk}
    assert ids(assignments_visible_to(other_specialist)) == {world.per.assignment.pk}
    assert ids(placements_visible_to(other_specialist)) == {world.per.placement.pk}
    assert ids(activities_visible_to(other_specialist)) == {world.per.activity.pk}


def test_another_offices_specialist_sees_their_office_and_shared_employers(other_specialist, world):
    assert ids(employers_visible_to(other_specialist)) == {
        world.per.employer.pk,
        world.shared_employer.pk,
    }


# Reassignment


@pytest.fixture
def reassigned(world, teammate):
    """Kari's candidate goes to Ola; Ola then writes an activity about them."""
    factories.AssignmentFactory(
        enrollment=world.kari.enrollment,
        specialist=teammate,
        from_date=timezone.localdate() - datetime.timedelta(days=7),
    )
    return factories.ActivityFactory(
        author=teammate, candidate=world.kari.candidate, note="Ola took over"
    )


def test_a_former_holder_no_longer_sees_the_candidate(specialist, world, reassigned):
    assert world.kari.candidate.pk not in ids(candidates_visible_to(specialist))
    assert ids(enrollments_visible_to(specialist)) == set()
    assert ids(placements_visible_to(specialist)) == set()
    assert ids(assignments_visible_to(specialist)) == set()


def test_a_former_holder_still_sees_the_activities_they_wrote(specialist, world, reassigned):
    assert ids(activities_visible_to(specialist)) == {
        world.kari.activity.pk,
        world.own_work.pk,
    }


def test_the_new_holder_sees_the_candidate_and_all_its_activities(teammate, world, reassigned):
    assert world.kari.candidate.pk in ids(candidates_visible_to(teammate))
    assert world.kari.placement.pk in ids(placements_visible_to(teammate))
    visible = ids(activities_visible_to(teammate))
    assert {world.kari.activity.pk, reassigned.pk} <= visible


def test_the_new_holder_sees_the_whole_assignment_history(teammate, world, reassigned):
    history = ids(assignments_visible_to(teammate).filter(enrollment=world.kari.enrollment))
    assert len(history) == 2


def test_a_future_dated_reassignment_leaves_the_candidate_with_the_current_holder(
    specialist, teammate, world
):
    factories.AssignmentFactory(
        enrollment=world.kari.enrollment,
        specialist=teammate,
        from_date=timezone.localdate() + datetime.timedelta(days=1),
    )
    assert world.kari.candidate.pk in ids(candidates_visible_to(specialist))
    assert world.kari.candidate.pk not in ids(candidates_visible_to(teammate))


def test_a_reassignment_dated_today_moves_the_candidate_today(specialist, teammate, world):
    factories.AssignmentFactory(
        enrollment=world.kari.enrollment, specialist=teammate, from_date=timezone.localdate()
    )
    assert world.kari.candidate.pk not in ids(candidates_visible_to(specialist))
    assert world.kari.candidate.pk in ids(candidates_visible_to(teammate))


def test_a_specialist_still_sees_a_discharged_candidate_they_held(specialist, world):
    enrollment = world.kari.enrollment
    enrollment.discharge_date = enrollment.intake_date + datetime.timedelta(days=30)
    enrollment.discharge_reason = "own_wish"
    enrollment.save()
    assert ids(candidates_visible_to(specialist)) == {world.kari.candidate.pk}


# Team leader


def test_a_leader_sees_the_candidates_held_by_their_team(leader, world):
    assert ids(candidates_visible_to(leader)) == {
        world.kari.candidate.pk,
        world.ola.candidate.pk,
    }


def test_a_leader_sees_their_teams_enrollments_assignments_and_placements(leader, world):
    assert ids(enrollments_visible_to(leader)) == {
        world.kari.enrollment.pk,
        world.ola.enrollment.pk,
    }
    assert ids(assignments_visible_to(leader)) == {
        world.kari.assignment.pk,
        world.ola.assignment.pk,
    }
    assert ids(placements_visible_to(leader)) == {
        world.kari.placement.pk,
        world.ola.placement.pk,
    }


def test_a_leader_sees_the_activities_of_their_team(leader, world):
    assert ids(activities_visible_to(leader)) == {
        world.kari.activity.pk,
        world.ola.activity.pk,
        world.own_work.pk,
    }


def test_a_leader_does_not_see_a_waiting_referral(leader, world):
    assert world.waiting.pk not in ids(enrollments_visible_to(leader))


def test_a_leader_sees_their_offices_and_shared_employers(leader, world):
    assert ids(employers_visible_to(leader)) == {
        world.kari.employer.pk,
        world.ola.employer.pk,
        world.shared_employer.pk,
    }


def test_another_teams_leader_sees_only_their_teams_case(other_leader, world):
    assert ids(candidates_visible_to(other_leader)) == {world.per.candidate.pk}
    assert ids(placements_visible_to(other_leader)) == {world.per.placement.pk}
    assert ids(activities_visible_to(other_leader)) == {world.per.activity.pk}


def test_a_leader_of_two_teams_sees_the_candidates_of_both(leader, office, world):
    second_team = factories.TeamFactory(office=office, name="Tønsberg")
    second_team.leaders.add(leader)
    tonje = factories.SpecialistFactory(username="tonje", team=second_team)
    tonsberg = held_case(tonje, office, "Tonje met the candidate")
    assert ids(candidates_visible_to(leader)) == {
        world.kari.candidate.pk,
        world.ola.candidate.pk,
        tonsberg.candidate.pk,
    }
    assert tonsberg.activity.pk in ids(activities_visible_to(leader))
    assert tonsberg.placement.pk in ids(placements_visible_to(leader))


def test_a_leader_named_leader_of_another_offices_team_sees_none_of_it(leader, other_team, world):
    other_team.leaders.add(leader)
    assert ids(candidates_visible_to(leader)) == {
        world.kari.candidate.pk,
        world.ola.candidate.pk,
    }
    assert world.per.activity.pk not in ids(activities_visible_to(leader))
    assert world.per.placement.pk not in ids(placements_visible_to(leader))
    assert other_team.pk not in ids(teams_led_by(leader))


def test_a_candidate_of_another_office_stays_out_of_reach_whatever_the_assignments(
    specialist, leader, intake, world
):
    """A record that points across offices (an assignment to Kari of a
    candidate held by office Innlandet) still stays out of Vestfold's reach."""
    factories.AssignmentFactory(
        enrollment=world.per.enrollment,
        specialist=specialist,
        from_date=LONG_AGO + datetime.timedelta(days=1),
    )
    for user in (specialist, leader, intake):
        assert world.per.candidate.pk not in ids(candidates_visible_to(user))
        assert world.per.enrollment.pk not in ids(enrollments_visible_to(user))
        assert world.per.placement.pk not in ids(placements_visible_to(user))
        assert world.per.activity.pk not in ids(activities_visible_to(user))
    assert not holds_candidate(specialist, world.per.candidate)


def test_a_leader_loses_the_candidate_reassigned_out_of_the_team(leader, other_specialist, world):
    factories.AssignmentFactory(
        enrollment=world.kari.enrollment,
        specialist=other_specialist,
        from_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert world.kari.candidate.pk not in ids(candidates_visible_to(leader))


# Intake admin


def test_intake_sees_the_candidates_and_enrollments_of_their_office(intake, world):
    assert ids(candidates_visible_to(intake)) == {
        world.kari.candidate.pk,
        world.ola.candidate.pk,
        world.waiting.candidate_id,
    }
    assert ids(enrollments_visible_to(intake)) == {
        world.kari.enrollment.pk,
        world.ola.enrollment.pk,
        world.waiting.pk,
    }


def test_intake_sees_the_assignments_of_their_office(intake, world):
    assert ids(assignments_visible_to(intake)) == {
        world.kari.assignment.pk,
        world.ola.assignment.pk,
    }


def test_intake_sees_no_placements_and_no_activity_notes(intake, world):
    assert ids(placements_visible_to(intake)) == set()
    assert ids(activities_visible_to(intake)) == set()


def test_intake_sees_the_employers_of_their_office_and_the_shared_ones(intake, world):
    assert ids(employers_visible_to(intake)) == {
        world.kari.employer.pk,
        world.ola.employer.pk,
        world.shared_employer.pk,
    }


def test_another_offices_intake_sees_only_that_office(other_office, world):
    other_intake = factories.IntakeAdminFactory(office=other_office)
    assert ids(candidates_visible_to(other_intake)) == {world.per.candidate.pk}
    assert ids(enrollments_visible_to(other_intake)) == {world.per.enrollment.pk}
    assert ids(assignments_visible_to(other_intake)) == {world.per.assignment.pk}
    assert ids(employers_visible_to(other_intake)) == {
        world.per.employer.pk,
        world.shared_employer.pk,
    }


# Analyst, superuser, inactive and anonymous users


@pytest.mark.parametrize(
    "scope",
    [
        candidates_visible_to,
        enrollments_visible_to,
        assignments_visible_to,
        placements_visible_to,
        activities_visible_to,
        employers_visible_to,
        contact_persons_visible_to,
    ],
    ids=lambda scope: scope.__name__,
)
def test_an_analyst_sees_no_person_data(analyst, world, scope):
    assert ids(scope(analyst)) == set()


def test_a_superuser_sees_everything(world):
    superuser = factories.UserFactory(is_superuser=True, is_staff=True, team=None)
    assert len(ids(candidates_visible_to(superuser))) == 4
    assert len(ids(enrollments_visible_to(superuser))) == 4
    assert len(ids(assignments_visible_to(superuser))) == 3
    assert len(ids(placements_visible_to(superuser))) == 3
    assert len(ids(activities_visible_to(superuser))) == 4
    assert len(ids(employers_visible_to(superuser))) == 4


@pytest.mark.parametrize(
    "scope",
    [
        candidates_visible_to,
        enrollments_visible_to,
        assignments_visible_to,
        placements_visible_to,
        activities_visible_to,
        employers_visible_to,
    ],
    ids=lambda scope: scope.__name__,
)
def test_a_deactivated_specialist_sees_nothing(specialist, world, scope):
    specialist.is_active = False
    specialist.save()
    assert ids(scope(specialist)) == set()


@pytest.mark.parametrize(
    "scope",
    [
        candidates_visible_to,
        enrollments_visible_to,
        assignments_visible_to,
        placements_visible_to,
        activities_visible_to,
        employers_visible_to,
        contact_persons_visible_to,
    ],
    ids=lambda scope: scope.__name__,
)
def test_an_anonymous_visitor_sees_nothing(world, scope):
    assert ids(scope(AnonymousUser())) == set()
