"""Hostile input to every form, every query parameter and the import: never
a 500, nothing saved from a refused submission, and script tags shown
escaped, never executed.

The forms are found, not listed: every page of the access matrix that a role
may open is fetched and each POST form on it with input fields is submitted
with generated hostile values (hypothesis). The query parameters are found
too: every GET pattern of the access matrix is opened as a role that may
open it, with hostile values in each parameter its view's query form declares
(ips.query), and in parameters no view reads."""

import datetime
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.forms import ChoiceField, DateField, IntegerField
from django.test import Client
from django.urls import resolve
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ips.query import query_fields
from tests import test_access_matrix
from tests.access_matrix import ADMIN_NAMESPACE, MATRIX
from tests.test_access_matrix import _client_for, _values, fill, html_pages, url_patterns

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


# --- Query parameters ---------------------------------------------------------

#: Sent to every parameter: NUL and other invisible characters, a very long
#: value, days and numbers far out of range, and the boundaries of ips.query.
EXTREMES = [
    "\x00",
    "a\x00b",
    "\u202e",
    "Kari\u202egnip",
    "\ufeff1",
    "x" * 10_000,
    "0001-01-01",
    "9999-12-31",
    "1999-12-31",
    "2000-01-01",
    "2100-12-31",
    "2101-01-01",
    "2026-02-30",
    "-1",
    "0",
    str(-(2**63)),
    str(2**63),
    "9" * 30,
    "1e309",
    "NaN",
    "１２３",
    "",
    SCRIPT,
    "//evil.example/",
    "https://evil.example/",
]
QUERY_HOSTILE = st.one_of(st.sampled_from(EXTREMES), st.text(max_size=20))
#: Tried alone in every parameter of every page, whatever the generated examples.
REVIEW_VALUES = ["\x00", "\u202e", "x" * 10_000, "0001-01-01", "9999-12-31", "-1", str(2**63)]
#: Names no view reads, sent as well: they must be ignored (or refused when hostile).
UNDECLARED = ("next", "unknown")
#: Roles tried, in order, for the one that may open a pattern.
FUZZ_ROLES = ("specialist", "leader", "intake", "analyst")
#: GET patterns no role opens: logout takes only POST, the QR code only during enrolment.
UNOPENED = {"logout", "two_factor:qr"}


def _of_its_type(field):
    """Values of the field's own type: half within ips.query's bounds, half over
    the type's whole range (most of which lies outside them)."""
    if isinstance(field, DateField):
        within = st.dates(
            min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31)
        )
        return st.one_of(within, st.dates()).map(datetime.date.isoformat)
    if isinstance(field, ChoiceField):
        values = [str(value) for value, label in field.choices if not isinstance(label, list)]
        return st.sampled_from(values or [""])
    if isinstance(field, IntegerField):
        return st.one_of(st.integers(min_value=1, max_value=10), st.integers()).map(str)
    return st.text(max_size=150)


def _query_strategy(fields):
    """Every parameter the view declares, and maybe some it does not read."""
    declared = {
        name: st.one_of(QUERY_HOSTILE, _of_its_type(field)) for name, field in fields.items()
    }
    undeclared = {name: QUERY_HOSTILE for name in UNDECLARED if name not in declared}
    return st.fixed_dictionaries(declared, optional=undeclared)


def _opener(expected):
    """A role that gets the page (200) or its redirect (302) for an own record."""
    for role in FUZZ_ROLES:
        wanted = expected[role]
        status = wanted[0] if isinstance(wanted, tuple) else wanted
        if status in (200, 302):
            return role
    return None


def _get_patterns(world):
    """(role or None, name, path) of every GET pattern of the access matrix."""
    for name, route in url_patterns():
        if name.startswith(ADMIN_NAMESPACE + ":"):
            continue
        method, expected = MATRIX[name]
        if method == "get":
            yield _opener(expected), name, fill(route, _values(name, world, "own"))


def _query_attacker(client, name, path):
    """Each of the review's values alone in each parameter (explicit examples),
    then generated combinations."""
    fields = query_fields(resolve(path).func)

    @settings(
        max_examples=10 if fields else 4,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(query=_query_strategy(fields))
    def attack(query):
        response = client.get(path, query)
        assert response.status_code in (200, 302, 400, 403, 404), f"{name}: {query!r}"
        if response.status_code == 400:
            assert b"data-query-refused" in response.content, f"{name}: a 400 without a message"

    for parameter in [*fields, "next"]:
        for value in REVIEW_VALUES:
            attack = example(query={parameter: value})(attack)
    return attack


def test_every_get_pattern_is_attacked_as_a_role_that_opens_it(world):
    unopened = {name for role, name, _path in _get_patterns(world) if role is None}
    assert unopened == UNOPENED


@pytest.mark.parametrize("role", FUZZ_ROLES)
def test_every_query_parameter_refuses_hostile_values_without_a_500(role, world):
    client = _client_for(role, world)
    attacked = []
    for opener, name, path in _get_patterns(world):
        if opener == role:
            _query_attacker(client, name, path)()
            attacked.append(name)
    assert attacked, f"no page was attacked as {role}"


def _admin_lists():
    """(path, parameters) of every list in the admin, those of the libraries included."""
    for model in apps.get_models():
        if not admin.site.is_registered(model):
            continue
        model_admin = admin.site.get_model_admin(model)
        names = ["q", "o", "p", "e"]
        if model_admin.date_hierarchy:
            names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
        names += [f"{name}__exact" for name in model_admin.list_filter if isinstance(name, str)]
        yield f"/admin/{model._meta.app_label}/{model._meta.model_name}/", names


ADMIN_VALUES = st.one_of(QUERY_HOSTILE, st.integers(min_value=-5, max_value=10**20).map(str))


def _admin_attacker(client, path, names):
    @settings(max_examples=8, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(query=st.fixed_dictionaries({}, optional=dict.fromkeys(names, ADMIN_VALUES)))
    def attack(query):
        response = client.get(path, query)
        assert response.status_code in (200, 302, 400), f"{path}: {query!r}"

    return attack


def test_every_admin_list_refuses_hostile_filters_without_a_500(world):
    client = _client_for("superuser", world)
    for path, names in _admin_lists():
        _admin_attacker(client, path, names)()


def test_an_admin_date_hierarchy_year_out_of_range_is_a_wrong_filter_not_a_500(world):
    client = _client_for("superuser", world)

    response = client.get("/admin/followup/activity/", {"date__year": "9999"})

    assert (response.status_code, response["Location"]) == (302, "/admin/followup/activity/?e=1")
