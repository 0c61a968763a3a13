"""User-entered text is shown isolated: a right-to-left override (U+202E) in a
name, a title or a note cannot reverse what follows it on the page
(docs/security.md, "User-entered text")."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from audit.services import access_record
from ips.bidi import FSI, PDI, bdi, isolate
from tests import factories
from tests.casework import days_ago, held_enrollment
from tests.conftest import log_in

RLO = "\u202e"  # right-to-left override
ISOLATE_OPENERS = "\u2066\u2067\u2068"

pytestmark = pytest.mark.django_db


class _Exposure(HTMLParser):
    """Finds an RLO that is in neither a <bdi> nor a plain-text isolate
    (FSI … PDI) in the text of a page. Form controls isolate their content."""

    CONTROLS = {"textarea", "input", "select"}

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.exposed: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in {"input", "br", "meta", "link", "img", "hr"}:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data):
        if RLO not in data or "bdi" in self.open or self.CONTROLS & set(self.open):
            return
        depth = 0
        for char in data:
            if char in ISOLATE_OPENERS:
                depth += 1
            elif char == PDI:
                depth -= 1
            elif char == RLO and depth <= 0:
                self.exposed.append(data.strip())
                return


def exposed(html: str) -> list[str]:
    parser = _Exposure()
    parser.feed(html)
    return parser.exposed


@pytest.fixture
def hostile(specialist, leader, intake):
    """Kari's office and team, Kari, her candidate, an employer, a job and a
    note: every name ends in a right-to-left override."""
    team = specialist.team
    team.name = f"Horten{RLO}"
    team.save()
    team.office.name = f"NAV Vestfold{RLO}"
    team.office.save()
    specialist.first_name = f"Kari{RLO}"
    specialist.save()
    enrollment = held_enrollment(
        specialist,
        first_name=f"Ola{RLO}",
        last_name=f"Nordmann{RLO}",
        phone=f"400{RLO}",
        address=f"Storgata{RLO} 1",
        city=f"Horten{RLO}",
    )
    employer = factories.EmployerFactory(
        office=specialist.office, name=f"Bakeri{RLO} AS", industry=f"Mat{RLO}"
    )
    factories.ContactPersonFactory(employer=employer, name=f"Siri{RLO}", title=f"Sjef{RLO}")
    factories.PlacementFactory(
        enrollment=enrollment, employer=employer, title=f"Baker{RLO}", start_date=days_ago(10)
    )
    factories.ActivityFactory(
        author=specialist,
        candidate=enrollment.candidate,
        employer=employer,
        date=days_ago(1),
        note=f"Ringte{RLO} om jobben",
    )
    waiting = factories.EnrollmentFactory(
        candidate=factories.CandidateFactory(first_name=f"Vente{RLO}", last_name=f"Liste{RLO}"),
        office=specialist.office,
        referral_date=days_ago(3),
        intake_date=None,
    )
    return {"enrollment": enrollment, "employer": employer, "waiting": waiting}


SPECIALIST_PAGES = {
    "caseload": lambda h: "/caseload/",
    "candidate file": lambda h: f"/candidates/{h['enrollment'].candidate_id}/",
    "timeline": lambda h: f"/candidates/{h['enrollment'].candidate_id}/timeline/",
    "employer list": lambda h: "/employers/",
    "employer page": lambda h: f"/employers/{h['employer'].pk}/",
    "my week": lambda h: "/my-week/",
    "candidate picker": lambda h: "/activities/candidate-options/?candidate_q=Ola",
    "employer picker": lambda h: "/activities/employer-options/?employer_q=Bakeri",
    "my drill-down": lambda h: "/reports/mine/behind/caseload/",
}

LEADER_PAGES = {
    "team caseload": lambda h: "/caseload/",
    "team dashboard": lambda h: f"/reports/team/{h['enrollment'].office.teams.get().pk}/",
    "drill-down": lambda h: (
        f"/reports/team/{h['enrollment'].office.teams.get().pk}/behind/caseload/"
    ),
    "access log": lambda h: f"/audit/candidates/{h['enrollment'].candidate_id}/access/",
    "user list": lambda h: "/users/",
}

INTAKE_PAGES = {
    "home": lambda h: "/",
    "user list": lambda h: "/users/",
    "waiting list": lambda h: "/intake/waiting-list/",
    "enrollment": lambda h: f"/intake/enrollments/{h['enrollment'].pk}/",
    "assignment": lambda h: f"/intake/enrollments/{h['waiting'].pk}/assign/",
}


def _page(client, user, url) -> str:
    log_in(client, user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("page", SPECIALIST_PAGES)
def test_names_are_isolated_on_the_specialists_pages(client, specialist, hostile, page):
    html = _page(client, specialist, SPECIALIST_PAGES[page](hostile))
    assert RLO in html, "the page should show a hostile name"
    assert exposed(html) == []


@pytest.mark.parametrize("page", LEADER_PAGES)
def test_names_are_isolated_on_the_team_leaders_pages(
    rf, client, specialist, leader, hostile, page
):
    request = rf.get("/")
    request.user = specialist
    access_record(request=request, candidates=[hostile["enrollment"].candidate], page="file")
    html = _page(client, leader, LEADER_PAGES[page](hostile))
    assert RLO in html, "the page should show a hostile name"
    assert exposed(html) == []


@pytest.mark.parametrize("page", INTAKE_PAGES)
def test_names_are_isolated_on_the_intake_pages(client, intake, specialist, hostile, page):
    html = _page(client, intake, INTAKE_PAGES[page](hostile))
    assert RLO in html, "the page should show a hostile name"
    assert exposed(html) == []


def test_the_page_title_isolates_the_name(client, specialist, hostile):
    html = _page(client, specialist, f"/candidates/{hostile['enrollment'].candidate_id}/")
    title = html[html.index("<title>") : html.index("</title>")]
    assert f"{FSI}Ola{RLO} Nordmann{RLO}{PDI} · Trofast" in title


def test_a_message_isolates_the_name_it_holds(client, intake, specialist, hostile):
    log_in(client, intake)
    response = client.post(f"/users/{specialist.pk}/unlock/", follow=True)
    html = response.content.decode()
    assert f"{FSI}Kari{RLO} Nordmann{PDI}" in html
    assert exposed(html) == []


def test_bdi_escapes_what_it_isolates():
    assert bdi(f"<b>Ola</b>{RLO}") == f"<bdi>&lt;b&gt;Ola&lt;/b&gt;{RLO}</bdi>"


def test_a_stray_isolate_closer_cannot_end_the_isolation_early():
    assert bdi(f"Ola{PDI}{RLO}") == f"<bdi>Ola{RLO}</bdi>"
    assert isolate(f"Ola{PDI}{RLO}") == f"{FSI}Ola{RLO}{PDI}"
    assert isolate("\u2067Ola") == f"{FSI}\u2067Ola{PDI}{PDI}"


def test_nothing_is_printed_for_an_empty_value():
    assert bdi("") == "" and bdi(None) == ""


# --- Every template: user-entered text goes through |bidi -------------------

#: Fields people type in, and records whose printed form is a name.
USER_TEXT = {
    *("first_name", "last_name", "name", "title", "note", "address", "city", "postal_code"),
    *("phone", "industry", "treatment_contact", "nav_adviser", "job_preferences"),
    *("work_history", "education", "strengths", "support_needs", "preferred_hours"),
    *("preferred_places", "referrer_contact", "referral_reason", "override_reason"),
    *("current_job_title", "current_employer", "get_full_name", "username"),
    *("candidate", "employer", "specialist", "holder", "author", "actor", "account", "team"),
    *("office", "created_by", "changed_by", "person", "single", "user"),
}
#: Variables of these names hold our own words (a translated page title), not user text.
OWN_WORDS = {"title", "name", "chart.title"}

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _printed_values(source: str):
    """(expression, position) of every {{ … }} and blocktranslate `with`
    value outside an HTML tag, blocktranslate placeholders left out."""
    for match in re.finditer(r"{%\s*blocktranslate\b(.*?)%}", source):
        for value in re.findall(r"\w+=(\S+)", match.group(1)):
            yield value, match.start()
    blocks = [
        m.span() for m in re.finditer(r"{%\s*blocktranslate.*?endblocktranslate\s*%}", source, re.S)
    ]
    for match in re.finditer(r"{{\s*(.*?)\s*}}", source):
        inside_tag = source.rfind("<", 0, match.start()) > source.rfind(">", 0, match.start())
        in_block = any(start < match.start() < end for start, end in blocks)
        if not inside_tag and not in_block:
            yield match.group(1), match.start()


def _user_text_unisolated(expression: str) -> bool:
    variable, *filters = expression.split("|")
    path = variable.strip().split(".")
    if variable.strip() in OWN_WORDS or path[0] in {"form", "wizard"}:
        return False  # our words; a form field, whose control isolates its value
    isolated = any(f.split(":")[0].strip() in {"bidi", "bidi_text"} for f in filters)
    return path[-1] in USER_TEXT and not isolated


def test_every_template_prints_user_text_through_bidi():
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {{{{ {expression} }}}}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for expression, _position in _printed_values(path.read_text(encoding="utf-8"))
        if _user_text_unisolated(expression)
    ]
    assert offenders == []
