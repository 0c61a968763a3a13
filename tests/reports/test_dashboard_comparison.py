"""Aggregates only: the analysts' comparison and the office view."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.reports.dashboard_helpers import YEAR, a_year_of_work, cell, row_html, text
from tests.reports.helpers import enroll

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
NAMES = ["Kari", "Nordmann", "Per Berg", "Ola Hansen", "Eva Jobb", "Ingrid", "Otto", "Test Person"]


@pytest.fixture
def offices(specialist, teammate, other_specialist):
    """Horten has three candidates (too few to show); Hamar has six, but only
    one of them came in during 2025."""
    data = a_year_of_work(specialist, other_specialist)
    for _n in range(5):
        enroll(other_specialist, "2024-06-03")
    return data


def test_the_analyst_sees_offices_and_teams_compared(client, login, analyst, offices):
    login(analyst)

    page = text(client.get(f"/reports/compare/{YEAR}", **EN))

    assert row_html(page, "NAV Innlandet")
    assert row_html(page, "NAV Innlandet · Hamar")
    assert row_html(page, "All offices")
    assert cell(page, "NAV Innlandet · Hamar", "caseload")["text"] == "6"


def test_the_analysts_page_holds_no_names(client, login, analyst, offices):
    login(analyst)

    page = text(client.get(f"/reports/compare/{YEAR}", **EN))

    for name in NAMES:
        assert name not in page


def test_groups_under_five_candidates_are_suppressed(client, login, analyst, offices):
    login(analyst)

    page = text(client.get(f"/reports/compare/{YEAR}", **EN))

    horten = row_html(page, "NAV Vestfold · Horten")
    assert cell(page, "NAV Vestfold · Horten", "caseload") == {
        "status": "suppressed",
        "text": "&lt;5",
    }
    assert "53.8" not in horten


def test_an_in_work_cohort_under_five_is_suppressed_in_a_group_shown(
    client, login, analyst, offices
):
    login(analyst)

    page = text(client.get(f"/reports/compare/{YEAR}", **EN))

    assert cell(page, "NAV Innlandet · Hamar", "caseload")["status"] != "suppressed"
    assert cell(page, "NAV Innlandet · Hamar", "in_work") == {
        "status": "suppressed",
        "text": "&lt;5",
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_analysts_exports_hold_no_names_and_suppress_small_groups(
    client, login, analyst, offices, fmt
):
    login(analyst)

    response = client.get(f"/reports/compare/fidelity.{fmt}{YEAR}", **EN)

    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode())))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)]
    flat = " ".join(" ".join(r) for r in rows)
    for name in NAMES:
        assert name not in flat
    (horten,) = [r for r in rows if len(r) > 1 and r[1] == "NAV Vestfold · Horten"]
    assert set(horten[2:]) == {"<5"}


@pytest.mark.parametrize("persona", ["specialist", "leader", "intake"])
def test_only_analysts_use_the_comparison(request, client, login, persona):
    login(request.getfixturevalue(persona))

    assert client.get("/reports/compare/").status_code == 403


def test_an_analyst_is_sent_to_the_comparison(client, login, analyst):
    login(analyst)

    assert client.get("/reports/").url == "/reports/compare/"


def test_the_office_view_shows_a_leaders_teams_and_their_offices(client, login, leader, offices):
    login(leader)

    page = text(client.get(f"/reports/offices/{YEAR}", **EN))

    assert row_html(page, "NAV Vestfold · Horten")
    assert row_html(page, "NAV Vestfold")
    assert "Hamar" not in page
    assert "Kari Nordmann" not in page.split("<main")[1]


def test_the_intake_admin_sees_the_offices_teams_pooled(client, login, intake, offices):
    login(intake)

    page = text(client.get(f"/reports/offices/{YEAR}", **EN))

    assert cell(page, "NAV Vestfold · Horten", "caseload")["text"] == "3"
    assert "Innlandet" not in page


@pytest.mark.parametrize("persona", ["specialist", "analyst"])
def test_the_office_view_is_not_for_specialists_or_analysts(request, client, login, persona):
    login(request.getfixturevalue(persona))

    assert client.get("/reports/offices/").status_code == 403
