"""Who may see what: one scoping function per person-data model.

Views, exports and commands never filter person data by role themselves;
they ask here. A record outside the returned queryset answers 404
(`get_object_or_404(candidates_visible_to(user), pk=...)`).

| role         | sees                                                              |
|--------------|-------------------------------------------------------------------|
| specialist   | enrollments they hold today, those candidates, their placements   |
|              | and activities, plus every activity they wrote themselves         |
| team leader  | the same for enrollments held by members of the teams they lead   |
| intake admin | intake data of their office: candidates, enrollments, assignments |
|              | (no placements, no activity notes)                                |
| analyst      | no person data at all, only aggregates                            |
| (deciding)   | transfer requests from other offices for records the office holds: |
|              | intake admins all, team leaders those their teams hold or wait    |
| superuser    | everything (the Django admin)                                     |

An office is a hard boundary: below superuser, every function here keeps
only records of the user's own office (`Candidate.office`, the office that
holds the person's record), whatever assignments or authorship say, so a
record that somehow points across offices still stays out of reach.

Accounts follow one rule of their own, in `ips/accounts.py`
(`users_manageable_by`).

"Holds" means: the specialist of the latest assignment with from-date ≤ today
(design.md's holder on D) of the candidate's latest enrollment. Whoever may
read a candidate sees the whole enrollment history. After a reassignment, or
when a new enrollment goes to someone else, the former specialist no longer
sees the candidate, only the activities they wrote.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from candidates.models import Assignment, Candidate, Enrollment, TransferRequest, TransferStatus
from employers.models import ContactPerson, Employer, Placement
from followup.models import Activity
from ips.accounts import teams_led_by
from ips.models import Role, User


def _today():
    return timezone.localdate()


def _in_office(user) -> Q:
    """Candidates of the user's own office (Candidate.office)."""
    return Q(office_id=user.office_id) if user.office_id else Q(pk__in=[])


def _latest_enrollments() -> QuerySet:
    """Each candidate's latest enrollment (by referral date, then id)."""
    later = Enrollment.objects.filter(candidate=OuterRef("candidate")).filter(
        Q(referral_date__gt=OuterRef("referral_date"))
        | Q(referral_date=OuterRef("referral_date"), pk__gt=OuterRef("pk"))
    )
    return Enrollment.objects.filter(~Exists(later))


def _held_candidate_ids(user) -> QuerySet:
    """Candidates whose latest enrollment is held today by this user or, for a
    leader, by a member of their teams. A specialist keeps a discharged
    candidate's file while they hold its latest enrollment; a new enrollment
    held by someone else (or waiting for intake) ends their access."""
    latest = _latest_enrollments().with_holder_on(_today())
    if user.role == Role.SPECIALIST:
        return latest.filter(holder_id=user.pk).values("candidate_id")
    if user.role == Role.TEAM_LEADER:
        members = User.objects.filter(team__in=teams_led_by(user)).values("pk")
        return latest.filter(holder_id__in=members).values("candidate_id")
    return Enrollment.objects.none().values("candidate_id")


def enrollments_visible_to(user) -> QuerySet:
    """Every enrollment (the whole history) of the candidates the user may read;
    for an intake admin, the enrollments of their office."""
    if not user.is_authenticated or not user.is_active:
        return Enrollment.objects.none()
    if user.is_superuser:
        return Enrollment.objects.all()
    if user.role in (Role.SPECIALIST, Role.TEAM_LEADER):
        return Enrollment.objects.filter(
            candidate_id__in=_held_candidate_ids(user), candidate__office_id=user.office_id
        )
    if user.role == Role.INTAKE_ADMIN and user.office_id:
        return Enrollment.objects.filter(
            office_id=user.office_id, candidate__office_id=user.office_id
        )
    return Enrollment.objects.none()


def waiting_enrollments_visible_to(user) -> QuerySet:
    """The waiting list: referrals of the user's office that no specialist
    holds yet and that are not discharged. Intake admins keep it; team leaders
    of the office see it too, so they can assign above a specialist's cap."""
    if not user.is_authenticated or not user.is_active:
        return Enrollment.objects.none()
    waiting = Enrollment.objects.filter(discharge_date__isnull=True).exclude(
        Exists(Assignment.objects.filter(enrollment=OuterRef("pk")))
    )
    if user.is_superuser:
        return waiting
    if user.role in (Role.INTAKE_ADMIN, Role.TEAM_LEADER) and user.office_id:
        return waiting.filter(office_id=user.office_id, candidate__office_id=user.office_id)
    return Enrollment.objects.none()


