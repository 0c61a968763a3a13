"""Every URL pattern, for every role and for a record in another team,
answers as the table in tests/access_matrix.py says. The patterns come from
the URL resolver, so a new page cannot escape: a pattern missing from the
table fails."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from candidates.models import ProtectionChange
from tests import factories
from tests.access_matrix import ADMIN_NAMESPACE, MATRIX, ROLES
from tests.conftest import log_in, submit_password

PLACEHOLDER = re.compile(r"<(?:(\w+):)?(\w+)>")


def url_patterns(patterns=None, prefix="", namespace=None):
    """(name, route) of every pattern the project has."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or "<unnamed>"
            yield (f"{namespace}:{name}" if namespace else name), prefix + str(pattern.pattern)


def fill(route, values):
    """A concrete path for a route, with record ids from `values`."""
    if route.startswith("^") or "(?P" in route:
        return None  # regex routes (admin internals) are covered by their namespace rule
    return "/" + PLACEHOLDER.sub(lambda m: str(values.get(m.group(2), "x")), route)


@pytest.fixture
def world(specialist, other_specialist, leader, intake, analyst):
    own = factories.EnrollmentFactory(office=specialist.office)
    factories.AssignmentFactory(enrollment=own, specialist=specialist)
    other = factories.EnrollmentFactory(office=other_specialist.office)
    factories.AssignmentFactory(enrollment=other, specialist=other_specialist)
    superuser = factories.UserFactory(username="root", is_staff=True, is_superuser=True, team=None)
    users = {
        "specialist": specialist,
        "leader": leader,
        "intake": intake,
        "analyst": analyst,
        "superuser": superuser,
    }
    casework = _casework_records(own, specialist, other, other_specialist)
    return {
        "users": users,
        "own": {
            **casework["own"],
            "pk": own.candidate.pk,
            "uidb64": "MQ",
            "token": "set-password",
            "enrollment_pk": own.pk,
            "referral_pk": factories.EnrollmentFactory(
                office=specialist.office, intake_date=None
            ).pk,
            "user_pk": specialist.pk,
            "team_pk": specialist.team_id,
            "transfer_pk": factories.TransferRequestFactory(
                held_record=own.candidate, requesting_record__office=other_specialist.office
            ).pk,
            "metric": "caseload",
        },
        "other": {
            **casework["other"],
            "pk": other.candidate.pk,
            "uidb64": "MQ",
            "token": "set-password",
            "enrollment_pk": other.pk,
            "referral_pk": factories.EnrollmentFactory(
                office=other_specialist.office, intake_date=None
            ).pk,
            "user_pk": other_specialist.pk,
            "team_pk": other_specialist.team_id,
            "transfer_pk": factories.TransferRequestFactory(
                held_record=other.candidate, requesting_record__office=specialist.office
            ).pk,
            "metric": "caseload",
        },
        "own_user": specialist.pk,
        "other_user": other_specialist.pk,
    }


def _casework_records(own, specialist, other, other_specialist):
    """An employer, contact person, placement and activity on each side: own
    in office Vestfold / kari's candidate, other in office Innlandet."""
    records = {}
    for which, enrollment, author in (("own", own, specialist), ("other", other, other_specialist)):
        employer = factories.EmployerFactory(office=author.office)
        # A kode 7 flag the holder lifted lately: the team dashboard names it.
        ProtectionChange.objects.create(
            candidate=enrollment.candidate,
            from_value="confidential",
            to_value="",
            reason="Checked in the population register",
            register_checked=True,
            changed_by=author,
        )
        records[which] = {
            "employer_pk": employer.pk,
            "contact_pk": factories.ContactPersonFactory(employer=employer).pk,
            "placement_pk": factories.PlacementFactory(enrollment=enrollment, employer=employer).pk,
            "activity_pk": factories.ActivityFactory(
                author=author, candidate=enrollment.candidate, date=timezone.localdate()
            ).pk,
        }
    return records


ACCOUNT_URLS = {"account_reset_second_factor", "account_unlock"}


def _client_for(role, world):
    client = Client()
    if role == "anonymous":
        return client
    if role == "password_only":
        submit_password(client, world["users"]["specialist"].username)
        return client
    return log_in(client, world["users"][role])


def _values(name, world, which):
    values = dict(world[which])
    if name in ACCOUNT_URLS:
        values["pk"] = world["own_user"] if which == "own" else world["other_user"]
    return values


def html_pages(role, world):
    """(name, path) of every page `role` may open (GET answering 200 for an own
    record), leaving out downloads: the pages the crawling tests visit."""
    for name, route in url_patterns():
        if name not in MATRIX:
            continue
        method, expected = MATRIX[name]
        wanted = expected[role]
        status = wanted[0] if isinstance(wanted, tuple) else wanted
        if method == "get" and status == 200 and not name.endswith(("_csv", "_json", "_xlsx")):
            path = fill(route, _values(name, world, "own"))
            if path:
                yield name, path


def test_every_url_pattern_is_in_the_table():
    missing = [
        name
        for name, _route in url_patterns()
        if name not in MATRIX and not name.startswith(ADMIN_NAMESPACE + ":")
    ]
    assert missing == [], f"add these URL patterns to tests/access_matrix.py: {missing}"


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_the_table_says(role, world):
    client = _client_for(role, world)
    mismatches = []
    for name, route in url_patterns():
        if name.startswith(ADMIN_NAMESPACE + ":"):
            continue
        method, expected = MATRIX[name]
        wanted = expected[role]
        variants = (
            [("own", wanted[0]), ("other", wanted[1])]
            if isinstance(wanted, tuple)
            else [("own", wanted)]
        )
        for which, status in variants:
            path = fill(route, _values(name, world, which))
            response = getattr(client, method)(path)
            if response.status_code != status:
                mismatches.append(
                    f"{method.upper()} {path} ({name}, {which}): {response.status_code} != {status}"
                )
    assert mismatches == [], "\n".join(mismatches)


@pytest.mark.parametrize(
    "role", ["anonymous", "password_only", "specialist", "leader", "intake", "analyst"]
)
def test_the_admin_sends_everyone_but_superusers_to_the_login_page(role, world):
    client = _client_for(role, world)
    mismatches = []
    for name, route in url_patterns():
        if not name.startswith(ADMIN_NAMESPACE + ":"):
            continue
        path = fill(route, {"object_id": 1, "app_label": "candidates", "content_type_id": 1})
        if path is None:
            continue
        response = client.get(path)
        if response.status_code != 302:
            mismatches.append(f"{path}: {response.status_code}")
    assert mismatches == [], "\n".join(mismatches)
    # The admin's own login page is not a way around the second factor.
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert (
        response["Location"].startswith("/login/")
        or response["Location"] == "/enrol/needed/"
        or response["Location"] == "/admin/"
    ), "\n".join(mismatches)


def test_the_superuser_reaches_the_admin_index_and_every_model_list(world):
    client = _client_for("superuser", world)
    assert client.get("/admin/").status_code == 200
    failures = []
    for name, route in url_patterns():
        if name.startswith(ADMIN_NAMESPACE + ":") and name.endswith("_changelist"):
            path = fill(route, {})
            status = client.get(path).status_code
            if status != 200:
                failures.append(f"{path}: {status}")
    assert failures == []
