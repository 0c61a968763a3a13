"""Small builders for the metric tests, on top of tests/factories.py."""

import datetime

from tests import factories

# Faker fields are given explicitly: the factories' Faker locale is not
# available in every Faker release.
NAMES = {"first_name": "Test", "last_name": "Person"}


def specialist_in(team, username: str, **extra):
    return factories.SpecialistFactory(username=username, team=team, **NAMES, **extra)


def candidate():
    return factories.CandidateFactory(**NAMES)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def enroll(
    specialist,
    intake: str,
    *,
    discharge: str | None = None,
    employed_at_referral: bool = False,
    person=None,
    assigned_from: str | None = None,
):
    """An enrollment taken in on `intake`, held by `specialist` from that day
    (or from `assigned_from`)."""
    intake_date = day(intake)
    held_from = day(assigned_from) if assigned_from else intake_date
    enrollment = factories.EnrollmentFactory(
        candidate=person or candidate(),
        office=specialist.office,
        referral_date=min(intake_date, held_from),
        intake_date=intake_date,
        discharge_date=day(discharge) if discharge else None,
        discharge_reason="other" if discharge else "",
        employed_at_referral=employed_at_referral,
    )
    factories.AssignmentFactory(enrollment=enrollment, specialist=specialist, from_date=held_from)
    return enrollment


def reassign(enrollment, specialist, on: str):
    return factories.AssignmentFactory(
        enrollment=enrollment, specialist=specialist, from_date=day(on)
    )


def job(enrollment, start: str, *, end: str | None = None, competitive: bool = True, title="Job"):
    return factories.PlacementFactory(
        enrollment=enrollment,
        start_date=day(start),
        end_date=day(end) if end else None,
        competitive=competitive,
        title=title,
        employer=factories.EmployerFactory(name="Employer AS"),
    )


def log(specialist, on: str, minutes: int = 60, *, location="community", **extra):
    return factories.ActivityFactory(
        author=specialist, date=day(on), minutes=minutes, location=location, **extra
    )


def report(start: str, end: str, as_of: str, **kwargs) -> dict:
    from reports.report import fidelity_report

    return fidelity_report(day(start), day(end), day(as_of), **kwargs)


def row(rows: list[dict], key: str, value) -> dict:
    """The row of `rows` whose `key` is `value`."""
    (found,) = [r for r in rows if r[key] == value]
    return found


def figures_of(specialist, the_report: dict) -> dict:
    return row(the_report["specialists"], "username", specialist.username)
