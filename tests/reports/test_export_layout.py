"""One layout for every export of the figures: the dashboards' files and
`fidelity_report --format csv` write the same columns (reports.exports)."""

import csv
import io

from django.core.management import call_command

from tests import factories
from tests.reports.dashboard_helpers import YEAR, a_year_of_work
from tests.reports.helpers import enroll, specialist_in

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def csv_rows(content: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content)))


def header(rows: list[list[str]]) -> list[str]:
    return next(row for row in rows if row and row[0] == "scope")


def table(rows: list[list[str]]) -> dict[str, dict]:
    """The exported rows after the header, by name."""
    at = rows.index(header(rows))
    return {row[1]: dict(zip(rows[at], row, strict=True)) for row in rows[at + 1 :] if row}


def command_header() -> list[str]:
    out = io.StringIO()
    call_command(
        "fidelity_report", "--start", "2025-01-01", "--end", "2025-12-31", "--format", "csv",
        stdout=out,
    )  # fmt: skip
    return header(csv_rows(out.getvalue()))


def test_the_dashboard_file_has_the_commands_figure_columns(client, login, leader, specialist):
    a_year_of_work(specialist)
    login(leader)

    response = client.get(f"/reports/team/{leader.team.pk}/fidelity.csv{YEAR}", **EN)

    dashboard = header(csv_rows(response.content.decode()))
    command = command_header()
    assert dashboard[:2] == ["scope", "name"]
    assert command[:4] == ["scope", "name", "team", "office"]
    assert dashboard[2:] == command[4:]
    assert "employment_rate" in dashboard and "job_tenure_days" in dashboard


def team_of_retention_cases(office: str, team: str, *, out_of_work: int, in_work: int):
    """A team of one specialist holding `out_of_work` candidates out of work at
    referral and `in_work` job-retention cases, all taken in during 2024."""
    person = specialist_in(
        factories.TeamFactory(office=factories.OfficeFactory(name=office), name=team),
        f"js-{office}-{team}",
    )
    for _n in range(out_of_work):
        enroll(person, "2024-06-03")
    for _n in range(in_work):
        enroll(person, "2024-06-03", employed_at_referral=True)


def test_an_analyst_export_hides_an_employment_rate_over_fewer_than_five(client, login, analyst):
    """Both teams hold six; Larvik's employment rate is over its two out of
    work at referral, so it is hidden, and Sandefjord's beside it, or it
    could be worked out from the office's."""
    team_of_retention_cases("NAV Vestfold", "Larvik", out_of_work=2, in_work=4)
    team_of_retention_cases("NAV Vestfold", "Sandefjord", out_of_work=6, in_work=0)
    login(analyst)

    response = client.get(f"/reports/compare/fidelity.csv{YEAR}", **EN)

    by_name = table(csv_rows(response.content.decode()))
    for team in ("NAV Vestfold · Larvik", "NAV Vestfold · Sandefjord"):
        assert by_name[team]["caseload"] == "6"
        assert by_name[team]["employment_rate"] == ":"
    assert by_name["NAV Vestfold"]["employment_rate"] == "0.0"


def test_a_leader_exports_the_employment_rate_and_job_tenure(client, login, leader, specialist):
    enroll(specialist, "2024-06-03")
    login(leader)

    response = client.get(f"/reports/team/{leader.team.pk}/fidelity.csv{YEAR}", **EN)

    kari = table(csv_rows(response.content.decode()))["Kari Nordmann"]
    assert (kari["employment_rate"], kari["job_tenure_days"]) == ("0.0", "")
