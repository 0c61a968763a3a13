"""Logging, editing and deleting a contact in the browser."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from followup.models import Activity
from tests import factories
from tests.casework import days_ago, held_candidate

pytestmark = pytest.mark.django_db


def _contact(candidate=None, **changes):
    data = {
        "date": timezone.localdate().isoformat(),
        "minutes": 30,
        "mode": "phone",
        "location": "office",
        "with_whom": "candidate",
        "candidate": candidate.pk if candidate else "",
        "employer": "",
        "euse_stage": "",
        "note": "Ringte om intervjuet",
        "next_contact_date": "",
    }
    return data | changes


def test_the_form_opens_with_today_and_thirty_minutes(client, login, specialist):
    login(specialist)
    form = client.get("/activities/new/").context["form"]
    assert form.initial["date"] == timezone.localdate()
    assert form.initial["minutes"] == 30


def test_the_form_preselects_the_candidate_from_the_caseload_row(client, login, specialist):
    candidate = held_candidate(specialist)
    login(specialist)
    form = client.get(f"/activities/new/?candidate={candidate.pk}").context["form"]
    assert form.initial["candidate"] == candidate.pk


def test_it_ignores_a_candidate_the_user_may_not_see(client, login, specialist, other_specialist):
    other = held_candidate(other_specialist)
    login(specialist)
    form = client.get(f"/activities/new/?candidate={other.pk}").context["form"]
    assert "candidate" not in form.initial


def test_a_contact_is_logged_and_the_user_sent_to_the_file(client, login, specialist):
    candidate = held_candidate(specialist)
    login(specialist)
    response = client.post("/activities/new/", _contact(candidate))
    assert response.status_code == 302
    assert response["Location"] == f"/candidates/{candidate.pk}/"
    activity = Activity.objects.get()
    assert (activity.author, activity.candidate, activity.minutes) == (specialist, candidate, 30)


def test_saving_with_htmx_returns_a_fragment_and_refreshes_the_timeline(client, login, specialist):
    candidate = held_candidate(specialist)
    login(specialist)
    response = client.post("/activities/new/", _contact(candidate), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Trigger"] == "activityLogged"
    assert "<html" not in response.content.decode()
    timeline = client.get(f"/candidates/{candidate.pk}/timeline/", HTTP_HX_REQUEST="true")
    assert "Ringte om intervjuet" in timeline.content.decode()


def test_the_form_loads_inline_on_the_file(client, login, specialist):
    candidate = held_candidate(specialist)
    login(specialist)
    response = client.get(
        f"/activities/new/?candidate={candidate.pk}&inline=1", HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body
    assert 'hx-post="/activities/new/"' in body


def test_logging_plans_the_next_contact(client, login, specialist):
    candidate = held_candidate(specialist)
    login(specialist)
    client.post("/activities/new/", _contact(candidate, next_contact_date="2030-03-04"))
    enrollment = candidate.enrollments.get()
    assert enrollment.next_contact_date == datetime.date(2030, 3, 4)


def test_a_plan_form_opened_before_logging_cannot_put_the_old_date_back(client, login, specialist):
    candidate = held_candidate(specialist)
    login(specialist)
    plan = client.get(f"/candidates/{candidate.pk}/").context["plan_form"]
    client.post("/activities/new/", _contact(candidate, next_contact_date="2030-03-04"))
    response = client.post(
        f"/candidates/{candidate.pk}/plan/",
        {"euse_stage": 3, "next_contact_date": "", "version": plan.initial["version"]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Someone else changed this record" in response.content.decode()
    enrollment = candidate.enrollments.get()
    assert (enrollment.euse_stage, enrollment.next_contact_date) == (1, datetime.date(2030, 3, 4))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date", (timezone.localdate() + datetime.timedelta(days=1)).isoformat()),
        ("minutes", 0),
        ("minutes", 2000),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_nothing_saved(
    client, login, specialist, field, value
):
    candidate = held_candidate(specialist)
    login(specialist)
    response = client.post(
        "/activities/new/", _contact(candidate, **{field: value}), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert errors
    assert errors[0] in response.content.decode()
    assert not Activity.objects.exists()


def test_the_future_date_message_is_in_words(client, login, specialist):
    login(specialist)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post("/activities/new/", _contact(date=tomorrow), HTTP_ACCEPT_LANGUAGE="en")
    assert "cannot be logged for a date in the future" in response.content.decode()


def test_the_minutes_message_is_in_words(client, login, specialist):
    login(specialist)
    response = client.post("/activities/new/", _contact(minutes=2000), HTTP_ACCEPT_LANGUAGE="en")
    assert "Minutes must be between 1 and 1440" in response.content.decode()


def test_it_refuses_a_candidate_the_user_may_not_see(client, login, specialist, other_specialist):
    other = held_candidate(other_specialist)
    login(specialist)
    response = client.post("/activities/new/", _contact(other))
    assert response.status_code == 200
    assert "candidate" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_it_refuses_an_employer_of_another_office(client, login, specialist, other_office):
    employer = factories.EmployerFactory(office=other_office)
    login(specialist)
    response = client.post("/activities/new/", _contact(employer=employer.pk))
    assert "employer" in response.context["form"].errors


def test_garbage_input_is_not_a_server_error(client, login, specialist):
    login(specialist)
    response = client.post(
        "/activities/new/", {"date": "x", "minutes": "y", "mode": "z", "candidate": "q"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["intake", "analyst"])
def test_other_roles_may_not_log(client, login, personas, persona):
    login(personas[persona])
    assert client.get("/activities/new/").status_code == 403


def test_the_candidate_search_offers_only_visible_candidates_by_name(
    client, login, specialist, other_specialist
):
    held_candidate(
        specialist, first_name="Mona", address="Skjultveien 1", protected_address="confidential"
    )
    held_candidate(other_specialist, first_name="Monika")
    login(specialist)
    body = client.get("/activities/candidate-options/", {"candidate_q": "mon"}).content.decode()
    assert "Mona" in body
    assert "Monika" not in body
    assert "Skjultveien" not in body


def test_the_employer_search_finds_by_orgnr(client, login, specialist, other_office):
    mine = factories.EmployerFactory(office=specialist.office, name="Horten Bakeri")
    factories.EmployerFactory(office=other_office, name="Hamar Bakeri")
    login(specialist)
    body = client.get(
        "/activities/employer-options/", {"employer_q": mine.orgnr[:6]}
    ).content.decode()
    assert "Horten Bakeri" in body
    body = client.get("/activities/employer-options/", {"employer_q": "bakeri"}).content.decode()
    assert "Hamar Bakeri" not in body


def test_the_author_edits_within_the_window(client, login, specialist):
    candidate = held_candidate(specialist)
    activity = factories.ActivityFactory(author=specialist, candidate=candidate, date=days_ago(1))
    login(specialist)
    data = _contact(candidate, minutes=45, version=activity.version)
    data.pop("next_contact_date")
    response = client.post(f"/activities/{activity.pk}/edit/", data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.minutes == 45


def test_opening_an_activity_for_edit_writes_an_access_entry(client, login, specialist):
    candidate = held_candidate(specialist)
    activity = factories.ActivityFactory(author=specialist, candidate=candidate, date=days_ago(1))
    login(specialist)
    client.get(f"/activities/{activity.pk}/edit/")
    assert LogEntry.objects.filter(
        object_pk=str(candidate.pk), additional_data__page="activity"
    ).exists()


def test_a_stale_activity_edit_is_refused(client, login, specialist):
    activity = factories.ActivityFactory(author=specialist, date=days_ago(1), minutes=20)
    login(specialist)
    data = _contact(version=1)
    client.post(f"/activities/{activity.pk}/edit/", data | {"minutes": 40})
    response = client.post(f"/activities/{activity.pk}/edit/", data | {"minutes": 50})
    assert response.status_code == 200
    activity.refresh_from_db()
    assert activity.minutes == 40


def test_after_the_window_the_activity_is_read_only(client, login, specialist, settings):
    settings.ACTIVITY_EDIT_DAYS = 14
    activity = factories.ActivityFactory(author=specialist, date=days_ago(20))
    Activity.objects.filter(pk=activity.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=15)
    )
    login(specialist)
    assert client.get(f"/activities/{activity.pk}/edit/").status_code == 403
    assert client.post(f"/activities/{activity.pk}/delete/").status_code == 403
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_only_the_author_edits(client, login, leader, specialist):
    candidate = held_candidate(specialist)
    activity = factories.ActivityFactory(author=specialist, candidate=candidate, date=days_ago(1))
    login(leader)
    assert client.get(f"/activities/{activity.pk}/edit/").status_code == 403


def test_another_teams_activity_answers_404(client, login, specialist, other_specialist):
    activity = factories.ActivityFactory(author=other_specialist, date=days_ago(1))
    login(specialist)
    assert client.get(f"/activities/{activity.pk}/edit/").status_code == 404


def test_the_author_deletes_within_the_window(client, login, specialist):
    candidate = held_candidate(specialist)
    activity = factories.ActivityFactory(author=specialist, candidate=candidate, date=days_ago(1))
    login(specialist)
    response = client.post(f"/activities/{activity.pk}/delete/")
    assert response.status_code == 302
    assert not Activity.objects.exists()


def test_the_navbar_has_log_contact_on_every_page(client, login, specialist):
    login(specialist)
    for path in ("/caseload/", "/my-week/", "/employers/"):
        assert 'id="log-contact"' in client.get(path).content.decode()
