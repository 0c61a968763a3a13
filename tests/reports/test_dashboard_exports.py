"""The dashboard table as CSV and XLSX: the same figures as fidelity_report."""

import csv
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from reports import services
from tests import factories
from tests.common.formulas import FORMULA_STARTS, FORMULAS, neutralised
from tests.reports.dashboard_helpers import END, START, YEAR, a_year_of_work, report_for

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def horten(specialist, teammate, other_specialist):
    return a_year_of_work(specialist, other_specialist)


def rows_of(response, fmt) -> list[list[str]]:
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.content.decode())))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def table(rows) -> dict[str, dict]:
    header_at = next(n for n, row in enumerate(rows) if row and row[0] == "scope")
    header = rows[header_at]
    return {row[1]: dict(zip(header, row, strict=False)) for row in rows[header_at + 1 :] if row}


def number(value: str):
    return None if value in ("", "None") else float(value)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_has_the_same_figures_as_the_fidelity_report(client, login, leader, horten, fmt):
    login(leader)
    report = report_for()

    response = client.get(f"/reports/team/{leader.team.pk}/fidelity.{fmt}{YEAR}", **EN)

    assert response.status_code == 200
    exported = table(rows_of(response, fmt))
    kari = next(r for r in report["specialists"] if r["username"] == "kari")
    row = exported["Kari Nordmann"]
    assert number(row["caseload"]) == kari["caseload"]
    assert number(row["field_share"]) == kari["field_share"]
    assert number(row["in_work_numerator"]) == kari["in_work_within_year"]["numerator"]
    assert number(row["in_work_denominator"]) == kari["in_work_within_year"]["denominator"]
    assert number(row["in_work_rate"]) == kari["in_work_within_year"]["rate"]
    assert number(row["new_in_work"]) == kari["new_in_work"]
    assert number(row["days_to_first_employer_contact"]) == kari["days_to_first_employer_contact"]
    (team,) = [t for t in report["teams"] if t["name"] == "Horten"]
    assert number(exported["Team Horten (pooled)"]["field_share"]) == team["field_share"]
    assert exported["Ola Hansen"]["field_share"] == ""


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_names_the_period_and_the_computation_time(client, login, leader, horten, fmt):
    services.figures_recompute(start=START, end=END, as_of=timezone.localdate())
    login(leader)

    rows = rows_of(client.get(f"/reports/team/{leader.team.pk}/fidelity.{fmt}{YEAR}", **EN), fmt)

    assert rows[1][:3] == ["Period", "2025-01-01", "2025-12-31"]
    assert rows[3][0] == "Computed at"
    assert rows[3][1].startswith(str(timezone.localdate().year))
    assert rows[3][2] == "stored snapshot"


def test_the_xlsx_is_a_spreadsheet_download(client, login, leader, horten):
    login(leader)

    response = client.get(f"/reports/team/{leader.team.pk}/fidelity.xlsx{YEAR}")

    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert response["Content-Disposition"].startswith("attachment;")


def test_another_leader_cannot_export_the_team(client, login, leader, other_leader):
    login(other_leader)

    assert client.get(f"/reports/team/{leader.team.pk}/fidelity.csv").status_code == 404


def test_a_specialist_exports_their_own_row_and_the_team_pooled(client, login, specialist, horten):
    login(specialist)

    exported = table(rows_of(client.get(f"/reports/mine/fidelity.csv{YEAR}", **EN), "csv"))

    assert set(exported) == {"Kari Nordmann", "Team Horten (pooled)"}


def test_the_office_export_holds_teams_and_offices(client, login, leader, horten):
    login(leader)

    exported = table(rows_of(client.get(f"/reports/offices/fidelity.xlsx{YEAR}", **EN), "xlsx"))

    assert set(exported) == {"NAV Vestfold · Horten", "NAV Vestfold"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_names_in_the_team_export_cannot_run_as_formulas(client, login, leader, horten, fmt):
    for n, name in enumerate(FORMULAS):
        factories.SpecialistFactory(
            username=f"js{n}", first_name=name, last_name="X", team=leader.team
        )
    login(leader)

    rows = rows_of(client.get(f"/reports/team/{leader.team.pk}/fidelity.{fmt}{YEAR}", **EN), fmt)

    names = {row[1] for row in rows if len(row) > 1}
    assert neutralised('=HYPERLINK("http://x","y") X') in names
    assert {neutralised("+1 X"), neutralised("-2+3 X"), neutralised("@SUM(A1) X")} <= names
    assert not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row)


def test_figures_in_the_xlsx_are_numbers(client, login, leader, horten):
    login(leader)

    response = client.get(f"/reports/team/{leader.team.pk}/fidelity.xlsx{YEAR}", **EN)

    sheet = load_workbook(io.BytesIO(response.content)).active
    (kari,) = [row for row in sheet.iter_rows() if row[1].value == "Kari Nordmann"]
    assert (kari[3].value, kari[3].data_type) == (3, "n")
