"""The pages the security review found unaudited each write exactly one access
entry naming the candidates they show: a list page one entry for the page,
not one per row; "who has opened this file" finds both kinds."""

import csv
import io

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.utils import timezone

from audit.queries import access_entries_for
from tests import factories
from tests.casework import held_candidate

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def access_entries():
    return LogEntry.objects.filter(action=LogEntry.Action.ACCESS)


def named(entry) -> set[int]:
    """The candidates an access entry names."""
    if "candidates" in entry.additional_data:
        return set(entry.additional_data["candidates"])
    return {int(entry.object_pk)}


def the_one_entry(page):
    entry = access_entries().get()
    assert entry.additional_data["page"] == page
    return entry


@pytest.fixture
def two_held(specialist):
    return [
        held_candidate(specialist, first_name="Eva", last_name="Jobb"),
        held_candidate(specialist, first_name="Ivar", last_name="Lager"),
    ]


def ids(candidates):
    return {candidate.pk for candidate in candidates}


def test_the_caseload_writes_one_entry_naming_every_candidate_on_it(
    client, login, specialist, two_held
):
    login(specialist)

    assert client.get("/caseload/").status_code == 200

    assert named(the_one_entry("caseload")) == ids(two_held)


def test_the_team_leaders_caseload_names_the_teams_candidates(
    client, login, leader, specialist, teammate, two_held
):
    third = held_candidate(teammate)
    login(leader)

    client.get("/caseload/")

    assert named(the_one_entry("caseload")) == ids([*two_held, third])


def test_an_empty_caseload_writes_nothing(client, login, specialist):
    login(specialist)

    assert client.get("/caseload/").status_code == 200

    assert not access_entries().exists()


def test_the_waiting_list_writes_one_entry_naming_every_referral(client, login, intake, office):
    referrals = [
        factories.EnrollmentFactory(office=office, intake_date=None).candidate for _n in range(3)
    ]
    login(intake)

    assert client.get("/intake/waiting-list/").status_code == 200

    assert named(the_one_entry("waiting_list")) == ids(referrals)


def test_my_week_writes_one_entry_naming_the_candidates_of_its_activities(
    client, login, specialist, two_held
):
    for candidate in two_held:
        factories.ActivityFactory(author=specialist, candidate=candidate, date=timezone.localdate())
    factories.ActivityFactory(author=specialist, date=timezone.localdate(), with_whom="none")
    login(specialist)

    assert client.get("/my-week/").status_code == 200

    assert named(the_one_entry("my_week")) == ids(two_held)


def test_the_candidate_search_writes_one_entry_naming_the_matches(
    client, login, specialist, two_held
):
    login(specialist)

    response = client.get("/activities/candidate-options/", {"candidate_q": "Ivar"})

    assert "Ivar Lager" in response.content.decode()
    assert named(the_one_entry("candidate_options")) == {two_held[1].pk}


def test_the_activity_form_writes_one_entry_naming_the_candidates_it_offers(
    client, login, specialist, two_held
):
    login(specialist)

    response = client.get(f"/activities/new/?candidate={two_held[0].pk}")

    assert response.status_code == 200
    assert named(the_one_entry("activity_form")) == ids(two_held)


@pytest.mark.parametrize(("path", "page"), [("plan", "plan"), ("protection", "protection")])
def test_the_plan_and_protection_pages_write_an_entry_on_the_candidate(
    client, login, specialist, two_held, path, page
):
    login(specialist)

    assert client.get(f"/candidates/{two_held[0].pk}/{path}/").status_code == 200

    entry = the_one_entry(page)
    assert entry.object_pk == str(two_held[0].pk)
    assert entry.object_repr == "Eva Jobb"
    assert list(access_entries_for(two_held[0])) == [entry]


def test_the_intake_admin_opening_the_protection_page_is_logged(
    client, login, intake, specialist, two_held
):
    login(intake)

    assert client.get(f"/candidates/{two_held[0].pk}/protection/").status_code == 200

    assert the_one_entry("protection").actor == intake


def test_a_saved_form_answers_with_a_redirect_and_writes_no_access_entry(
    client, login, specialist, two_held
):
    login(specialist)
    candidate = two_held[0]
    enrollment = candidate.enrollments.get()

    response = client.post(
        f"/candidates/{candidate.pk}/plan/",
        {"euse_stage": 2, "next_contact_date": "", "version": enrollment.version},
    )

    assert response.status_code == 302
    assert not access_entries().exists()


def test_who_has_opened_the_file_lists_the_list_pages_that_named_the_candidate(
    client, login, leader, specialist, two_held
):
    login(leader)
    client.get("/caseload/")

    page = client.get(f"/audit/candidates/{two_held[0].pk}/access/", **EN).content.decode()
    download = client.get(f"/audit/candidates/{two_held[0].pk}/access.csv", **EN)

    assert "caseload" in page
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert sorted(row[4] for row in rows[1:]) == ["access_log", "access_log_export", "caseload"]
    assert {row[1] for row in rows[1:]} == {"lise"}


def test_the_security_officers_export_names_the_candidates_of_a_list_entry(
    client, login, specialist, two_held, tmp_path
):
    login(specialist)
    client.get("/caseload/")
    out = tmp_path / "audit.csv"

    call_command(
        "export_audit_log", "--start", "2000-01-01", "--end", "2100-12-31", "--output", out
    )

    rows = [row for row in csv.DictReader(out.open(encoding="utf-8")) if row["page"] == "caseload"]
    assert len(rows) == 1
    assert set(map(int, rows[0]["candidates"].split())) == ids(two_held)
