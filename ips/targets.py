"""The organisation's targets for the IPS model, in one place.

Every page, figure and check that compares a number with a target reads it
from here (`current()`): the fidelity report and its dashboards, the intake's
caseload band, the caseload page and My week. A test fails on the values
written anywhere else (tests/ips/test_targets.py).

The targets come from the metric definitions (docs/metrics.md) and the IPS fidelity scale. They are
one frozen value behind one function, so that they can later become dated
settings (as the subsidy rates are) without changing their readers.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    """A range a figure should lie in, both ends included."""

    low: int
    high: int

    def contains(self, value) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True)
class Targets:
    #: Caseload ÷ FTE must lie in the band.
    caseload_per_fte: Band
    #: Field share (of logged minutes), at least.
    field_share: float
    #: In work within a year, at least.
    in_work_within_year: float
    #: New candidates in work per specialist per year, at least (pro-rated by
    #: FTE and by the share of the year passed).
    new_in_work_per_fte_a_year: int
    #: Median days from intake to the first face-to-face employer contact, at most.
    days_to_first_employer_contact: int
    #: Face-to-face employer contacts per specialist per week, at least.
    employer_contacts_per_week: int
    # How far from a target a figure still counts as "close to target" on the
    # dashboards (docs/metrics.md, "Dashboards"):
    #: a share: this many points below the target (0.10 = 10 percentage points);
    close_share_points: float
    #: caseload per FTE: this much outside the band;
    close_caseload_per_fte: int
    #: a count or rate with a target: at least this share of the target;
    close_share_of_target: float
    #: days: this many more than the target.
    close_extra_days: int

    @property
    def new_in_work_per_fte_a_month(self) -> float:
        return round(self.new_in_work_per_fte_a_year / 12, 2)


_TARGETS = Targets(
    caseload_per_fte=Band(12, 20),
    field_share=0.65,
    in_work_within_year=0.65,
    new_in_work_per_fte_a_year=9,
    days_to_first_employer_contact=30,
    employer_contacts_per_week=6,
    close_share_points=0.10,
    close_caseload_per_fte=2,
    close_share_of_target=0.75,
    close_extra_days=10,
)


def current() -> Targets:
    """The targets in force."""
    return _TARGETS


def percent(share: float) -> int:
    """A share as whole percent (0.65 → 65), for texts naming a target."""
    return round(share * 100)
