"""`manage.py fidelity_report`: the JSON contract of docs/fidelity-report.md, CSV and table."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests import factories
from tests.common.formulas import FORMULA_STARTS, FORMULAS, neutralised
from tests.reports.helpers import enroll, job, log

pytestmark = pytest.mark.django_db

FIGURES = {
    "fte": float,
    "caseload": int,
    "caseload_per_fte": float,
    "field_minutes": int,
    "logged_minutes": int,
    "field_share": (float, type(None)),
    "in_work_within_year": dict,
    "new_in_work": int,
}
IN_WORK = {"numerator": int, "denominator": int, "pending": int, "rate": (float, type(None))}


def run(*args) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("fidelity_report", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def data(specialist, teammate, other_specialist):
    enrollment = enroll(specialist, "2025-03-03")
    job(enrollment, "2025-05-05")
    enroll(specialist, "2025-04-07")
    log(specialist, "2025-03-10", 65, location="workplace")
    log(specialist, "2025-03-11", 35, location="office")


def json_report(*extra) -> dict:
    return json.loads(
        run("--start", "2025-01-01", "--end", "2025-12-31", *extra, "--format", "json")
    )


def test_the_json_has_the_contracts_fields_and_types(data):
    report = json_report("--as-of", "2026-12-31")

    assert (report["start"], report["end"], report["as_of"]) == (
        "2025-01-01",
        "2025-12-31",
        "2026-12-31",
    )
    rows = [*report["specialists"], *report["teams"], report["total"]]
    for row in rows:
        for name, kind in FIGURES.items():
            assert isinstance(row[name], kind), (name, row[name])
        for name, kind in IN_WORK.items():
            assert isinstance(row["in_work_within_year"][name], kind), name
    for row in report["specialists"]:
        assert isinstance(row["username"], str)
        assert isinstance(row["team"], str)
    for row in report["teams"]:
        assert isinstance(row["name"], str)


def test_the_json_gives_the_figures_of_the_contract(data):
    report = json_report("--as-of", "2026-12-31")

    kari = next(r for r in report["specialists"] if r["username"] == "kari")
    assert kari["team"] == "Horten"
    assert kari["fte"] == 1.0
    assert kari["caseload"] == 2
    assert kari["caseload_per_fte"] == 2.0
    assert (kari["field_minutes"], kari["logged_minutes"], kari["field_share"]) == (65, 100, 0.65)
    assert kari["in_work_within_year"] == {
        "numerator": 1,
        "denominator": 2,
        "pending": 0,
        "rate": 0.5,
    }
    assert kari["new_in_work"] == 1


def test_a_figure_without_data_is_null(data):
    report = json_report("--as-of", "2026-12-31")

    ola = next(r for r in report["specialists"] if r["username"] == "ola")
    assert ola["field_share"] is None
    assert ola["in_work_within_year"]["rate"] is None


def test_the_as_of_date_defaults_to_today(data):
    from django.utils import timezone

    assert json_report()["as_of"] == timezone.localdate().isoformat()


def test_the_csv_has_one_row_per_specialist_team_office_and_the_total(data):
    rows = list(
        csv.DictReader(
            io.StringIO(
                run(
                    "--start",
                    "2025-01-01",
                    "--end",
                    "2025-12-31",
                    "--as-of",
                    "2026-12-31",
                    "--format",
                    "csv",
                )
            )
        )
    )

    assert [(r["scope"], r["name"]) for r in rows] == [
        ("specialist", "per"),
        ("specialist", "kari"),
        ("specialist", "ola"),
        ("team", "Hamar"),
        ("team", "Horten"),
        ("office", "NAV Innlandet"),
        ("office", "NAV Vestfold"),
        ("total", ""),
    ]
    assert rows[1]["field_share"] == "0.65"
    assert rows[2]["field_share"] == ""


def test_the_table_shows_no_data_instead_of_zero(data):
    table = run("--start", "2025-01-01", "--end", "2025-12-31", "--as-of", "2026-12-31")

    kari_line = next(line for line in table.splitlines() if " kari " in line)
    ola_line = next(line for line in table.splitlines() if " ola " in line)
    assert "65.0 %" in kari_line
    assert "no data" in ola_line


def test_it_refuses_an_end_before_the_start(db):
    with pytest.raises(CommandError):
        run("--start", "2025-12-31", "--end", "2025-01-01")


def test_it_refuses_a_date_that_is_not_iso(db):
    with pytest.raises(CommandError):
        run("--start", "31.12.2025", "--end", "2025-12-31")


def test_names_in_the_csv_cannot_run_as_formulas(office):
    for name in FORMULAS:
        team = factories.TeamFactory(office=office, name=name)
        factories.SpecialistFactory(username=name, team=team)

    rows = list(
        csv.DictReader(
            io.StringIO(run("--start", "2025-01-01", "--end", "2025-12-31", "--format", "csv"))
        )
    )

    names = {(row["scope"], row["name"]) for row in rows}
    for name in FORMULAS:
        assert ("specialist", neutralised(name)) in names
        assert ("team", neutralised(name)) in names
    assert not any(value.startswith(FORMULA_STARTS) for row in rows for value in row.values())


def test_the_csv_keeps_its_column_names(data):
    output = run("--start", "2025-01-01", "--end", "2025-12-31", "--format", "csv")

    assert output.splitlines()[0] == (
        "scope,name,team,office,fte,caseload,caseload_per_fte,field_minutes,logged_minutes,"
        "field_share,in_work_numerator,in_work_denominator,in_work_pending,in_work_rate,"
        "new_in_work,new_in_work_per_fte,new_in_work_target,employer_contacts,"
        "employer_contacts_per_week,days_to_first_employer_contact,employment_rate,"
        "job_tenure_days"
    )
    assert "\r" not in output
