"""An intake admin creates an account and hands its enrolment link over in
person, on a phone; a team leader's reset of a lost phone asks for their own
code first when the login is more than five minutes old."""

import datetime
import re

import pytest
import time_machine

from ips.models import User
from tests.conftest import current_code, totp_device

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_intake_admin_creates_an_account_and_sees_its_enrolment_link_once(
    browser_page, intake, team
):
    page = browser_page.log_in(intake)
    tab = page.tab
    page.go("/intake/users/new/")
    tab.fill("#id_username", "siri")
    tab.fill("#id_first_name", "Siri")
    tab.fill("#id_last_name", "Sand")
    tab.fill("#id_email", "siri@example.no")
    tab.select_option("#id_role", "specialist")
    tab.select_option("#id_team", str(team.pk))
    tab.click("#account-form button[type=submit]")
    siri = User.objects.get(username="siri")
    tab.wait_for_url(f"**/intake/users/{siri.pk}/enrolment-link/")
    tab.check("input[name=delivery][value=show]")
    page.screenshot("enrolment-link-choice-phone")
    tab.click("#enrolment-link-form button[type=submit]")
    link = tab.locator("#enrolment-link").inner_text().strip()
    assert re.fullmatch(r"https?://[^/]+/enrol/[\w-]{40,}/", link)
    page.screenshot("enrolment-link-shown-phone")
    assert page.csp_violations == []


def test_a_reset_long_after_login_asks_for_the_own_code_first(browser_page, leader, specialist):
    totp_device(specialist)
    start = datetime.datetime.now(tz=datetime.UTC)
    with time_machine.travel(start, tick=True):
        page = browser_page.log_in(leader)
    with time_machine.travel(start + datetime.timedelta(minutes=6), tick=True):
        tab = page.tab
        page.go("/users/")
        tab.click(f"form[action='/users/{specialist.pk}/reset-second-factor/'] button")
        tab.wait_for_url("**/account/confirm-code/**")
        page.screenshot("second-factor-confirm-phone")
        tab.fill("#id_otp_token", current_code(totp_device(leader)))
        tab.click("button[type=submit].btn-primary")
        tab.wait_for_url(f"**/users/{specialist.pk}/reset-second-factor/")
        tab.click("button[type=submit].btn-danger")
        tab.wait_for_url("**/users/")
    assert not specialist.totpdevice_set.exists()
    assert page.csp_violations == []
