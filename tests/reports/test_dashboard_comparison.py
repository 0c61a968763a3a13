"""Aggregates only: the analysts' comparison and the office view."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests import factories
from tests.common.formulas import FORMULA_STARTS, FORMULAS, neutralised
from tests.reports.dashboard_helpers import YEAR, a_year_of_work, cell, row_html, text
from tests.reports.helpers import enroll, job, specialist_in

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
NAMES = ["Kari", "Nordmann", "Per Berg", "Ola Hansen", "Eva Jobb", "Ingrid", "Otto", "Test Person"]
HIDDEN = {"status": "suppressed", "text": ":"}


def team_with(office: str, team: str, *, cohort: int = 0, in_work: int = 0, older: int = 0):
    """A team of one specialist: `cohort` intakes in February 2025, `in_work`
    of them with a job in May, and `older` intakes from 2024 (caseload only)."""
    person = specialist_in(
        factories.TeamFactory(office=factories.OfficeFactory(name=office), name=team),
        f"js-{office}-{team}",
    )
    for n in range(cohort):
        enrollment = enroll(person, "2025-02-03")
        if n < in_work:
            job(enrollment, "2025-05-05")
    for _n in range(older):
        enroll(person, "2024-06-03")
    return person


@pytest.fixture
def offices(specialist, teammate, other_specialist):
    """Horten has three candidates (too few to show); Hamar has six, but only
    one of them came in during 2025. Arendal, with five, is hidden beside
    Horten, or Vestfold could be worked out from the total."""
    data = a_year_of_work(specialist, other_specialist)
    for _n in range(5):
        enroll(other_specialist, "2024-06-03")
    team_with("NAV Agder", "Arendal", older=5)
    return data


def rows_of(response, fmt) -> list[list[str]]:
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.content.decode())))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)]


def exported(rows) -> dict[str, dict]:
    """The exported figures by row name."""
    header_at = next(n for n, row in enumerate(rows) if row and row[0] == "scope")
    header = rows[header_at]
    return {row[1]: dict(zip(header, row, strict=False)) for row in rows[header_at + 1 :] if row}


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
    assert cell(page, "NAV Vestfold · Horten", "caseload") == HIDDEN
    assert "53.8" not in horten


def test_an_in_work_cohort_under_five_is_suppressed_in_a_group_shown(
    client, login, analyst, offices
):
    login(analyst)

    page = text(client.get(f"/reports/compare/{YEAR}", **EN))

    assert cell(page, "NAV Innlandet · Hamar", "caseload")["status"] != "suppressed"
    assert cell(page, "NAV Innlandet · Hamar", "in_work") == HIDDEN


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_analysts_exports_hold_no_names_and_suppress_small_groups(
    client, login, analyst, offices, fmt
):
    login(analyst)

    rows = rows_of(client.get(f"/reports/compare/fidelity.{fmt}{YEAR}", **EN), fmt)

    flat = " ".join(" ".join(r) for r in rows)
    for name in NAMES:
        assert name not in flat
    (horten,) = [r for r in rows if len(r) > 1 and r[1] == "NAV Vestfold · Horten"]
    assert set(horten[2:]) == {":"}


def test_an_office_hides_the_next_smallest_beside_a_small_one(client, login, analyst, offices):
    login(analyst)

    page = text(client.get(f"/reports/compare/{YEAR}", **EN))

    assert cell(page, "NAV Vestfold", "caseload") == HIDDEN
    assert cell(page, "NAV Agder", "caseload") == HIDDEN
    assert cell(page, "NAV Agder · Arendal", "caseload") == HIDDEN
    assert cell(page, "NAV Innlandet", "caseload")["text"] == "6"
    assert cell(page, "All offices", "caseload")["text"] == "14"


@pytest.fixture
def agder(db):
    """NAV Agder: Arendal with 9 candidates, 2 of 5 in work within a year;
    Grimstad with 3 candidates."""
    team_with("NAV Agder", "Arendal", cohort=5, in_work=2, older=4)
    team_with("NAV Agder", "Grimstad", older=3)


def test_a_small_team_cannot_be_worked_out_from_its_office(client, login, analyst, agder):
    login(analyst)

    page = text(client.get(f"/reports/compare/{YEAR}", **EN))

    assert cell(page, "NAV Agder", "caseload")["text"] == "12"
    assert cell(page, "NAV Agder · Grimstad", "caseload") == HIDDEN
    assert cell(page, "NAV Agder · Arendal", "caseload") == HIDDEN
    assert cell(page, "NAV Agder · Arendal", "field_share") == HIDDEN


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_small_team_cannot_be_worked_out_from_its_office_in_the_exports(
    client, login, analyst, agder, fmt
):
    login(analyst)

    rows = exported(rows_of(client.get(f"/reports/compare/fidelity.{fmt}{YEAR}", **EN), fmt))

    assert rows["NAV Agder"]["caseload"] == "12"
    for team in ("NAV Agder · Grimstad", "NAV Agder · Arendal"):
        assert set(rows[team].values()) == {"team", team, ":"}


def test_specialists_without_a_team_cannot_be_worked_out_from_their_office(
    client, login, analyst, db
):
    team_with("NAV Agder", "Arendal", older=9)
    alone = specialist_in(None, "alone", office=factories.OfficeFactory(name="NAV Agder"))
    for _n in range(2):
        enroll(alone, "2024-06-03")
    login(analyst)

    page = text(client.get(f"/reports/compare/{YEAR}", **EN))

    assert cell(page, "NAV Agder", "caseload")["text"] == "11"
    assert cell(page, "NAV Agder · Arendal", "caseload") == HIDDEN


@pytest.fixture
def agder_cohorts(db):
    """NAV Agder: in work within a year 3/8, of them Arendal 2/5 and Grimstad
    1/3; both teams have five candidates or more."""
    team_with("NAV Agder", "Arendal", cohort=5, in_work=2)
    team_with("NAV Agder", "Grimstad", cohort=3, in_work=1, older=2)


def test_a_small_in_work_cohort_cannot_be_worked_out_from_its_office(
    client, login, analyst, agder_cohorts
):
    login(analyst)

    page = text(client.get(f"/reports/compare/{YEAR}", **EN))

    assert cell(page, "NAV Agder", "in_work")["text"] == "37.5 %"
    assert cell(page, "NAV Agder · Grimstad", "in_work") == HIDDEN
    assert cell(page, "NAV Agder · Arendal", "in_work") == HIDDEN
    assert cell(page, "NAV Agder · Arendal", "caseload")["text"] == "5"
    assert "2/5" not in row_html(page, "NAV Agder · Arendal")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_small_in_work_cohort_cannot_be_worked_out_from_its_office_in_the_exports(
    client, login, analyst, agder_cohorts, fmt
):
    login(analyst)

    rows = exported(rows_of(client.get(f"/reports/compare/fidelity.{fmt}{YEAR}", **EN), fmt))

    office = rows["NAV Agder"]
    assert (office["in_work_numerator"], office["in_work_denominator"]) == ("3", "8")
    for team in ("NAV Agder · Grimstad", "NAV Agder · Arendal"):
        in_work = [value for key, value in rows[team].items() if key.startswith("in_work")]
        assert in_work == [":"] * 4
    assert rows["NAV Agder · Arendal"]["caseload"] == "5"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_office_names_in_the_analysts_export_cannot_run_as_formulas(client, login, analyst, fmt):
    for name in FORMULAS:
        team_with(name, "Team", older=6)
    login(analyst)

    rows = rows_of(client.get(f"/reports/compare/fidelity.{fmt}{YEAR}", **EN), fmt)

    names = {row[1] for row in rows if len(row) > 1}
    assert {neutralised(name) for name in FORMULAS} <= names
    assert neutralised('=HYPERLINK("http://x","y") · Team') in names
    assert not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row)


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
