"""The period of a report seen from its as-of day."""

import datetime
from dataclasses import dataclass
from functools import cached_property

from common.periods import Period


@dataclass(frozen=True)
class ReportPeriod:
    """A report's period as of a day, with what its figures read of it."""

    period: Period
    as_of: datetime.date

    # Each is read for every scope of a report, and computed once.
    @cached_property
    def quarter(self) -> Period:
        """The calendar quarter containing the period's end (the employment rate's)."""
        return Period.quarter_of(self.period.end)

    @cached_property
    def elapsed_days(self) -> int:
        """Days of the period passed by the as-of date (the whole period once it is over)."""
        return self.period.elapsed_days(self.as_of)

    @cached_property
    def year_share(self) -> float:
        """Days passed as a share of the days of the year the period starts in."""
        return self.elapsed_days / Period.year_of(self.period.start).days
