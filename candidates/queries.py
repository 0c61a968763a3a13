"""Reads of candidates and their enrollments: who may see which (the scoping
functions), the file's parts, protection changes, matching a person,
transfer requests.

Every query that returns candidates, enrollments, assignments or transfer
requests goes through a `*_visible_to` function here; a record outside it
answers 404. Who sees what (docs/security.md, "Who sees what"):

| role         | sees                                                              |
|--------------|-------------------------------------------------------------------|
| specialist   | the candidates whose latest enrollment they hold today            |
| team leader  | the same for enrollments held by members of the teams they lead   |
| intake admin | intake data of their office: candidates, enrollments, assignments |
| analyst      | no person data at all, only aggregates                            |
| superuser    | everything (the Django admin)                                     |

Below superuser every function keeps to the user's own office
(`ips.access.office_boundary`), whatever assignments say. "Holds" means: the
specialist of the latest assignment with from-date ≤ today of the
candidate's latest enrollment. Whoever may read a candidate sees the whole
enrollment history; after a reassignment the former specialist no longer
sees the candidate. Placements and employers are scoped in
`employers.queries`, activities in `followup.queries`.
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from candidates.casefile import TimelineItem
from candidates.models import (
    LIFTED,
    Assignment,
    Candidate,
    Enrollment,
    ProtectionChange,
    StageChange,
    TransferRequest,
    TransferStatus,
)
from ips.access import office_boundary
from ips.accounts import teams_led_by
from ips.models import Role, User

# --- Who may see what ----------------------------------------------------------


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
    latest = _latest_enrollments().with_holder_on(timezone.localdate())
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
    in_office = Candidate.objects.filter(office_boundary(user))
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


def caseloads(day: datetime.date, holders: QuerySet | None = None) -> dict[int, int]:
    """Caseload(S, D) for each holder S: the number of enrollments active on D
    that S holds on D (docs/metrics.md). The one count of a caseload: the
    fidelity report, the intake's choice of a specialist, the caseload page and
    the account checks ("reassign first") read it.

    `holders` (a queryset of users) narrows the count to them; None counts
    for every holder."""
    enrollments = Enrollment.objects.all()
    if holders is not None:
        enrollments = enrollments.ever_held_by(holders)
    enrollments = enrollments.held_on(day)
    if holders is not None:
        enrollments = enrollments.filter(holder_id__in=holders.values("pk"))
    rows = enrollments.order_by().values("holder_id").annotate(n=Count("pk"))
    return dict(rows.values_list("holder_id", "n"))


def held_count(user, day: datetime.date) -> int:
    """How many candidates `user` holds on `day` (their caseload)."""
    return caseloads(day, User.objects.filter(pk=user.pk)).get(user.pk, 0)


def holds_candidate(user, candidate, day=None) -> bool:
    """True when `user` holds the candidate's latest enrollment today."""
    if not user.is_authenticated or candidate.office_id != user.office_id:
        return False
    return (
        _latest_enrollments()
        .with_holder_on(day or timezone.localdate())
        .filter(candidate=candidate, holder_id=user.pk)
        .exists()
    )


def contact_details_visible(user, candidate) -> bool:
    """Address and contact details of a protected person (kode 6/7) are shown
    only to the specialist who holds them; nobody else, superusers included."""
    if not candidate.protected_address:
        return True
    return holds_candidate(user, candidate)


# --- The file and its parts --------------------------------------------------


def current_enrollment(user, candidate: Candidate, day: datetime.date | None = None):
    """The candidate's enrollment the user works on: the active one they may
    see, else the latest they may see."""
    day = day or timezone.localdate()
    enrollments = enrollments_visible_to(user).filter(candidate=candidate)
    return (
        enrollments.active_on(day).order_by("-intake_date", "-pk").first()
        or enrollments.order_by("-referral_date", "-pk").first()
    )


def stage_change_entries(user, candidate: Candidate, limit: int) -> list[TimelineItem]:
    """The candidate's EUSE stage changes, for the timeline (casefile)."""
    changes = (
        StageChange.objects.filter(
            enrollment__in=enrollments_visible_to(user).filter(candidate=candidate).values("pk")
        )
        .select_related("changed_by")
        .order_by("-changed_at")[:limit]
    )
    entries = []
    for change in changes:
        day = timezone.localdate(change.changed_at)
        entries.append(
            TimelineItem(
                "stage_change",
                day,
                (day, change.changed_at.timestamp()),
                change,
                template="candidates/_timeline_stage_change.html",
                by=change.changed_by,
            )
        )
    return entries


def protection_lifts(user, *, team, since: datetime.date) -> QuerySet:
    """Protected-address flags lifted or lowered since `since` by members of
    `team`, on candidates the user may read: what a team leader is told about."""
    return (
        ProtectionChange.objects.filter(LIFTED)
        .filter(
            changed_by__team=team,
            changed_at__date__gte=since,
            candidate__in=candidates_visible_to(user).values("pk"),
        )
        .select_related("candidate", "changed_by")
        .order_by("-changed_at", "-pk")
    )


def protection_changes(candidate: Candidate) -> QuerySet:
    """Every change of the candidate's protected-address flag, newest first."""
    return candidate.protection_changes.select_related("changed_by").order_by("-changed_at", "-pk")


def candidates_matching(
    candidates: QuerySet,
    *,
    fnr: str | None,
    first_name: str,
    last_name: str,
    birth_date: datetime.date,
) -> QuerySet:
    """The records in `candidates` that are this person: by fødselsnummer,
    else by name and birth date (among records without another fødselsnummer).
    The caller decides which records to search: never beyond what the user's
    office may know of (referral recognition, transfer requests)."""
    if fnr:
        by_fnr = candidates.filter(fnr=fnr)
        if by_fnr.exists():
            return by_fnr
    same = candidates.filter(
        first_name__iexact=first_name.strip(),
        last_name__iexact=last_name.strip(),
        birth_date=birth_date,
        anonymised_at__isnull=True,
    )
    if fnr:
        same = same.filter(fnr__isnull=True)
    return same


def transfer_requests_sent_for(candidate: Candidate) -> QuerySet:
    """The transfer requests the candidate's office sent from this record,
    for its own pages: what they show must not depend on whether a match
    was found or declined (see templates/intake/_transfer_requests.html)."""
    return TransferRequest.objects.filter(
        requesting_record=candidate, requesting_office_id=candidate.office_id
    ).select_related("requested_by", "holding_office", "decided_by")
