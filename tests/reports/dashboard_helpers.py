"""Data and helpers shared by the dashboard tests."""

import datetime
import re

from reports.report import fidelity_report
from tests import factories
from tests.reports.helpers import enroll, job, log

YEAR = "?period=custom&start=2025-01-01&end=2025-12-31"
START, END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)


def a_year_of_work(specialist, other_specialist=None) -> dict:
    """Kari's 2025: three intakes, one job start within a year, 40 % of her
    minutes in the field, one face-to-face employer meeting."""
    employed = enroll(specialist, "2025-02-03")
    employed.candidate.first_name, employed.candidate.last_name = "Eva", "Jobb"
    employed.candidate.save()
    job(employed, "2025-04-07")
    jobless = enroll(specialist, "2025-03-03")
    jobless.candidate.first_name, jobless.candidate.last_name = "Ingrid", "Utenjobb"
    jobless.candidate.save()
    recent = enroll(specialist, "2025-05-05")
    log(specialist, "2025-03-10", 40, location="workplace")
    log(specialist, "2025-03-11", 60, location="office")
    log(
        specialist,
        "2025-02-20",
        30,
        location="workplace",
        mode="in_person",
        with_whom="employer",
        candidate=employed.candidate,
    )
    data = {"employed": employed, "jobless": jobless, "recent": recent}
    if other_specialist is not None:
        theirs = enroll(other_specialist, "2025-02-03")
        theirs.candidate.first_name, theirs.candidate.last_name = "Otto", "Annetteam"
        theirs.candidate.save()
        data["theirs"] = theirs
    return data


def report_for(start=START, end=END):
    from django.utils import timezone

    return fidelity_report(start, end, timezone.localdate())


def text(response) -> str:
    return response.content.decode()


def row_html(page: str, label: str) -> str:
    """The <tr> of the dashboard table whose header cell holds `label`."""
    for row in re.findall(r"<tr[^>]*>.*?</tr>", page, flags=re.S):
        if re.search(r'<th scope="row">(<a [^>]*>)?(<bdi>)?' + re.escape(label), row):
            return row
    raise AssertionError(f"no row for {label}")


def cell(page: str, label: str, metric: str) -> dict:
    """Status and shown value of one figure of a row."""
    row = row_html(page, label)
    match = re.search(
        r'data-metric="' + metric + r'" data-status="(\w+)">.*?'
        r'<span class="figure-value">([^<]*)</span>',
        row,
        flags=re.S,
    )
    assert match, (label, metric)
    return {"status": match.group(1), "text": match.group(2)}


def drill_url(page: str, label: str, metric: str) -> str:
    row = row_html(page, label)
    match = re.search(
        r'data-metric="' + metric + r'"[^>]*><a class="figure-link" href="([^"]+)"', row
    )
    assert match, (label, metric)
    return match.group(1).replace("&amp;", "&")


def many_specialists(team, how_many: int, first: int = 0) -> None:
    """`how_many` specialists in `team`, each with candidates, a job start and minutes."""
    for n in range(first, first + how_many):
        person = factories.SpecialistFactory(
            username=f"js{team.pk}-{n}", first_name="Js", last_name=f"Number{n}", team=team
        )
        for intake in ("2025-02-03", "2025-03-03"):
            enrollment = enroll(person, intake)
            job(enrollment, "2025-06-02")
            log(person, "2025-03-10", 60, candidate=enrollment.candidate)
