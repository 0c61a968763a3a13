"""Query parameters are parsed once, at the edge, by a form per view
(ips.query): bad input answers 400 with a message and reaches no query or
date computation; a missing parameter keeps the page's default.

The URLs of the security review's finding 11 each answered 500."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from tests.reports.dashboard_helpers import YEAR, a_year_of_work

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
HTMX = {"HTTP_HX_REQUEST": "true", **EN}
DAY_RANGE = "Give a day between Jan. 1, 2000 and Dec. 31, 2100."
CONTROL = "holds a control character (such as NUL)."

FINDING_11 = [
    ("/employers/?q=%00", f"The parameter “q” {CONTROL}"),
    ("/activities/candidate-options/?candidate_q=%00", f"The parameter “candidate_q” {CONTROL}"),
    ("/activities/employer-options/?employer_q=%00", f"The parameter “employer_q” {CONTROL}"),
    ("/my-week/?week=0001-01-01", f"Week: {DAY_RANGE}"),
    ("/my-week/?week=9999-12-31", f"Week: {DAY_RANGE}"),
    ("/reports/mine/?period=year&on=9999-12-31", f"Containing the day: {DAY_RANGE}"),
    ("/reports/mine/behind/cohort/?as_of=0001-01-01", f"As of: {DAY_RANGE}"),
]


def _alert(response) -> str:
    """The text of the refusal's alert."""
    html = response.content.decode()
    match = re.search(
        r'<div class="alert alert-danger" role="alert" data-query-refused>(.*?)</div>', html, re.S
    )
    assert match, "the 400 answer has no message"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


@pytest.mark.parametrize(("url", "message"), FINDING_11)
def test_each_url_of_finding_11_answers_400_with_a_message(client, login, specialist, url, message):
    login(specialist)

    response = client.get(url, **EN)

    assert response.status_code == 400
    assert message in _alert(response)


def test_an_over_long_search_is_refused_with_its_limit(client, login, specialist):
    login(specialist)

    response = client.get("/employers/", {"q": "x" * 101}, **EN)

    assert response.status_code == 400
    assert "Ensure this value has at most 100 characters (it has 101)." in _alert(response)


def test_a_bidi_override_in_a_search_is_refused(client, login, specialist):
    login(specialist)

    response = client.get("/caseload/", {"q": "Kari\u202e"}, **EN)

    assert response.status_code == 400
    assert f"The parameter “q” {CONTROL}" in _alert(response)


def test_a_page_of_a_library_is_guarded_too(client):
    response = client.get("/login/", {"next": "/\x00"}, **EN)

    assert response.status_code == 400
    assert f"The parameter “next” {CONTROL}" in _alert(response)


def test_a_period_that_is_not_valid_shows_the_period_form_again_to_correct_it(
    client, login, specialist
):
    login(specialist)

    response = client.get("/reports/mine/?period=custom&start=2025-06-01&end=2025-01-01", **EN)

    assert response.status_code == 400
    assert "The last day is before the first day." in _alert(response)
    assert 'name="start" value="2025-06-01"' in response.content.decode()


def test_a_dashboard_without_parameters_shows_the_current_quarter_chosen(client, login, specialist):
    login(specialist)

    response = client.get("/reports/mine/", **EN)

    assert response.status_code == 200
    assert '<option value="quarter" selected>' in response.content.decode()


def test_my_week_offers_no_previous_week_before_the_first_day_it_takes(client, login, specialist):
    login(specialist)

    page = client.get("/my-week/?week=2000-01-03", **EN).content.decode()

    assert "previous week" not in page
    assert "previous week" in client.get("/my-week/?week=2000-01-10", **EN).content.decode()


def test_the_drilldown_refuses_an_as_of_day_that_is_not_a_day(client, login, specialist):
    login(specialist)

    response = client.get("/reports/mine/behind/cohort/?as_of=yesterday", **EN)

    assert response.status_code == 400
    assert "As of: Enter a valid date." in _alert(response)


