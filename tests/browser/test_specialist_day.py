"""A specialist's day on a 375×812 phone in Chromium: caseload, a contact
logged with htmx into the timeline, My week, a job start, and an employer
with an invalid organisation number."""

import pytest

from employers.models import Placement
from followup.models import Activity
from tests import factories
from tests.casework import held_candidate

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def day(specialist):
    candidate = held_candidate(specialist, first_name="Mona", last_name="Lie")
    employer = factories.EmployerFactory(office=specialist.office, name="Horten Bakeri")
    return candidate, employer


def in_view_js(selector) -> str:
    """Whether the element's top is within the visible part of the page."""
    return (
        f"() => {{ const top = document.querySelector('{selector}').getBoundingClientRect().top;"
        " return top >= 0 && top < window.innerHeight; }"
    )


def in_view(tab, selector) -> bool:
    return tab.evaluate(f"({in_view_js(selector)})()")


def test_a_specialist_does_a_days_work_on_a_phone(browser_page, specialist, day):
    candidate, employer = day
    page = browser_page
    tab = page.tab
    page.log_in(specialist)

    # The caseload is the start page.
    tab.wait_for_selector("#caseload")
    assert tab.url.endswith("/caseload/")
    assert "Mona Lie" in tab.inner_text("#caseload")
    # Read on a phone without scrolling sideways: the rows become cards.
    assert tab.evaluate(
        "(() => { const t = document.querySelector('#caseload');"
        " return t.scrollWidth <= t.parentElement.clientWidth; })()"
    )
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot("day-1-caseload")

    # Open the file from the row. On a phone the timeline is below the cards:
    # one tap on the file's section links reaches it.
    tab.click("text=Mona Lie")
    tab.wait_for_selector("#timeline")
    assert not in_view(tab, "#timeline-heading")
    tab.click("#file-sections >> text=Tidslinje")
    # Bootstrap scrolls smoothly: wait until the heading has arrived.
    tab.wait_for_function(in_view_js("#timeline-heading"))
    assert tab.evaluate("location.hash") == "#timeline-heading"
    tab.evaluate("window.scrollTo(0, 0)")

    # Log a contact: three taps, no page reload.
    tab.evaluate("window.__sameDocument = true")
    tab.click("#file-log-contact")  # tap 1
    tab.wait_for_selector("#activity-form")
    tab.click("label[for=id_mode_1]")  # tap 2: phone
    tab.fill("#id_note", "Ringte om intervjuet")
    tab.click("#activity-save")  # tap 3
    tab.wait_for_selector("#activity-saved")
    tab.wait_for_selector("#timeline >> text=Ringte om intervjuet")
    assert tab.evaluate("window.__sameDocument") is True
    activity = Activity.objects.get()
    assert (activity.candidate_id, activity.minutes, activity.mode) == (candidate.pk, 30, "phone")
    page.screenshot("day-2-candidate-file-timeline")

    # My week counts the 30 minutes.
    page.go("/my-week/")
    assert "Ringte" not in tab.inner_text("#week-activities")  # notes stay in the file
    assert "Mona Lie" in tab.inner_text("#week-activities")
    assert "30" in tab.inner_text("#minutes-per-day")
    page.screenshot("day-3-my-week")

    # Register a job start from the file.
    page.go(f"/candidates/{candidate.pk}/")
    tab.click(f'a[href="/candidates/{candidate.pk}/placements/new/"]')
    tab.wait_for_selector("#competitive-explained")
    tab.select_option("#id_employer", str(employer.pk))
    tab.fill("#id_title", "Bakerlærling")
    tab.fill("#id_start_date", "2025-03-03")
    tab.fill("#id_hours_per_week", "20")
    page.screenshot("day-4-placement-form")
    tab.click("button[type=submit].btn-primary")
    tab.wait_for_selector("#jobs-heading")
    assert Placement.objects.filter(title="Bakerlærling", competitive=True).exists()
    assert "Bakerlærling" in tab.inner_text("#timeline")
    page.screenshot("day-5-candidate-file-with-job")

    # An employer with an invalid organisation number is refused with a message.
    page.go("/employers/new/")
    tab.fill("#id_orgnr", "988077918")
    tab.fill("#id_name", "Feil AS")
    tab.click("button[type=submit].btn-primary")
    tab.wait_for_selector(".invalid-feedback")
    assert tab.inner_text(".invalid-feedback").strip()
    page.screenshot("day-6-employer-invalid-orgnr")

    page.go("/employers/")
    page.screenshot("day-7-employers")
    assert page.csp_violations == []


def test_a_contact_from_the_caseload_row_takes_at_most_four_taps(browser_page, specialist, day):
    candidate, _employer = day
    page = browser_page
    tab = page.tab
    page.log_in(specialist)
    tab.wait_for_selector("#caseload")
    tab.click(f'#caseload a[href="/activities/new/?candidate={candidate.pk}"]')  # tap 1
    tab.wait_for_selector("#activity-form")
    tab.click("label[for=id_location_0]")  # tap 2: at the workplace
    page.screenshot("day-8-activity-form")
    tab.click("#activity-save")  # tap 3
    tab.wait_for_selector("#timeline")
    assert tab.url.endswith(f"/candidates/{candidate.pk}/")
    assert Activity.objects.get().location == "workplace"
    page.screenshot("day-9-logged-from-caseload")
    assert page.csp_violations == []


def test_on_a_wide_screen_the_file_shows_the_timeline_beside_the_cards(desktop_page, specialist):
    candidate = held_candidate(specialist, first_name="Mona", last_name="Lie")
    page = desktop_page
    page.log_in(specialist)
    page.go(f"/candidates/{candidate.pk}/")
    page.tab.wait_for_selector("#timeline")

    assert not page.tab.is_visible("#file-sections")
    assert in_view(page.tab, "#timeline-heading")
