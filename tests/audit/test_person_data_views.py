"""Every view that shows person data carries @shows_person_data, found from
the URL resolver (the project's patterns and the admin's), so a new page
cannot escape the access audit: it is flagged until it is marked or declared
in tests/audit/person_data.py to show no person data.

The declaration is checked too: no page without the mark, for any role, shows
a candidate's name. Every marked page writes exactly one access entry and is
sent with Cache-Control: no-store."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.shortcuts import redirect
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.generic import RedirectView

from audit.decorators import is_marked, shows_person_data
from candidates.models import Candidate
from tests import factories, test_access_matrix
from tests.access_matrix import MATRIX
from tests.audit.person_data import ADMIN_MODELS_WITHOUT_PERSON_DATA, NO_PERSON_DATA
from tests.test_access_matrix import _client_for, _values, fill

world = test_access_matrix.world  # the same records as the access matrix (a fixture)

#: Every candidate of the world is renamed to this before the name check.
MARKER_NAME = "Personvernsen"


def views(patterns=None, prefix="", namespace=None):
    """(name, route, view) of every URL pattern, the admin's included."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from views(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or "<unnamed>"
            name = f"{namespace}:{name}" if namespace else name
            yield name, prefix + str(pattern.pattern), pattern.callback


def _admin_model(view):
    model_admin = getattr(view, "model_admin", None)
    return model_admin.model._meta.label if model_admin else None


def _is_redirect(view):
    view_class = getattr(view, "view_class", None)
    return view_class is not None and issubclass(view_class, RedirectView)


def unmarked_person_data_views():
    """What the resolver test reports: views that may show person data
    without the mark."""
    offenders = []
    for name, route, view in views():
        if is_marked(view):
            if name in NO_PERSON_DATA:
                offenders.append(f"{name} ({route}) is marked and declared without person data")
            continue
        label = _admin_model(view)
        if label is not None:
            if label in ADMIN_MODELS_WITHOUT_PERSON_DATA or _is_redirect(view):
                continue
            offenders.append(f"{name} ({route}): admin of {label} without the mark")
        elif name not in NO_PERSON_DATA:
            offenders.append(f"{name} ({route}): neither marked nor declared")
    return offenders


def test_every_view_showing_person_data_carries_the_mark():
    offenders = unmarked_person_data_views()
    assert offenders == [], (
        "mark these views @shows_person_data(page=...) or declare in "
        "tests/audit/person_data.py why they show no person data:\n" + "\n".join(offenders)
    )


def test_the_declarations_name_only_views_that_exist():
    names = {name for name, _route, _view in views()}
    labels = {_admin_model(view) for _name, _route, view in views()}
    assert set(NO_PERSON_DATA) - names == set()
    assert set(ADMIN_MODELS_WITHOUT_PERSON_DATA) - labels == set()


def test_a_view_that_loses_its_mark_is_reported(monkeypatch):
    from followup import urls

    caseload = next(p for p in urls.urlpatterns if p.name == "caseload")
    monkeypatch.setattr(caseload, "callback", caseload.callback.__wrapped__)

    assert any(o.startswith("caseload ") for o in unmarked_person_data_views())


# --- What marked pages do, and that unmarked ones show no candidate -------------

#: Who opens each page in the walk: the first of these the access matrix lets in.
OPENERS = ("specialist", "leader", "intake", "superuser")


def _marked_pages(world):
    """(name, path, role) of every marked project page a role may GET."""
    for name, route, view in views():
        if not is_marked(view) or name.startswith("admin:"):
            continue
        method, expected = MATRIX[name]
        assert method == "get", f"{name}: a marked view is a page someone opens"
        for role in OPENERS:
            wanted = expected[role]
            if (wanted[0] if isinstance(wanted, tuple) else wanted) == 200:
                yield name, fill(route, _values(name, world, "own")), role
                break
        else:
            pytest.fail(f"{name}: no role opens it in the access matrix")


def _access_entries():
    return LogEntry.objects.filter(action=LogEntry.Action.ACCESS)


