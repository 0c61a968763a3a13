"""Every page each role may open renders in Chromium without a single
Content-Security-Policy violation, and a new user enrols an authenticator app."""

import base64
import re

import pytest
from django_otp.oath import totp

from tests.access_matrix import MATRIX
from tests.test_access_matrix import _values, fill, url_patterns

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(specialist, other_specialist, leader, intake, analyst):
    from tests import factories

    own = factories.EnrollmentFactory(office=specialist.office)
    factories.AssignmentFactory(enrollment=own, specialist=specialist)
    other = factories.EnrollmentFactory(office=other_specialist.office)
    factories.AssignmentFactory(enrollment=other, specialist=other_specialist)
    return {
        "users": {
            "specialist": specialist,
            "leader": leader,
            "intake": intake,
            "analyst": analyst,
        },
        "own": {"pk": own.candidate.pk, "uidb64": "MQ", "token": "set-password"},
        "other": {"pk": other.candidate.pk, "uidb64": "MQ", "token": "set-password"},
        "own_user": specialist.pk,
        "other_user": other_specialist.pk,
    }


def _html_pages(role, world):
    for name, route in url_patterns():
        if name not in MATRIX:
            continue
        method, expected = MATRIX[name]
        wanted = expected[role]
        status = wanted[0] if isinstance(wanted, tuple) else wanted
        if method == "get" and status == 200 and not name.endswith(("_csv", "_json", "_xlsx")):
            try:
                path = fill(route, _values(name, world, "own"))
            except KeyError:
                continue
            if path:
                yield name, path


@pytest.mark.parametrize("role", ["specialist", "leader", "intake", "analyst"])
def test_no_page_of_a_role_violates_the_content_security_policy(role, world, desktop_page):
    desktop_page.log_in(world["users"][role])
    visited = []
    for name, path in _html_pages(role, world):
        response = desktop_page.go(path)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        desktop_page.tab.wait_for_load_state("load")
        visited.append(name)
        assert desktop_page.csp_violations == [], f"{path}: {desktop_page.csp_violations}"
    assert visited, "no page was visited"


def test_a_new_user_enrols_an_authenticator_app_and_gets_in(browser_page, specialist):
    tab = browser_page.tab
    browser_page.go("/login/")
    tab.fill("#id_auth-username", specialist.username)
    tab.fill("#id_auth-password", "correct-horse-battery-staple")
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
