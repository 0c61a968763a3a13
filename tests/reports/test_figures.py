"""A figure is declared once (reports.figures): the report, the dashboards,
the trends and the exports all follow the registry."""

import io

import pytest
from django.core.management import call_command

from reports import drilldown
from reports.figures import FIGURES, MET, MINUTES, NOT_MET, Column, Figure, Judged, Trend
from tests.reports.dashboard_helpers import YEAR, a_year_of_work, cell, report_for, text

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def field_hours_figure() -> Figure:
    """A new figure: hours in the field, read from the minutes query."""
    return Figure(
        key="field_hours",
        label="Field hours",
        definition_of=lambda t: "Hours logged in the field.",
        fields=lambda s: {"field_hours": round(s.parts["field"] / 60, 1)},
        sources=(MINUTES,),
        target_of=lambda t: "at least 1 h",
        judge=lambda row, t: Judged(
            str(row["field_hours"]), MET if row["field_hours"] >= 1 else NOT_MET
        ),
        trend=Trend("Field hours", "h", lambda row: row["field_hours"], lambda t: [("1 h", 1)]),
        columns=(Column("field_hours", lambda row: row["field_hours"]),),
        drill=drilldown.WEEKS,
    )


@pytest.fixture
def field_hours():
    figure = field_hours_figure()
    FIGURES.append(figure)
    yield figure
    FIGURES.remove(figure)


@pytest.fixture
def horten(specialist, teammate):
    return a_year_of_work(specialist)


def test_a_new_figure_is_in_the_report_once_declared(horten, field_hours):
    report = report_for()

    kari = next(row for row in report["specialists"] if row["username"] == "kari")
    (team,) = report["teams"]
    assert (kari["field_hours"], team["field_hours"]) == (1.2, 1.2)


def test_a_new_figure_is_judged_and_charted_on_the_dashboard(
    client, login, leader, horten, field_hours
):
    login(leader)

    page = text(client.get(f"/reports/team/{leader.team.pk}/{YEAR}", **EN))

    assert cell(page, "Kari Nordmann", "field_hours") == {"status": "met", "text": "1.2"}
    assert "at least 1 h" in page
    assert page.count("<canvas data-chart=") == 7
    assert '"key": "field_hours"' in page


def test_a_new_figure_is_in_every_export(client, login, leader, horten, field_hours):
    login(leader)
    out = io.StringIO()
    call_command(
        "fidelity_report", "--start", "2025-01-01", "--end", "2025-12-31", "--format", "csv",
        stdout=out,
    )  # fmt: skip

    page = text(client.get(f"/reports/team/{leader.team.pk}/fidelity.csv{YEAR}", **EN))

    command_header = out.getvalue().splitlines()[0].split(",")
    dashboard_header = next(line for line in page.splitlines() if line.startswith("scope,"))
    assert command_header[-1] == "field_hours"
    assert dashboard_header.split(",")[-1] == "field_hours"
