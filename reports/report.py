"""The fidelity report of shared/design.md: the figures of every specialist,
team, office and the total for a period, assembled from the per-specialist
aggregates of reports.metrics. Python loops only over those aggregate rows;
the number of queries is fixed (docs/metrics.md).
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db.models import QuerySet
from django.utils import timezone

from common.periods import Period
from ips import targets
from reports.metrics import (
    LEVELS,
    UNFILTERED,
    activity_minutes,
    caseload,
    days_to_first_employer_contact_by_level,
    employment_rate,
    in_work_within_year,
    job_tenure_by_level,
    new_in_work,
    report_specialists,
)


@dataclass(frozen=True)
class ReportPeriod:
    """The period of a report as of a day, with what its figures read of it."""

    period: Period
    as_of: datetime.date

    # Each is read for every scope of a report, and computed once.
    @cached_property
    def quarter(self) -> Period:
        """The calendar quarter containing the period's end."""
        return Period.quarter_of(self.period.end)

    @cached_property
    def elapsed_days(self) -> int:
        """Days of the period passed by the as-of date (the whole period once it is over)."""
        return self.period.elapsed_days(self.as_of)

    @cached_property
    def year_share(self) -> float:
        """Days passed as a share of the days of the year the period starts in."""
        return self.elapsed_days / Period.year_of(self.period.start).days


_SUMMED = (
    "caseload",
    "logged",
    "field",
    "employer_contacts",
    "numerator",
    "denominator",
    "pending",
    "new_in_work",
    "employed",
    "active",
)


def _empty_parts() -> dict:
    return dict.fromkeys(_SUMMED, 0) | {"fte": 0.0, "specialists": 0}


def _add(total: dict, part: dict) -> None:
    for name in (*_SUMMED, "fte", "specialists"):
        total[name] += part[name]


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _ratio(value, by, digits: int = 2) -> float | None:
    return round(value / by, digits) if by else None


def _figures(parts: dict, period: ReportPeriod, days_to_contact, tenure) -> dict:
    """The figures of one scope from its summed parts: pooled, never a mean of rates."""
    fte = parts["fte"]
    weeks = period.elapsed_days / 7
    quarter = period.quarter
    per_fte = _ratio(parts["caseload"], fte)
    target = targets.current()
    return {
        "fte": round(fte, 2),
        "caseload": parts["caseload"],
        "caseload_per_fte": per_fte,
        "caseload_per_fte_in_band": None
        if per_fte is None
        else target.caseload_per_fte.contains(per_fte),
        "field_minutes": parts["field"],
        "logged_minutes": parts["logged"],
        "field_share": _rate(parts["field"], parts["logged"]),
        "in_work_within_year": {
            "numerator": parts["numerator"],
            "denominator": parts["denominator"],
            "pending": parts["pending"],
            "rate": _rate(parts["numerator"], parts["denominator"]),
        },
        "new_in_work": parts["new_in_work"],
        "new_in_work_per_fte": _ratio(parts["new_in_work"], fte),
        "new_in_work_target": round(target.new_in_work_per_fte_a_year * fte * period.year_share, 2),
        "employer_contacts": parts["employer_contacts"],
        "employer_contacts_per_week": _ratio(
            parts["employer_contacts"], parts["specialists"] * weeks
        ),
        "days_to_first_employer_contact": days_to_contact,
        "employment_rate": {
            "quarter_start": quarter.start.isoformat(),
            "quarter_end": quarter.end.isoformat(),
            "employed": parts["employed"],
            "active": parts["active"],
            "rate": _rate(parts["employed"], parts["active"]),
        },
        "job_tenure_days": tenure,
    }


def _pooled_figures(parts, period, days_to_contact, tenure) -> dict:
    figures = _figures(parts, period, days_to_contact, tenure)
    figures["specialists"] = parts["specialists"]
    figures["caseload_mean"] = _ratio(parts["caseload"], parts["specialists"])
    return figures