def enrollments_assignable_by(user) -> QuerySet:
    """Enrollments the user may assign, reassign or discharge: an intake admin
    those of their office, a team leader those their teams hold and the
    office's waiting list."""
    if not user.is_authenticated or not user.is_active:
        return Enrollment.objects.none()
    if user.is_superuser:
        return Enrollment.objects.all()
    if user.role == Role.INTAKE_ADMIN:
        return enrollments_visible_to(user)
    if user.role == Role.TEAM_LEADER:
        return Enrollment.objects.filter(
            Q(pk__in=enrollments_visible_to(user).values("pk"))
            | Q(pk__in=waiting_enrollments_visible_to(user).values("pk"))
        )
    return Enrollment.objects.none()


def candidates_visible_to(user) -> QuerySet:
    if not user.is_authenticated or not user.is_active:
        return Candidate.objects.none()
    if user.is_superuser:
        return Candidate.objects.all()
    in_office = Candidate.objects.filter(_in_office(user))
    if user.role in (Role.SPECIALIST, Role.TEAM_LEADER):
        return in_office.filter(pk__in=_held_candidate_ids(user))
    visible = enrollments_visible_to(user).filter(candidate=OuterRef("pk"))
    return in_office.filter(Exists(visible))


def assignments_visible_to(user) -> QuerySet:
    if not user.is_authenticated or not user.is_active:
        return Assignment.objects.none()
    if user.is_superuser:
        return Assignment.objects.all()
    return Assignment.objects.filter(enrollment__in=enrollments_visible_to(user).values("pk"))


def placements_visible_to(user) -> QuerySet:
    """Job starts of the enrollments the user holds or leads. Intake admins
    and analysts see none."""
    if not user.is_authenticated or not user.is_active:
        return Placement.objects.none()
    if user.is_superuser:
        return Placement.objects.all()
    if user.role not in (Role.SPECIALIST, Role.TEAM_LEADER):
        return Placement.objects.none()
    return Placement.objects.filter(enrollment__in=enrollments_visible_to(user).values("pk"))


def activities_visible_to(user) -> QuerySet:
    """Activities about candidates the user may read, and activities the user
    (or, for a leader, a team member) wrote. Intake admins do not read notes."""
    if not user.is_authenticated or not user.is_active:
        return Activity.objects.none()
    if user.is_superuser:
        return Activity.objects.all()
    if user.role == Role.SPECIALIST:
        authors = Q(author=user)
    elif user.role == Role.TEAM_LEADER:
        authors = Q(author__team__in=teams_led_by(user))
    else:
        return Activity.objects.none()
    about_visible = Q(candidate__in=candidates_visible_to(user).values("pk"))
    # What the user (or their team) wrote about a candidate of another office
    # stays out of reach: only the candidate's own office reads it.
    own_office = Q(candidate__isnull=True) | Q(candidate__office_id=user.office_id)
    return Activity.objects.filter((authors & own_office) | about_visible)


def employers_visible_to(user) -> QuerySet:
    """Employers are shared within an office; those without an office are
    shared by all. Analysts see none (contact persons are person data)."""
    if not user.is_authenticated or not user.is_active:
        return Employer.objects.none()
    if user.is_superuser:
        return Employer.objects.all()
    if user.role == Role.ANALYST or not user.office_id:
        return Employer.objects.none()
    return Employer.objects.filter(Q(office_id=user.office_id) | Q(office__isnull=True))


def contact_persons_visible_to(user) -> QuerySet:
    return ContactPerson.objects.filter(employer__in=employers_visible_to(user).values("pk"))


def transfer_requests_to_decide_by(user) -> QuerySet:
    """Pending transfer requests addressed to the user's office about a record
    the office still holds, that the user may decide: an intake admin every
    one of the office, a team leader those about records their teams hold or
    that wait on the office's waiting list. The requesting office sees none
    (it learns nothing until a request is accepted), and once the record has
    moved the former office sees it no more."""
    if not user.is_authenticated or not user.is_active:
        return TransferRequest.objects.none()
    pending = TransferRequest.objects.filter(
        status=TransferStatus.PENDING, held_record__isnull=False
    )
    if user.is_superuser:
        return pending
    if user.role not in (Role.INTAKE_ADMIN, Role.TEAM_LEADER) or not user.office_id:
        return TransferRequest.objects.none()
    return pending.filter(
        holding_office_id=user.office_id,
        held_record__office_id=user.office_id,
        held_record__in=enrollments_assignable_by(user).values("candidate_id"),
    )


def holds_candidate(user, candidate, day=None) -> bool:
    """True when `user` holds the candidate's latest enrollment today."""
    if not user.is_authenticated or candidate.office_id != user.office_id:
        return False
    return (
        _latest_enrollments()
        .with_holder_on(day or _today())
        .filter(candidate=candidate, holder_id=user.pk)
        .exists()
    )


def contact_details_visible(user, candidate) -> bool:
    """Address and contact details of a protected person (kode 6/7) are shown
    only to the specialist who holds them; nobody else, superusers included."""
    if not candidate.protected_address:
        return True
    return holds_candidate(user, candidate)
