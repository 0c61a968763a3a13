"""Every page each role may open renders in Chromium without a single
Content-Security-Policy violation, and a new user enrols an authenticator app
through their enrolment link."""

import base64
import re

import pytest
from django_otp.oath import totp

from tests import factories, test_access_matrix
from tests.conftest import CHOSEN_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


world = test_access_matrix.world  # the same records as the access matrix (a fixture)


@pytest.mark.parametrize("role", ["specialist", "leader", "intake", "analyst"])
def test_no_page_of_a_role_violates_the_content_security_policy(role, world, desktop_page):
    desktop_page.log_in(world["users"][role])
    visited = []
    for name, path in test_access_matrix.html_pages(role, world):
        response = desktop_page.go(path)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        desktop_page.tab.wait_for_load_state("load")
        visited.append(name)
        assert desktop_page.csp_violations == [], f"{path}: {desktop_page.csp_violations}"
    assert visited, "no page was visited"


def test_a_new_user_enrols_an_authenticator_app_through_their_link(browser_page, specialist):
    factories.EnrolmentLinkFactory(user=specialist, token="kari-link")
    tab = browser_page.tab
    browser_page.go("/enrol/kari-link/")
    tab.wait_for_url("**/enrol/password/")
    browser_page.screenshot("enrolment-password-phone")
    tab.fill("#id_new_password1", CHOSEN_PASSWORD)
    tab.fill("#id_new_password2", CHOSEN_PASSWORD)
    tab.click("button[type=submit].btn-primary")
    tab.wait_for_url("**/account/two_factor/setup/")
    tab.click("button[type=submit].btn-primary")
    tab.wait_for_function(
        "() => { const img = document.querySelector('img.qr-code');"
        " return img && img.complete && img.naturalWidth > 0; }",
        timeout=10000,
    )
    browser_page.screenshot("two-factor-setup-phone")
    secret = tab.locator("#totp-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]+", secret)
    tab.fill("input[name='generator-token']", f"{totp(base64.b32decode(secret)):06d}")
    tab.click("button[type=submit].btn-primary")
    tab.wait_for_url("**/setup/complete/")
    codes = tab.locator(".recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    browser_page.screenshot("two-factor-recovery-codes-phone")
    tab.click("text=Trofast")
    assert "/account/two_factor/setup" not in tab.url
    assert browser_page.csp_violations == []