def test_the_drilldown_counts_the_cohort_as_of_today_when_no_day_is_given(
    client, login, specialist
):
    login(specialist)

    response = client.get(f"/reports/mine/behind/cohort/{YEAR}", **EN)

    assert response.status_code == 200
    assert response.context["as_of"] == timezone.localdate()


def test_the_drilldown_filter_links_keep_the_period_the_day_and_the_specialist(
    client, login, leader, specialist, other_specialist
):
    a_year_of_work(specialist, other_specialist)
    login(leader)
    query = f"{YEAR}&as_of=2026-06-30&specialist={specialist.pk}"

    page = client.get(f"/reports/team/{leader.team_id}/behind/cohort/{query}", **EN)

    html = page.content.decode()
    assert (
        "?period=custom&amp;start=2025-01-01&amp;end=2025-12-31&amp;as_of=2026-06-30"
        f"&amp;specialist={specialist.pk}&amp;show=without_job"
    ) in html
    assert page.context["as_of"] == datetime.date(2026, 6, 30)


def test_a_specialist_id_that_is_not_a_number_is_refused(client, login, leader):
    login(leader)

    response = client.get(f"/reports/team/{leader.team_id}/behind/caseload/?specialist=x", **EN)

    assert response.status_code == 400
    assert "Job specialist: Enter a whole number." in _alert(response)


def test_a_recompute_of_a_period_that_is_not_valid_starts_nothing(
    client, login, leader, monkeypatch
):
    from reports import tasks

    started = []
    monkeypatch.setattr(tasks, "recompute_request", lambda *args: started.append(args))
    login(leader)

    response = client.post(
        "/reports/recompute/",
        {"period": "custom", "start": "2025-06-01", "end": "0001-01-01"},
        **EN,
    )

    assert response.status_code == 400
    assert started == []


def test_an_htmx_part_answers_a_fragment_shown_at_the_top_of_the_page(client, login, specialist):
    login(specialist)

    response = client.get("/activities/candidate-options/", {"candidate_q": "x" * 101}, **HTMX)

    assert response.status_code == 400
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#main", "afterbegin")
    assert "<html" not in response.content.decode()
    assert "Find a candidate: Ensure this value has at most 100 characters" in _alert(response)


def test_htmx_swaps_a_400_answer_and_no_other_error(client, login, specialist):
    """The fragment above is shown: htmx's config lets 400 answers swap."""
    login(specialist)

    html = client.get("/my-week/").content.decode()

    assert '{"code": "400", "swap": true}' in html
    assert '{"code": "[45]..", "swap": false, "error": true}' in html


def test_a_refused_query_shows_no_person_and_writes_no_access_entry(
    client, login, leader, specialist, other_specialist
):
    from auditlog.models import LogEntry

    a_year_of_work(specialist, other_specialist)
    login(leader)

    response = client.get(
        f"/reports/team/{leader.team_id}/behind/caseload/{YEAR}&show=everyone", **EN
    )

    assert response.status_code == 400
    assert "Eva Jobb" not in response.content.decode()
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


# --- The class is closed: no view reads the query string itself ----------------

APPS = ("audit", "candidates", "employers", "followup", "intake", "ips", "privacy", "reports")
#: The one module that reads query strings, and the guard that calls it.
PARSERS = {Path("ips/query.py"), Path("ips/middleware.py")}
READS_QUERY = re.compile(r"\.GET\b|QueryDict\(")


def _sources():
    root = Path(settings.BASE_DIR)
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root)
            if "migrations" not in relative.parts and relative not in PARSERS:
                yield relative, path.read_text()


def test_no_view_or_helper_reads_the_query_string_but_through_a_form():
    readers = [
        f"{relative}:{number}"
        for relative, source in _sources()
        for number, line in enumerate(source.splitlines(), start=1)
        if READS_QUERY.search(line)
    ]
    assert readers == [], "parse the query with a form (ips.query.parses_query): " + ", ".join(
        readers
    )


def test_no_template_reads_the_query_string():
    root = Path(settings.BASE_DIR) / "templates"
    readers = [
        str(path.relative_to(root))
        for path in sorted(root.rglob("*.html"))
        if "request.GET" in path.read_text()
    ]
    assert readers == []
