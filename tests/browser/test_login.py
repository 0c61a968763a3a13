"""A user logs in with password and authenticator code in Chromium, on a phone."""


def test_a_specialist_logs_in_on_a_phone_without_csp_violations(browser_page, specialist):
    browser_page.log_in(specialist)
    assert "Kari Nordmann" in browser_page.tab.content()
    browser_page.screenshot("home-phone")
    assert browser_page.csp_violations == []