def _check_one_entry_and_no_store(client, path, problems):
    before = set(_access_entries().values_list("pk", flat=True))
    response = client.get(path)
    written = _access_entries().exclude(pk__in=before)
    if response.status_code != 200:
        problems.append(f"{path}: {response.status_code}")
    elif written.count() != 1:
        problems.append(f"{path}: {written.count()} access entries instead of one")
    elif "no-store" not in response.get("Cache-Control", ""):
        problems.append(f"{path}: Cache-Control {response.get('Cache-Control')!r}")
    elif response.get("Pragma") != "no-cache":
        problems.append(f"{path}: no Pragma: no-cache")


def test_every_marked_page_writes_one_access_entry_and_may_not_be_stored(world):
    clients = {}
    problems = []
    for _name, path, role in _marked_pages(world):
        if role not in clients:
            clients[role] = _client_for(role, world)
        _check_one_entry_and_no_store(clients[role], path, problems)
    assert problems == [], "\n".join(problems)


def _admin_records(world):
    candidate = Candidate.objects.get(pk=world["own"]["pk"])
    profile = factories.VocationalProfileFactory(candidate=candidate)
    enrollment = candidate.enrollments.get()
    return {
        "candidates/candidate": candidate.pk,
        "candidates/vocationalprofile": profile.pk,
        "candidates/enrollment": enrollment.pk,
        "candidates/assignment": enrollment.assignments.get().pk,
        "followup/activity": world["own"]["activity_pk"],
        "employers/placement": world["own"]["placement_pk"],
    }


def test_every_admin_page_of_person_data_writes_one_access_entry(world):
    client = _client_for("superuser", world)
    problems = []
    for model, pk in _admin_records(world).items():
        for page in ("", f"{pk}/change/", f"{pk}/history/", f"{pk}/delete/"):
            if model == "candidates/assignment" and page.endswith("delete/"):
                continue  # the holder history is never deleted (403)
            _check_one_entry_and_no_store(client, f"/admin/{model}/{page}", problems)
    autocomplete = "/admin/autocomplete/?app_label=candidates&model_name=enrollment"
    _check_one_entry_and_no_store(client, autocomplete + "&field_name=candidate", problems)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("role", ["specialist", "leader", "intake", "analyst", "superuser"])
def test_no_page_without_the_mark_shows_a_candidates_name(role, world):
    Candidate.objects.update(last_name=MARKER_NAME)
    client = _client_for(role, world)
    shown = []
    for name, route, view in views():
        if is_marked(view) or name not in MATRIX:
            continue
        method, expected = MATRIX[name]
        wanted = expected[role]
        if method != "get" or (wanted[0] if isinstance(wanted, tuple) else wanted) != 200:
            continue
        path = fill(route, _values(name, world, "own"))
        if MARKER_NAME.encode() in client.get(path).content:
            shown.append(f"{name} ({path})")
    if role == "superuser":
        for label in ADMIN_MODELS_WITHOUT_PERSON_DATA:
            if label == "auditlog.LogEntry":
                continue  # the audit trail names whom each entry is about
            app_label, model = label.lower().split(".")
            path = f"/admin/{app_label}/{model}/"
            if MARKER_NAME.encode() in client.get(path).content:
                shown.append(path)
    assert shown == [], "these pages show a candidate without the mark: " + ", ".join(shown)


# --- The decorator itself -----------------------------------------------------------


def _request(user, path="/somewhere/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_a_marked_view_that_does_not_say_what_it_showed_fails_loudly(specialist):
    @shows_person_data(page="forgetful")
    def forgetful(request):
        return HttpResponse("Eva Jobb")

    with pytest.raises(ImproperlyConfigured):
        forgetful(_request(specialist))
    assert not _access_entries().exists()


def test_a_redirect_from_a_marked_view_writes_nothing(specialist):
    @shows_person_data(page="saved")
    def saved(request):
        request.audit.shown(factories.CandidateFactory())
        return redirect("/elsewhere/")

    response = saved(_request(specialist))

    assert response.status_code == 302
    assert not _access_entries().exists()
    assert "no-store" in response["Cache-Control"]


def test_a_marked_page_that_showed_no_candidate_writes_nothing(specialist):
    @shows_person_data(page="empty_list")
    def empty_list(request):
        request.audit.shown([])
        return HttpResponse("Nobody here yet")

    response = empty_list(_request(specialist))

    assert response.status_code == 200
    assert not _access_entries().exists()
