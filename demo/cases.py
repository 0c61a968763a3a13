"""The demo's cases: a candidate's enrollment, who held it when, and the jobs it led to.

Everything here is built in memory as unsaved rows linked by object; demo/seed.py
writes them.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from candidates.models import Assignment, Candidate, DischargeReason, Enrollment, EuseStage
from demo import people as demo_people
from demo import vocabulary as words
from employers.models import Contract, Employer, Placement, PlacementEndReason

#: The demo covers the two years up to the day it runs.
SPAN_DAYS = 730
WAITING_PER_TEAM = 3
DISCHARGED_PER_FTE = 3
REASSIGNED_SHARE = 0.12
EARLIER_ENROLLMENT_SHARE = 0.04
#: Enrollments per FTE and year of history before the demo's two years (`history_years`):
#: about a caseload's turnover in a year.
HISTORY_PER_FTE_YEAR = 15
TITLES = {industry: titles for industry, _, titles in words.INDUSTRIES}
OVER_CAP_REASON = "Kandidaten ønsket å beholde jobbspesialisten; teamleder godkjente."


@dataclass
class Case:
    candidate: Candidate
    enrollment: Enrollment
    employers: list[Employer]
    spells: list = field(default_factory=list)  # (User, first day, last day) held
    #: Before the contact log was taken into use: no activities.
    history: bool = False
    assignments: list[Assignment] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)

    @property
    def first_job_start(self):
        starts = [p.start_date for p in self.placements if p.competitive]
        return min(starts, default=None)

    def holder_on(self, day):
        for user, first, last in self.spells:
            if first <= day <= last:
                return user
        return None

    def job_on(self, day):
        for p in self.placements:
            if p.competitive and p.start_date <= day and (p.end_date is None or day <= p.end_date):
                return p
        return None

    def stage_on(self, day) -> int:
        """The EUSE stage the case has reached on a day."""
        intake = self.enrollment.intake_date
        if intake is None or day < intake:
            return EuseStage.ENGAGEMENT
        first_job = self.first_job_start
        if first_job and first_job <= day:
            return EuseStage.SUPPORT
        days = (day - intake).days
        if days < 14:
            return EuseStage.ENGAGEMENT
        if days < 45:
            return EuseStage.VOCATIONAL_PROFILE
        return EuseStage.JOB_FINDING if days < 120 else EuseStage.EMPLOYER_ENGAGEMENT


def build_cases(rng, today, unit, history_years=0) -> list[Case]:
    """Active and discharged cases per specialist (caseload following their habits),
    a waiting list per team, and now and then an earlier enrollment of the same candidate.

    `history_years` adds that many years of discharged enrollments before the
    demo's two years, as if imported from an earlier system: enrollments,
    assignments and jobs, but no contact log.
    """
    return [
        case for team in unit.teams for case in _team_cases(rng, today, unit, team, history_years)
    ]


def _team_cases(rng, today, unit, team, history_years):
    specialists = [s for s in unit.specialists if s.team is team]
    postal_code, city = unit.places[team.pk]
    employers = unit.employers[team.office_id]
    intake_admin = unit.intake_admins[team.office_id]

    def new_case(kind, holder, candidate=None, before=None):
        candidate = candidate or demo_people.candidate(rng, today, postal_code, city)
        candidate.office_id = intake_admin.office_id
        return _case(rng, today, kind, candidate, holder, specialists, employers, intake_admin,
                     before=before)  # fmt: skip

    cases = []
    for s in specialists:
        fte = float(s.user.fte)
        active = [new_case("active", s) for _ in range(round(s.caseload_per_fte * fte))]
        _justify_over_cap(s.user, active)
        cases.extend(active)
        for case in active:
            if rng.random() < EARLIER_ENROLLMENT_SHARE:
                referral = case.enrollment.referral_date
                cases.append(new_case("earlier", s, case.candidate, before=referral))
        cases.extend(new_case("discharged", s) for _ in range(round(DISCHARGED_PER_FTE * fte)))
        historic = round(HISTORY_PER_FTE_YEAR * fte * history_years)
        cases.extend(new_case("history", s, before=history_years) for _ in range(historic))
    cases.extend(new_case("waiting", None) for _ in range(WAITING_PER_TEAM))
    return cases


def _case(rng, today, kind, candidate, holder, team, employers, intake_admin, before=None):
    days = dt.timedelta
    discharge = None
    if kind == "waiting":
        referral, intake = today - days(rng.randint(0, 42)), None
    else:
        if kind == "active":
            intake = today - days(rng.randint(0, SPAN_DAYS - 30))
        elif kind == "discharged":
            intake = today - days(rng.randint(120, SPAN_DAYS - 10))
            discharge = min(intake + days(rng.randint(45, 500)), today - days(1))
        elif kind == "history":  # `before` is the number of years of history
            log_start = today - days(SPAN_DAYS)
            intake = log_start - days(rng.randint(60, round(365.25 * before)))
            discharge = min(intake + days(rng.randint(45, 500)), log_start - days(1))
        else:  # an earlier period of service, ended before the candidate was referred again
            intake = before - days(rng.randint(200, 420))
            discharge = before - days(rng.randint(20, 120))
        referral = intake - days(rng.randint(3, 35))
    enrollment = Enrollment(
        candidate=candidate,
        office_id=intake_admin.office_id,
        referral_date=referral,
        intake_date=intake,
        discharge_date=discharge,
        employed_at_referral=rng.random() < 0.1,
    )
    case = Case(candidate, enrollment, employers, history=kind == "history")
    if intake is None:
        return case
    last_day = discharge - days(1) if discharge else today
    teammates = [s for s in team if s is not holder] if kind != "earlier" else []
    _assign(rng, case, holder, teammates, last_day, intake_admin)
    if kind == "history":
        # Jobs end by what was known when the case was closed.
        _place(rng, case, holder, discharge)
    elif kind != "earlier":
        _place(rng, case, holder, today)
    if discharge:
        jobs = [p for p in case.placements if p.competitive and p.start_date <= discharge]
        if jobs and rng.random() < 0.8:
            enrollment.discharge_reason = DischargeReason.EMPLOYED_NO_FURTHER_NEED
        else:
            enrollment.discharge_reason = rng.choice(
                (DischargeReason.MOVED, DischargeReason.OWN_WISH, DischargeReason.OWN_WISH,
                 DischargeReason.OTHER)
            )  # fmt: skip
    enrollment.euse_stage = case.stage_on(discharge or today)
    return case


def _assign(rng, case, holder, teammates, last_day, intake_admin):
    """Assigned at intake; now and then held first by a teammate and reassigned later."""
    intake = case.enrollment.intake_date
    span = (last_day - intake).days
    if teammates and span > 60 and rng.random() < REASSIGNED_SHARE:
        moved = intake + dt.timedelta(days=rng.randint(30, span))
        first = rng.choice(teammates).user
        case.spells = [
            (first, intake, moved - dt.timedelta(days=1)),
            (holder.user, moved, last_day),
        ]
    else:
        case.spells = [(holder.user, intake, last_day)]
    case.assignments = [
        Assignment(enrollment=case.enrollment, specialist=user, from_date=first_day,
                   created_by=intake_admin)
        for user, first_day, _ in case.spells
    ]  # fmt: skip


def _justify_over_cap(user, cases):
    """Assignments past the caseload cap carry the reason the cap was exceeded."""
    latest_first = sorted(cases, key=lambda c: c.assignments[-1].from_date, reverse=True)
    for case in latest_first[: max(0, len(cases) - user.caseload_cap)]:
        case.assignments[-1].override_reason = OVER_CAP_REASON


def _place(rng, case, holder, today):
    """Work training for some; for most, ordinary jobs, sometimes one after another."""
    enrollment = case.enrollment
    intake = enrollment.intake_date
    last_day = enrollment.discharge_date or today
    if rng.random() < 0.12:
        start = intake + dt.timedelta(days=rng.randint(10, 90))
        if start <= last_day:
            case.placements.append(_work_training(rng, case, start, today))
    if enrollment.employed_at_referral or rng.random() >= holder.job_rate:
        return
    if rng.random() < 0.85:
        start = intake + dt.timedelta(days=int(rng.triangular(14, 330, 75)))
    else:
        start = intake + dt.timedelta(days=rng.randint(366, 540))
    while start <= last_day and len(case.placements) < 4:
        job = _job(rng, case, start, today)
        case.placements.append(job)
        if job.end_reason not in (PlacementEndReason.NEW_JOB, PlacementEndReason.QUIT):
            break
        start = job.end_date + dt.timedelta(days=rng.randint(7, 60))


def _work_training(rng, case, start, today):
    employer = rng.choice(case.employers)
    end = start + dt.timedelta(days=rng.randint(28, 120))
    ended = end <= today
    return Placement(
        enrollment=case.enrollment,
        employer=employer,
        title=f"Arbeidstrening, {rng.choice(TITLES[employer.industry]).lower()}",
        start_date=start,
        end_date=end if ended else None,
        end_reason=rng.choice((PlacementEndReason.CONTRACT_ENDED, PlacementEndReason.OTHER))
        if ended
        else "",
        hours_per_week=Decimal(rng.choice((10, 15, 20, 25))),
        competitive=False,
        contract=Contract.TEMPORARY,
    )


def _job(rng, case, start, today):
    employer = rng.choice(case.employers)
    contract = rng.choices(
        (Contract.PERMANENT, Contract.TEMPORARY, Contract.SEASONAL), weights=(55, 35, 10)
    )[0]
    job = Placement(
        enrollment=case.enrollment,
        employer=employer,
        title=rng.choice(TITLES[employer.industry]),
        start_date=start,
        hours_per_week=Decimal(str(rng.choice((8, 10, 15, 20, 20, 25, 30, 37.5, 37.5)))),
        competitive=True,
        contract=contract,
        hourly_wage=Decimal(rng.randrange(190, 290, 5)),
    )
    end = start + dt.timedelta(days=rng.randint(30, 300))
    if rng.random() < 0.3 and end <= today:
        job.end_date = end
        job.end_reason = (
            PlacementEndReason.CONTRACT_ENDED
            if contract != Contract.PERMANENT and rng.random() < 0.6
            else rng.choices(
                (PlacementEndReason.QUIT, PlacementEndReason.DISMISSED,
                 PlacementEndReason.NEW_JOB, PlacementEndReason.OTHER),
                weights=(35, 15, 35, 15),
            )[0]
        )  # fmt: skip
    if rng.random() < 0.25:
        job.wage_subsidy_percent = rng.choice((30, 40, 50, 60))
        job.wage_subsidy_from = start
        job.wage_subsidy_to = start + dt.timedelta(days=rng.randint(90, 365))
    if rng.random() < 0.1:
        job.inclusion_subsidy_amount = Decimal(rng.choice((5000, 10000, 15000, 25000)))
    if rng.random() < 0.1:
        job.mentor_subsidy_from = start
        job.mentor_subsidy_to = start + dt.timedelta(days=rng.randint(30, 180))
        job.mentor_hours = Decimal(rng.choice((10, 20, 30, 40, 60)))
    return job
