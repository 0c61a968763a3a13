"""A team leader reads the team dashboard in Chromium: charts, another
period, from a red figure to the candidates behind it, and the XLSX."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.reports.helpers import enroll, job, log


def page_pdf_path():
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / "dashboard-team-print-a4.pdf"


def days_ago(n: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=n)).isoformat()


@pytest.fixture
def team_at_work(specialist, teammate, leader):
    """Kari holds two candidates (far below 12 per FTE: red) and works mostly
    from the office; Ola found a job for one of his."""
    first = enroll(specialist, days_ago(400))
    first.candidate.first_name, first.candidate.last_name = "Eva", "Jobbsøker"
    first.candidate.save()
    second = enroll(specialist, days_ago(20))
    second.candidate.first_name, second.candidate.last_name = "Ivar", "Venter"
    second.candidate.save()
    log(specialist, days_ago(3), 120, location="office")
    log(specialist, days_ago(2), 30, location="workplace", mode="in_person", with_whom="employer")
    found = enroll(teammate, days_ago(200))
    job(found, days_ago(30))
    log(teammate, days_ago(5), 90, location="community")
    return leader


def test_a_team_leader_reads_the_dashboard_and_drills_down(desktop_page, team_at_work, tmp_path):
    page = desktop_page
    tab = page.tab
    page.log_in(team_at_work)

    assert f"/reports/team/{team_at_work.team_id}/" in tab.url
    tab.wait_for_selector("canvas[data-chart]")
    assert tab.locator("canvas[data-chart]").count() == 6
    assert tab.evaluate("Boolean(window.Chart && Chart.getChart(document.querySelector('canvas')))")
    assert tab.locator('tr[data-scope="team"]').count() == 1
    page.screenshot("dashboard-team-desktop")

    tab.select_option("#id_period", "year")
    tab.click("#submit-id-show")
    tab.wait_for_url("**period=year**")
    kari_row = tab.locator("tr", has=tab.locator("th", has_text="Kari Nordmann"))
    red = kari_row.locator('td[data-metric="caseload"][data-status="not_met"] a')
    assert red.count() == 1

    red.click()
    tab.wait_for_url("**/behind/caseload/**")
    assert tab.locator("text=Eva Jobbsøker").count() == 1
    assert tab.locator("text=Ivar Venter").count() == 1
    page.screenshot("dashboard-drilldown-desktop")

    tab.go_back()
    tab.emulate_media(media="print")
    assert tab.locator("form.period-form").is_hidden()
    assert tab.locator(".recompute-form button").is_hidden()
    tab.pdf(path=str(page_pdf_path()), format="A4", landscape=True, print_background=True)
    tab.emulate_media(media="screen")
    with tab.expect_download() as download_info:
        tab.click("text=Excel (XLSX)")
    path = tmp_path / "fidelity.xlsx"
    download_info.value.save_as(path)
    sheet = load_workbook(io.BytesIO(path.read_bytes())).active
    names = [row[1] for row in sheet.iter_rows(values_only=True) if len(row) > 1]
    assert "Kari Nordmann" in names
    assert page.csp_violations == []
    # The only resource allowed to be missing is the favicon the browser asks for itself.
    assert [e for e in page.console_errors if "Failed to load resource" not in e] == []


def test_the_dashboard_works_on_a_phone(browser_page, team_at_work):
    page = browser_page
    page.log_in(team_at_work)

    page.tab.wait_for_selector("canvas[data-chart]")
    page.tab.locator("button.definition").first.click()
    page.tab.wait_for_selector(".popover.show")
    page.tab.wait_for_timeout(300)  # the popover's fade-in
    page.screenshot("dashboard-team-phone")

    assert page.csp_violations == []
    width = page.tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 380
