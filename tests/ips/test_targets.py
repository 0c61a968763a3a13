"""The IPS targets have one home, ips/targets.py, and every page reads them there."""

import dataclasses
import re
from pathlib import Path

import pytest
from django.utils import timezone

from ips import targets
from tests import factories
from tests.reports.dashboard_helpers import YEAR, a_year_of_work, cell, text

ROOT = Path(__file__).resolve().parents[2]
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}

#: The targets as they used to be written out (values, band, "close" margins,
#: the old constants' names).
WRITTEN_OUT = re.compile(
    r"0\.65\b|\b65 ?%|\b12 ?[–-] ?20\b|\(12, ?20\)|\b0\.75\b|\b9 a year|"
    r"\btarget (?:≥ |≤ )?(?:30|6|9)\b|_TARGET\b|CASELOAD_BAND|BAND_(?:LOW|HIGH)|CLOSE_[A-Z]"
)
#: Not rules: the demo's invented working habits (they spread around the targets).
NOT_RULES = {"ips/targets.py", "ips/demo.py", "ips/demo_activities.py", "demo/"}


def sources():
    for pattern in ("**/*.py", "templates/**/*.html", "static/js/**/*.js"):
        for path in ROOT.glob(pattern):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith((".venv/", "tests/", "bench/", "locale/", "static/vendor/")):
                continue
            if "/migrations/" in relative or any(relative.startswith(n) for n in NOT_RULES):
                continue
            yield relative, path.read_text(encoding="utf-8")


def test_no_target_is_written_out_beside_ips_targets():
    found = [
        f"{relative}:{text[: match.start()].count(chr(10)) + 1}: {match.group()}"
        for relative, text in sources()
        for match in WRITTEN_OUT.finditer(text)
    ]

    assert found == []


@pytest.fixture
def stricter(monkeypatch):
    """Targets in force that differ from today's."""
    changed = dataclasses.replace(
        targets.current(),
        caseload_per_fte=targets.Band(1, 4),
        field_share=0.30,
        days_to_first_employer_contact=5,
    )
    monkeypatch.setattr(targets, "current", lambda: changed)
    return changed


def test_the_dashboard_judges_against_the_targets_in_force(
    client, login, leader, specialist, stricter
):
    a_year_of_work(specialist)
    login(leader)

    page = text(client.get(f"/reports/team/{leader.team.pk}/{YEAR}", **EN))

    assert cell(page, "Kari Nordmann", "field_share")["status"] == "met"
    assert cell(page, "Kari Nordmann", "caseload")["status"] == "met"
    assert "1–4 per FTE" in page and "at least 30 %" in page
    assert "target 30 %" in page


def test_the_caseload_page_shows_the_band_in_force(client, login, specialist, stricter):
    for _n in range(3):
        enrollment = factories.EnrollmentFactory(office=specialist.office)
        factories.AssignmentFactory(enrollment=enrollment, specialist=specialist)
    login(specialist)

    response = client.get("/caseload/", **EN)

    assert response.context["in_band"]
    assert "band 1–4" in response.content.decode()


def test_my_week_judges_the_field_share_against_the_target_in_force(
    client, login, specialist, stricter
):
    today = timezone.localdate()
    factories.ActivityFactory(author=specialist, date=today, minutes=40, location="workplace")
    factories.ActivityFactory(author=specialist, date=today, minutes=60, location="office")
    login(specialist)

    response = client.get("/my-week/", **EN)

    assert response.context["week"].meets_target
    assert "target 30 % met" in response.content.decode()
