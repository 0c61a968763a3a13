"""Reads of the contact log: the specialist's week and month."""

import dataclasses
import datetime

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from common.periods import Period
from followup.models import FIELD_LOCATIONS, Activity
from ips import targets


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
