"""A span of days as one value: the period of a report, a dashboard, a chart's
month, a nightly recompute or My week.

Dates stay `date`s inside Python; a period is parsed once at the edge (a form,
a task's ISO arguments) and travels as a `Period`, never as a pair of dates.
"""

import calendar
import datetime
from dataclasses import dataclass

MONTH, QUARTER, YEAR, WEEK, CUSTOM = "month", "quarter", "year", "week", "custom"


@dataclass(frozen=True)
class Period:
    """The days from `start` to `end`, both included.

    Its kind follows from its bounds: the first to the last day of a calendar
    month is a month, whichever way it was made (`month_of`, or a custom
    choice of the same two days), so two periods with the same bounds are
    equal and key the same snapshots.
    """

    start: datetime.date
    end: datetime.date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"A period cannot end ({self.end}) before it starts ({self.start}).")

    # --- Made from a day ---------------------------------------------------

    @classmethod
    def month_of(cls, day: datetime.date) -> "Period":
        last = calendar.monthrange(day.year, day.month)[1]
        return cls(day.replace(day=1), day.replace(day=last))

    @classmethod
    def quarter_of(cls, day: datetime.date) -> "Period":
        first_month = 3 * ((day.month - 1) // 3) + 1
        start = datetime.date(day.year, first_month, 1)
        return cls(start, cls.month_of(datetime.date(day.year, first_month + 2, 1)).end)

    @classmethod
    def year_of(cls, day: datetime.date) -> "Period":
        return cls(datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31))

    @classmethod
    def week_of(cls, day: datetime.date) -> "Period":
        """Monday to Sunday."""
        monday = day - datetime.timedelta(days=day.weekday())
        return cls(monday, monday + datetime.timedelta(days=6))

    @classmethod
    def of(cls, kind: str, day: datetime.date) -> "Period":
        """The month, quarter, year or week containing `day`."""
        makers = {
            MONTH: cls.month_of,
            QUARTER: cls.quarter_of,
            YEAR: cls.year_of,
            WEEK: cls.week_of,
        }
        return makers[kind](day)

    # --- What it is --------------------------------------------------------

    @property
    def kind(self) -> str:
        for kind in (MONTH, QUARTER, YEAR, WEEK):
            if Period.of(kind, self.start) == self:
                return kind
        return CUSTOM

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        """A short name in any language: 2025-11, 2025-Q4, 2025, 2025-W47, or the two days."""
        kind = self.kind
        if kind == MONTH:
            return self.start.strftime("%Y-%m")
        if kind == QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if kind == YEAR:
            return str(self.start.year)
        if kind == WEEK:
            year, week, _day = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.start.isoformat()}–{self.end.isoformat()}"

    def __str__(self) -> str:
        return self.label

    # --- Seen from a day ---------------------------------------------------

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def is_over_on(self, day: datetime.date) -> bool:
        """Whether every day of the period has passed by the end of `day`
        (a period ending on `day` is over: its figures are final)."""
        return self.end <= day

    def elapsed_days(self, day: datetime.date) -> int:
        """Days of the period passed by the end of `day` (all of them once it is over)."""
        return max(0, (min(self.end, day) - self.start).days + 1)

    def elapsed_share(self, day: datetime.date) -> float:
        """The share of the period passed by the end of `day`, 0 to 1."""
        return self.elapsed_days(day) / self.days

    # --- Neighbours --------------------------------------------------------

    def previous(self) -> "Period":
        """The period of the same kind just before (a custom one: as many days)."""
        before = self.start - datetime.timedelta(days=1)
        if self.kind == CUSTOM:
            return Period(before - datetime.timedelta(days=self.days - 1), before)
        return Period.of(self.kind, before)

    def following(self) -> "Period":
        """The period of the same kind just after (a custom one: as many days)."""
        after = self.end + datetime.timedelta(days=1)
        if self.kind == CUSTOM:
            return Period(after, after + datetime.timedelta(days=self.days - 1))
        return Period.of(self.kind, after)
