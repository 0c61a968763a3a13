"""Reads for the specialist's pages: the caseload and the candidate's timeline."""

import dataclasses
import datetime

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidates.models import (
    LIFTED,
    Candidate,
    Enrollment,
    EuseStage,
    ProtectionChange,
    StageChange,
    TransferRequest,
)
from employers.models import Placement
from followup.models import Activity
from ips.access import (
    activities_visible_to,
    candidates_visible_to,
    enrollments_visible_to,
    placements_visible_to,
)
from ips.models import User


class CaseStatus:
    """Where the candidate is in the job search, derived from the placements:
    a current competitive job makes them "in work"; once the specialist has
    moved to EUSE stage 5 the row shows follow-along support."""

    JOB_SEEKING = "job_seeking"
    IN_WORK = "in_work"
    FOLLOW_ALONG = "follow_along"
    CHOICES = [
        (JOB_SEEKING, _("Job seeking")),
        (IN_WORK, _("In work")),
        (FOLLOW_ALONG, _("Follow-along")),
    ]


def current_jobs(day: datetime.date) -> QuerySet:
    """Competitive placements of the outer enrollment going on on `day`, latest first."""
    return (
        Placement.objects.filter(enrollment=OuterRef("pk"), competitive=True, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=day))
        .order_by("-start_date", "-pk")
    )


def caseloads(day: datetime.date, holders: QuerySet | None = None) -> dict[int, int]:
    """Caseload(S, D) for each holder S: the number of enrollments active on D
    that S holds on D (shared/design.md). The one count of a caseload: the
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


def caseload(user, day: datetime.date | None = None) -> QuerySet:
    """The active enrollments the user holds (a leader: their teams'), one
    row each with everything the caseload shows, in a constant number of queries."""
    day = day or timezone.localdate()
    jobs = current_jobs(day)
    last_contact = (
        Activity.objects.filter(candidate=OuterRef("candidate_id"), date__lte=day)
        .order_by("-date")
        .values("date")[:1]
    )
    overdue_before = day - datetime.timedelta(days=settings.CONTACT_OVERDUE_DAYS)
    return (
        Enrollment.objects.filter(pk__in=enrollments_visible_to(user).values("pk"))
        .held_on(day)
        .select_related("candidate")
        .annotate(
            last_contact=Subquery(last_contact),
            in_work=Exists(jobs),
            current_job_title=Subquery(jobs.values("title")[:1]),
            current_employer=Subquery(jobs.values("employer__name")[:1]),
        )
        .annotate(
            status=Case(
                When(
                    in_work=True, euse_stage=EuseStage.SUPPORT, then=Value(CaseStatus.FOLLOW_ALONG)
                ),
                When(in_work=True, then=Value(CaseStatus.IN_WORK)),
                default=Value(CaseStatus.JOB_SEEKING),
                output_field=CharField(),
            ),
            overdue=Case(
                When(
                    Q(last_contact__isnull=True) | Q(last_contact__lt=overdue_before),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
            job_sort=Coalesce("current_job_title", Value("")),
        )
        .order_by("candidate__last_name", "candidate__first_name")
    )


def current_enrollment(user, candidate: Candidate, day: datetime.date | None = None):
    """The candidate's enrollment the user works on: the active one they may
    see, else the latest they may see."""
    day = day or timezone.localdate()
    enrollments = enrollments_visible_to(user).filter(candidate=candidate)
    return (
        enrollments.active_on(day).order_by("-intake_date", "-pk").first()
        or enrollments.order_by("-referral_date", "-pk").first()
    )


@dataclasses.dataclass
class TimelineItem:
    kind: str  # "activity", "job_start", "job_end", "stage_change"
    date: datetime.date
    order: tuple
    record: object


#: How many of each kind the timeline shows; older entries are in the access-request record.
TIMELINE_LIMIT = 100


def timeline(user, candidate: Candidate) -> list[TimelineItem]:
    """Activities, job starts and ends, and EUSE stage changes about the
    candidate, newest first. Three queries, however long the history."""
    activities = (
        activities_visible_to(user)
        .filter(candidate=candidate)
        .select_related("author", "employer")
        .order_by("-date", "-created_at")[:TIMELINE_LIMIT]
    )
    placements = (
        placements_visible_to(user)
        .filter(enrollment__candidate=candidate)
        .select_related("employer")
        .order_by("-start_date")[:TIMELINE_LIMIT]
    )
    stage_changes = (
        StageChange.objects.filter(
            enrollment__in=enrollments_visible_to(user).filter(candidate=candidate).values("pk")
        )
        .select_related("changed_by")
        .order_by("-changed_at")[:TIMELINE_LIMIT]
    )
    items = [
        TimelineItem("activity", a.date, (a.date, a.created_at.timestamp()), a) for a in activities
    ]
    for placement in placements:
        created = placement.created_at.timestamp()
        items.append(
            TimelineItem(
                "job_start", placement.start_date, (placement.start_date, created), placement
            )
        )
        if placement.end_date:
            items.append(
                TimelineItem(
                    "job_end", placement.end_date, (placement.end_date, created), placement
                )
            )
    for change in stage_changes:
        day = timezone.localdate(change.changed_at)
        items.append(
            TimelineItem("stage_change", day, (day, change.changed_at.timestamp()), change)
        )
    items.sort(key=lambda item: item.order, reverse=True)
    return items[:TIMELINE_LIMIT]


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
