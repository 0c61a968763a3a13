"""Reads of candidates and their enrollments: the file's parts, protection
changes, matching a person, transfer requests."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from candidates.casefile import TimelineItem
from candidates.models import LIFTED, Candidate, ProtectionChange, StageChange, TransferRequest
from ips.access import candidates_visible_to, enrollments_visible_to


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
