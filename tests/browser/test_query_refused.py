"""A query refused (ips.query) is shown to the user, also when htmx asked for a part."""

import pytest

from tests.casework import held_candidate

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_refused_htmx_part_shows_its_message_at_the_top_of_the_page(browser_page, specialist):
    held_candidate(specialist, first_name="Mona", last_name="Lie")
    page = browser_page
    tab = page.tab
    page.log_in(specialist)
    page.go("/activities/new/")
    options_before = tab.inner_html("#id_candidate")

    tab.evaluate(
        "() => htmx.ajax('GET', '/activities/candidate-options/?candidate_q=' + 'x'.repeat(101),"
        " '#id_candidate')"
    )

    alert = tab.wait_for_selector("#main > [data-query-refused]")
    assert "100" in alert.inner_text()
    assert tab.inner_html("#id_candidate") == options_before
    page.screenshot("query-refused-htmx")
    assert page.csp_violations == []


def test_a_period_refused_is_corrected_on_the_page_that_says_why(desktop_page, specialist):
    page = desktop_page
    tab = page.tab
    page.log_in(specialist)

    response = page.go("/reports/mine/?period=custom&start=2025-06-01&end=2025-01-01")

    assert response.status == 400
    page.screenshot("query-refused-period")
    tab.fill("#id_end", "2025-12-31")
    tab.click("#submit-id-show")
    tab.wait_for_url("**end=2025-12-31**")
    assert tab.query_selector("[data-query-refused]") is None
    page.screenshot("query-refused-period-corrected")
    assert page.csp_violations == []