def fidelity_report(
    start: datetime.date,
    end: datetime.date,
    as_of: datetime.date | None = None,
    *,
    specialists: QuerySet | None = None,
    levels: tuple[str, ...] = LEVELS,
) -> dict:
    """The fidelity report of shared/design.md for [start, end] as of a date.

    Per specialist, pooled per team, per office and in total. The number of
    queries is fixed: it does not grow with specialists, candidates or
    activities. `specialists` narrows the report (e.g. to one team);
    `levels` picks the scopes to build. `start`, `end` and `as_of` stay
    dates; the command writes them as ISO dates in its JSON.
    """
    period = ReportPeriod(Period(start, end), as_of or timezone.localdate())
    people_qs = specialists if specialists is not None else report_specialists()
    # Plain rows, not model instances: a national report has thousands.
    people = list(
        people_qs.order_by("team__office__name", "team__name", "username").values(
            "pk",
            "username",
            "fte",
            "is_active",
            "team_id",
            "office_id",
            "team__name",
            "team__office__name",
            "office__name",
        )
    )
    ids = people_qs.values("pk")
    # The counts are read for `people` only, so a report on everyone filters nothing.
    counted = ids if specialists is not None else UNFILTERED
    quarter = period.quarter

    caseloads = caseload(end, counted)
    minutes = activity_minutes(start, end, counted)
    in_work = in_work_within_year(start, end, period.as_of, counted)
    new = new_in_work(start, end, counted)
    employment = employment_rate(quarter.start, quarter.end, counted)
    # Medians pool the rows of a whole team, office or the total: those must
    # be limited to the report's specialists.
    contact_medians = days_to_first_employer_contact_by_level(start, end, levels, specialists)
    tenure_medians = job_tenure_by_level(start, end, period.as_of, levels, specialists)

    no_minutes = {"logged": 0, "field": 0, "employer_contacts": 0}
    no_outcome = {"numerator": 0, "denominator": 0, "pending": 0}
    no_employment = {"employed": 0, "active": 0}

    teams: dict[int, dict] = {}
    offices: dict[int, dict] = {}
    total = _empty_parts()
    specialist_rows = []
    for person in people:
        parts = (
            {
                "fte": float(person["fte"]),
                "specialists": 1,
                "caseload": caseloads.get(person["pk"], 0),
                "new_in_work": new.get(person["pk"], 0),
            }
            | minutes.get(person["pk"], no_minutes)
            | in_work.get(person["pk"], no_outcome)
            | employment.get(person["pk"], no_employment)
        )
        has_figures = any(parts[name] for name in _SUMMED)
        if not person["is_active"] and not has_figures:
            continue
        _add(total, parts)
        if person["team_id"]:
            team = teams.setdefault(
                person["team_id"],
                {"name": person["team__name"], "office": person["team__office__name"]}
                | _empty_parts(),
            )
            _add(team, parts)
        if person["office_id"]:
            office = offices.setdefault(
                person["office_id"],
                {
                    "name": person["team__office__name"]
                    if person["team_id"]
                    else person["office__name"]
                }
                | _empty_parts(),
            )
            _add(office, parts)
        if "specialist" in levels:
            specialist_rows.append(
                {
                    "id": person["pk"],
                    "username": person["username"],
                    "team": person["team__name"] if person["team_id"] else None,
                }
                | _figures(
                    parts,
                    period,
                    contact_medians["specialist"].get(person["pk"]),
                    tenure_medians["specialist"].get(person["pk"]),
                )
            )

    report = {
        "start": start,
        "end": end,
        "as_of": period.as_of,
        "specialists": specialist_rows,
        "teams": [],
        "offices": [],
        "total": None,
    }
    if "team" in levels:
        report["teams"] = [
            {"id": pk, "name": parts["name"], "office": parts["office"]}
            | _pooled_figures(
                parts,
                period,
                contact_medians["team"].get(pk),
                tenure_medians["team"].get(pk),
            )
            for pk, parts in teams.items()
        ]
    if "office" in levels:
        report["offices"] = [
            {"id": pk, "name": parts["name"]}
            | _pooled_figures(
                parts,
                period,
                contact_medians["office"].get(pk),
                tenure_medians["office"].get(pk),
            )
            for pk, parts in offices.items()
        ]
    if "total" in levels:
        report["total"] = _pooled_figures(
            total, period, contact_medians["total"].get(0), tenure_medians["total"].get(0)
        )
    return report
