"""Hostile input to every form and to the import: never a 500, nothing saved
from a refused submission, and script tags shown escaped, never executed.

The forms are found, not listed: every page of the access matrix that a role
may open is fetched and each POST form on it with input fields is submitted
with generated hostile values (hypothesis)."""

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import test_access_matrix
from tests.test_access_matrix import _client_for, html_pages

world = test_access_matrix.world  # the same records as the access matrix (a fixture)

SCRIPT = "<script>alert('x')</script>"
HOSTILE = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(max_codepoint=31), min_size=1, max_size=5),
    st.sampled_from(
        [
            SCRIPT,
            "x" * 5000,
            "\x00",
            "-1",
            "0",
            "99999999999999999999",
            "1e309",
            "NaN",
            "9999-12-31",
            "0000-00-00",
            "2026-02-30",
            "1800-01-01",
            "'; DROP TABLE ips_user;--",
            "１２３",
            "",
        ]
    ),
)
#: Forms whose submission changes the session rather than data.
SKIPPED_ACTIONS = ("/logout/", "/i18n/setlang/")
COUNTED_APPS = ("ips", "candidates", "employers", "followup", "reports", "privacy")


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self._form = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or "",
                "fields": {},
                "hidden": {},
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select"):
            name = attrs.get("name")
            if not name:
                return
            kind = attrs.get("type", "text") if tag == "input" else tag
            if kind == "hidden":
                self._form["hidden"][name] = attrs.get("value", "")
            elif kind not in ("submit", "button", "file", "checkbox", "radio"):
                self._form["fields"][name] = kind

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _forms(html):
    parser = _Forms()
    parser.feed(html)
    return [f for f in parser.forms if f["method"] == "post" and f["fields"]]


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in COUNTED_APPS
    }


def _attack(client, page_path, form, values):
    data = dict(form["hidden"])
    data.update(values)
    before = _counts()
    response = client.post(form["action"] or page_path, data)
    assert response.status_code != 500
    if response.status_code == 200:
        assert _counts() == before, f"a refused submission to {page_path} saved something"
        if response.get("Content-Type", "").startswith("text/html"):
            assert SCRIPT not in response.content.decode(), "a script tag came back unescaped"
    return response


def _attacker(client, role, path, form):
    @settings(
        max_examples=12, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(values=st.fixed_dictionaries(dict.fromkeys(form["fields"], HOSTILE)))
    def attack(values):
        _attack(client, path, form, values)
        if role != "anonymous" and "_auth_user_id" not in client.session:
            pytest.fail(f"a hostile submission to {path} logged the user out")

    return attack


@pytest.mark.parametrize("role", ["anonymous", "specialist", "leader", "intake", "analyst"])
def test_every_form_refuses_hostile_input_without_a_500(role, world):
    client = _client_for(role, world)
    attacked = []
    for name, path in list(html_pages(role, world)):
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for form in _forms(response.content.decode()):
            if form["action"].startswith(SKIPPED_ACTIONS):
                continue
            attacked.append(name)

            _attacker(client, role, path, form)()
    assert attacked, f"no form was found for {role}: the crawler is broken"


def test_a_post_without_the_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/login/",
        {"login_view-current_step": "auth", "auth-username": "kari", "auth-password": "x"},
    )
    assert response.status_code == 403
