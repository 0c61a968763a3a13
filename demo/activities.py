"""The demo's contact log: what each specialist did, where and with whom.

A specialist's habits decide how much of their time is out in the field, so
field shares differ around the 0.65 target. Activities are yielded one at a
time; demo/seed.py writes them in batches.
"""

import datetime as dt

from candidates.models import EuseStage
from demo import vocabulary as words
from demo.cases import SPAN_DAYS
from followup.models import Activity, Location, Mode, WithWhom

#: Contacts about a candidate per week while a specialist holds them.
PER_CANDIDATE_WEEK = 2.5
#: Contacts without a candidate (job development, meetings, documentation) per FTE-week.
OWN_WORK_PER_WEEK = 2.5
FIELD_MINUTES = (30, 45, 60, 60, 90, 120)
DESK_MINUTES = (15, 15, 20, 30, 30, 45, 60)
_FIELD_MEAN = sum(FIELD_MINUTES) / len(FIELD_MINUTES)
_DESK_MEAN = sum(DESK_MINUTES) / len(DESK_MINUTES)
_DESK_MODES = (Mode.PHONE, Mode.MESSAGE, Mode.VIDEO, Mode.IN_PERSON)


def activities_for(rng, today, units, cases):
    """Every activity of the units' specialists over the period, as unsaved rows."""
    specialists = {s.user.pk: s for unit in units for s in unit.specialists}
    field_chance = {pk: _field_chance(s.field_share) for pk, s in specialists.items()}
    for case in cases:
        if case.history:
            continue
        for user, first, last in case.spells:
            chance = field_chance[user.pk]
            days = (last - first).days + 1
            for _ in range(_count(rng, days / 7 * PER_CANDIDATE_WEEK)):
                day = _workday(first + dt.timedelta(days=rng.randrange(days)), first, last)
                yield _about_candidate(rng, case, user, day, chance)
        yield from _employer_contacts(rng, case)
    start = today - dt.timedelta(days=SPAN_DAYS)
    for unit in units:
        for s in unit.specialists:
            employers = unit.employers[s.team.office_id]
            weeks = SPAN_DAYS / 7 * float(s.user.fte)
            for _ in range(_count(rng, weeks * OWN_WORK_PER_WEEK)):
                day = _workday(start + dt.timedelta(days=rng.randrange(SPAN_DAYS)), start, today)
                yield _own_work(rng, s.user.pk, day, field_chance[s.user.pk], employers)


def _field_chance(field_share):
    """The chance an activity is in the field such that field minutes make up field_share."""
    return field_share * _DESK_MEAN / (_FIELD_MEAN * (1 - field_share) + field_share * _DESK_MEAN)


def _count(rng, mean):
    whole = int(mean)
    return whole + (rng.random() < mean - whole)


def _workday(day, first, last):
    """Move a weekend day to the Friday before or the Monday after, staying within the range."""
    weekday = day.weekday()
    if weekday < 5:
        return day
    friday = day - dt.timedelta(days=weekday - 4)
    if friday >= first:
        return friday
    monday = day + dt.timedelta(days=7 - weekday)
    return monday if monday <= last else day


def _activity(rng, author_id, day, with_whom, mode, location, *, candidate=None, employer=None,
              stage=None):  # fmt: skip
    minutes = FIELD_MINUTES if location != Location.OFFICE else DESK_MINUTES
    return Activity(
        author_id=author_id,
        date=day,
        minutes=rng.choice(minutes),
        mode=mode,
        location=location,
        with_whom=with_whom,
        candidate_id=candidate.pk if candidate else None,
        employer_id=employer.pk if employer else None,
        euse_stage=stage,
        note=rng.choice(words.NOTES[with_whom]),
    )


