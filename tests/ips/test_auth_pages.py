"""Logging in and out, the home page, password change and the admin's list pages.

Pages are requested in English (Accept-Language) so the assertions hold
whatever the Norwegian catalogue says.
"""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.conftest import log_in, submit_password
from tests.factories import PASSWORD

NEW_PASSWORD = "blue-fjord-lantern-2026"


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def superuser(db):
    return factories.UserFactory(
        username="admin",
        first_name="Ada",
        last_name="Admin",
        is_superuser=True,
        is_staff=True,
        team=None,
    )


def text(response):
    return response.content.decode()


# Logging in and out


def test_the_login_page_asks_for_username_and_password(client, db):
    response = client.get("/login/")
    assert response.status_code == 200
    assert "Log in to Trofast" in text(response)
    assert 'name="auth-username"' in text(response)
    assert 'name="auth-password"' in text(response)


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "persona, role",
    [
        ("intake", "Intake admin"),
        ("analyst", "Analyst"),
    ],
)
def test_the_home_page_greets_each_role_by_name_and_role(request, client, login, persona, role):
    user = request.getfixturevalue(persona)
    login(user)
    response = client.get("/")
    assert response.status_code == 200
    assert f"Welcome, <bdi>{user.get_full_name()}</bdi>" in text(response)
    assert role in text(response)


def test_the_home_page_names_the_office(client, login, intake):
    # Specialists and team leaders are sent on to their caseload and dashboard.
    login(intake)
    response = client.get("/")
    assert "NAV Vestfold" in text(response)


def test_a_wrong_password_is_refused_with_a_clear_message(client, specialist):
    response = submit_password(client, specialist.username, "not-the-password")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in text(response)
    assert 'name="auth-password"' in text(response)


def test_a_wrong_password_does_not_log_in(client, specialist):
    submit_password(client, specialist.username, "not-the-password")
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_logging_out_ends_the_session(client, login, specialist):
    login(specialist)
    response = client.post("/logout/")
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert client.get("/").status_code == 302


def test_logging_out_is_not_done_by_a_link(client, login, specialist):
    login(specialist)
    response = client.get("/logout/")
    assert response.status_code == 405
    assert client.get("/", follow=True).status_code == 200


# Password change


def change_password(client, new_password, old_password=PASSWORD):
    return client.post(
        reverse("password_change"),
        {
            "old_password": old_password,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )


def test_a_user_can_change_their_password(client, login, specialist):
    login(specialist)
    response = change_password(client, NEW_PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    assert "Your password has been changed." in text(client.get(response.url))


def test_the_new_password_works_at_the_next_login(client, login, specialist):
    login(specialist)
    change_password(client, NEW_PASSWORD)
    client.post("/logout/")
    log_in(client, specialist, password=NEW_PASSWORD)
    assert client.get("/", follow=True).status_code == 200


def test_a_password_shorter_than_12_characters_is_refused(client, login, specialist):
    login(specialist)
    response = change_password(client, "fjord-42x")
    assert response.status_code == 200
    assert "This password is too short. It must contain at least 12 characters." in text(response)
    specialist.refresh_from_db()
    assert specialist.check_password(PASSWORD)


def test_a_wrong_old_password_is_refused(client, login, specialist):
    login(specialist)
    response = change_password(client, NEW_PASSWORD, old_password="not-the-password")
    assert response.status_code == 200
    assert "Your old password was entered incorrectly." in text(response)
    specialist.refresh_from_db()
    assert specialist.check_password(PASSWORD)


# The admin


@pytest.fixture
def one_of_each(specialist, leader, intake):
    """A row in every Trofast model, so each list page renders its columns."""
    enrollment = factories.EnrollmentFactory(office=specialist.office)
    factories.AssignmentFactory(enrollment=enrollment, specialist=specialist)
    factories.VocationalProfileFactory(candidate=enrollment.candidate)
    placement = factories.PlacementFactory(enrollment=enrollment)
    factories.ContactPersonFactory(employer=placement.employer)
    factories.SubsidyRuleFactory()
    factories.ActivityFactory(
        author=specialist, candidate=enrollment.candidate, employer=placement.employer
    )


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda model: model._meta.label)
def test_every_admin_list_page_answers_for_a_superuser(
    client, login, superuser, one_of_each, model
):
    login(superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = client.get(url)
    assert response.status_code == 200


def test_the_admin_is_closed_to_a_specialist(client, login, specialist):
    login(specialist)
    response = client.get(reverse("admin:followup_activity_changelist"))
    assert response.status_code == 302


def _activities(count):
    """Activities that each reach a different author, candidate and employer."""
    for _ in range(count):
        team = factories.TeamFactory()
        factories.ActivityFactory(
            author=factories.SpecialistFactory(team=team),
            candidate=factories.CandidateFactory(),
            employer=factories.EmployerFactory(office=team.office),
        )


def _placements(count):
    """Placements that each reach a different candidate and employer."""
    for _ in range(count):
        factories.PlacementFactory()


@pytest.mark.parametrize(
    "url_name, make_rows",
    [
        ("admin:followup_activity_changelist", _activities),
        ("admin:employers_placement_changelist", _placements),
    ],
    ids=["activities", "placements"],
)
def test_an_admin_list_page_runs_as_many_queries_for_30_rows_as_for_3(
    client, login, superuser, django_assert_max_num_queries, url_name, make_rows
):
    make_rows(3)
    login(superuser)
    url = reverse(url_name)
    client.get(url)
    with CaptureQueriesContext(connection) as three_rows:
        client.get(url)
    make_rows(27)
    with django_assert_max_num_queries(len(three_rows)):
        response = client.get(url)
    assert response.context["cl"].result_count == 30
