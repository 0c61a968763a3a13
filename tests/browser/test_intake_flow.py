"""From the door to a caseload: an intake admin registers a referral, finds it
on the waiting list, is refused a full specialist, assigns one with room; the
specialist then sees the candidate on their caseload."""

import pytest
from django.urls import reverse

from candidates.models import Assignment, Enrollment
from tests import factories


@pytest.fixture
def full_specialist(specialist, office):
    """Kari, with a cap of 1 that she has reached."""
    specialist.caseload_cap = 1
    specialist.save()
    factories.AssignmentFactory(
        enrollment=factories.EnrollmentFactory(office=office), specialist=specialist
    )
    return specialist


@pytest.mark.django_db(transaction=True)
def test_an_intake_admin_takes_a_referral_to_a_specialists_caseload(
    browser_page, desktop_page, intake, full_specialist, teammate
):
    page = browser_page.log_in(intake)
    tab = page.tab

    page.go(reverse("referral_create"))
    tab.check("#id_wants_work_0")
    tab.fill("#id_birth_date", "1991-04-20")
    tab.fill("#id_first_name", "Sara")
    tab.fill("#id_last_name", "Solberg")
    tab.fill("#id_phone", "41234567")
    tab.check("#id_referrer_kind_0")
    tab.fill("#id_referrer_contact", "Nina NAV, 55 55 55 55")
    tab.fill("#id_referral_reason", "Wants to work in a shop.")
    tab.check("#id_consent_to_share")
    page.screenshot("intake-referral-phone")
    tab.click("#referral-form button[type=submit]")
    tab.wait_for_url("**" + reverse("waiting_list"))
    assert "Sara Solberg" in tab.inner_text("#waiting-list")
    page.screenshot("intake-waiting-list-phone")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    enrollment = Enrollment.objects.get(
        candidate__first_name="Sara",
        candidate__last_name="Solberg",
        candidate__birth_date="1991-04-20",
    )

    tab.click(f"a[href='{reverse('assignment_create', args=[enrollment.pk])}']")
    tab.select_option("#id_specialist", str(full_specialist.pk))
    tab.click("#assignment-form button[type=submit]")
    tab.wait_for_selector("#id_specialist.is-invalid")
    assert "Ola Hansen" in tab.inner_text("#div_id_specialist")
    assert not Assignment.objects.filter(enrollment=enrollment).exists()
    page.screenshot("intake-assignment-refused-phone")
    # The specialists' figures fit the phone: neither the page nor the table
    # inside its scrolling wrapper is wider than the screen.
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    assert tab.evaluate(
        "(() => { const t = document.querySelector('#specialist-loads');"
        " return t.scrollWidth <= t.parentElement.clientWidth; })()"
    )

    tab.select_option("#id_specialist", str(teammate.pk))
    tab.click("#assignment-form button[type=submit]")
    tab.wait_for_url("**" + reverse("intake_enrollment", args=[enrollment.pk]))
    assert "Ola Hansen" in tab.inner_text("#assignment-history")
    assert Assignment.objects.get(enrollment=enrollment).specialist == teammate
    page.screenshot("intake-assigned-phone")
    assert page.csp_violations == []

    specialist_page = desktop_page.log_in(teammate)
    specialist_page.go(reverse("caseload"))
    assert "Solberg" in specialist_page.tab.content()
    specialist_page.screenshot("intake-new-candidate-on-caseload")
    assert specialist_page.csp_violations == []


@pytest.mark.django_db(transaction=True)
def test_an_intake_admin_withdraws_a_referral_from_the_waiting_list(browser_page, intake, office):
    waiting = factories.EnrollmentFactory(
        candidate=factories.CandidateFactory(first_name="Vera", last_name="Venter"),
        office=office,
        intake_date=None,
    )
    page = browser_page.log_in(intake)
    tab = page.tab

    page.go(reverse("waiting_list"))
    tab.click(f"a[href='{reverse('referral_withdraw', args=[waiting.pk])}']")
    tab.check("#id_discharge_reason_0")
    page.screenshot("intake-withdrawal-phone")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    tab.click("#withdrawal-form button[type=submit]")
    tab.wait_for_url("**" + reverse("waiting_list"))
    assert "Venter" not in tab.inner_text("#waiting-list")
    waiting.refresh_from_db()
    assert waiting.discharge_date is not None and waiting.intake_date is None
    assert page.csp_violations == []
