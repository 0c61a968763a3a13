"""Reads of the contact log: the specialist's week and month."""

import dataclasses
import datetime

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from candidates.casefile import TimelineItem
from candidates.queries import candidates_visible_to
from common.periods import Period
from employers.queries import EmployerSection
from followup.models import FIELD_LOCATIONS, Activity
from followup.services import activity_editable_by
from ips import targets
from ips.accounts import teams_led_by
from ips.models import Role


@dataclasses.dataclass
class MinutesSummary:
    period: Period
    minutes: int
    field_minutes: int

    @property
    def field_share(self) -> float | None:
        """Field minutes ÷ all minutes; None ("no data") when nothing is logged."""
        if not self.minutes:
            return None
        return self.field_minutes / self.minutes

    @property
    def field_share_percent(self) -> int | None:
        share = self.field_share
        return None if share is None else round(share * 100)

    @property
    def meets_target(self) -> bool | None:
        share = self.field_share
        return None if share is None else share >= targets.current().field_share


_FIELD = Q(location__in=FIELD_LOCATIONS)


def minutes_summary(author, period: Period) -> MinutesSummary:
    """All and field minutes the author logged in the period, in one aggregate."""
    totals = Activity.objects.filter(
        author=author, date__range=(period.start, period.end)
    ).aggregate(
        all_minutes=Coalesce(Sum("minutes"), 0),
        field_total=Coalesce(Sum("minutes", filter=_FIELD), 0),
    )
    return MinutesSummary(period, totals["all_minutes"], totals["field_total"])


def minutes_per_day(author, period: Period) -> list[dict]:
    """One row per day of the period with all and field minutes (0 on empty days)."""
    rows = {
        row["date"]: row
        for row in Activity.objects.filter(author=author, date__range=(period.start, period.end))
        .values("date")
        .annotate(
            all_minutes=Sum("minutes"), field_total=Coalesce(Sum("minutes", filter=_FIELD), 0)
        )
        .order_by("date")
    }
    days = []
    day = period.start
    while day <= period.end:
        row = rows.get(day, {})
        days.append(
            {
                "date": day,
                "minutes": row.get("all_minutes", 0),
                "field_minutes": row.get("field_total", 0),
            }
        )
        day += datetime.timedelta(days=1)
    return days


def activity_entries(user, candidate, limit: int) -> list[TimelineItem]:
    """The activities about the candidate the user may read, for the timeline;
    the author may edit theirs there for a while (activity_editable_by)."""
    activities = (
        activities_visible_to(user)
        .filter(candidate=candidate)
        .select_related("author", "employer")
        .order_by("-date", "-created_at")[:limit]
    )
    return [
        TimelineItem(
            "activity",
            activity.date,
            (activity.date, activity.created_at.timestamp()),
            activity,
            template="followup/_timeline_activity.html",
            by=activity.author,
            editable=activity_editable_by(activity, user),
        )
        for activity in activities
    ]


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


def _employer_contacts(user, employer) -> list:
    return list(
        activities_visible_to(user)
        .filter(employer=employer)
        .select_related("author", "candidate")
        .order_by("-date", "-created_at")[:EMPLOYER_CONTACTS_SHOWN]
    )


#: How many contacts the employer page lists, newest first.
EMPLOYER_CONTACTS_SHOWN = 100
EMPLOYER_CONTACTS_SECTION = EmployerSection(
    "contact-log",
    _("Contact log"),
    "followup/_employer_contacts.html",
    rows=_employer_contacts,
    candidate_of=lambda activity: activity.candidate if activity.candidate_id else None,
)


def activities_logged_by(user, start: datetime.date, end: datetime.date) -> QuerySet:
    """What the user logged themselves in [start, end] (My week)."""
    return Activity.objects.filter(author=user, date__range=(start, end)).select_related(
        "candidate", "employer"
    )