def _about_candidate(rng, case, user, day, field_chance):
    stage = case.stage_on(day)
    job = case.job_on(day)
    employer = job.employer if job else rng.choice(case.employers)
    if rng.random() < field_chance:
        r = rng.random()
        if r < 0.6:
            where = Location.WORKPLACE if job and rng.random() < 0.3 else Location.COMMUNITY
            kind = (WithWhom.CANDIDATE, Mode.IN_PERSON, where)
        elif r < 0.92:
            kind = (WithWhom.EMPLOYER, Mode.IN_PERSON, Location.WORKPLACE)
        else:
            kind = (WithWhom.FAMILY, Mode.IN_PERSON, Location.COMMUNITY)
    else:
        r = rng.random()
        if r < 0.45:
            mode = rng.choices(_DESK_MODES, weights=(45, 25, 10, 20))[0]
            kind = (WithWhom.CANDIDATE, mode, Location.OFFICE)
        elif r < 0.65:
            kind = (
                WithWhom.TREATMENT_TEAM,
                rng.choice((Mode.IN_PERSON, Mode.VIDEO)),
                Location.OFFICE,
            )
        elif r < 0.8:
            kind = (WithWhom.NAV_ADVISER, rng.choice(_DESK_MODES), Location.OFFICE)
        elif r < 0.93:
            kind = (WithWhom.EMPLOYER, Mode.PHONE, Location.OFFICE)
        else:
            kind = (WithWhom.FAMILY, Mode.PHONE, Location.OFFICE)
    with_whom = kind[0]
    if with_whom == WithWhom.EMPLOYER and stage in (EuseStage.JOB_FINDING, EuseStage.ENGAGEMENT):
        stage = EuseStage.EMPLOYER_ENGAGEMENT
    tagged = with_whom in (WithWhom.CANDIDATE, WithWhom.EMPLOYER) and rng.random() < 0.6
    return _activity(
        rng, user.pk, day, *kind,
        candidate=case.candidate,
        employer=employer if with_whom == WithWhom.EMPLOYER else None,
        stage=stage if tagged else None,
    )  # fmt: skip


def _employer_contacts(rng, case):
    """The first face-to-face employer contact about the candidate within weeks of intake,
    visits before each job start and monthly follow-along at the workplace after it."""
    intake = case.enrollment.intake_date
    if intake is None:
        return
    visits = []
    if rng.random() < 0.85:
        day = intake + dt.timedelta(days=rng.randint(5, 45))
        visits.append((day, rng.choice(case.employers), EuseStage.EMPLOYER_ENGAGEMENT))
    for job in case.placements:
        for _ in range(rng.randint(1, 2)):
            day = job.start_date - dt.timedelta(days=rng.randint(1, 21))
            visits.append((day, job.employer, EuseStage.EMPLOYER_ENGAGEMENT))
        if job.competitive:
            for month in range(1, 7):
                visits.append((job.start_date + dt.timedelta(days=30 * month + rng.randint(-5, 5)),
                               job.employer, EuseStage.SUPPORT))  # fmt: skip
    for day, employer, stage in visits:
        if stage == EuseStage.SUPPORT and case.job_on(day) is None:
            continue  # the job has ended
        user = case.holder_on(day)
        if user is not None and day.weekday() < 5:
            yield _activity(rng, user.pk, day, WithWhom.EMPLOYER, Mode.IN_PERSON,
                            Location.WORKPLACE, candidate=case.candidate, employer=employer,
                            stage=stage)  # fmt: skip


def _own_work(rng, author_id, day, field_chance, employers):
    if rng.random() < field_chance:
        return _activity(rng, author_id, day, WithWhom.EMPLOYER, Mode.IN_PERSON,
                         Location.WORKPLACE, employer=rng.choice(employers))  # fmt: skip
    if rng.random() < 0.3:
        return _activity(rng, author_id, day, WithWhom.TREATMENT_TEAM, Mode.IN_PERSON,
                         Location.OFFICE)  # fmt: skip
    return _activity(rng, author_id, day, WithWhom.NONE, Mode.IN_PERSON, Location.OFFICE)
