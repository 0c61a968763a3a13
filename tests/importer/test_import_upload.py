"""The import page: a dry run's report first, then all or nothing on confirmation."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from candidates.models import Candidate
from followup.models import Activity
from ips.models import Team, User
from tests import factories
from tests.conftest import log_in
from tests.intake.helpers import EN

URL = "/intake/import/"

TEAMS = "office,team\nNAV Vestfold,Tønsberg\n"
USERS = "username,full_name,email,role,team,fte\nsiri,Siri Sand,siri@example.no,specialist,Tønsberg,0.6\n"
CANDIDATES = "ref,first_name,last_name,birth_date,fnr\nC001,Åse,Lie,1986-10-15,15108695088\n"


def _csv(name, text):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def admin(client, intake):
    return log_in(client, intake)


def _upload(client, *files):
    return client.post(URL, {"files": list(files)}, **EN)


def test_a_good_upload_shows_the_counts_and_saves_nothing_until_confirmed(admin):
    response = _upload(
        admin,
        _csv("teams.csv", TEAMS),
        _csv("users.csv", USERS),
        _csv("candidates.csv", CANDIDATES),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Import now" in page
    assert '<td>teams.csv</td><td class="text-end">1</td>' in page
    assert not Team.objects.filter(name="Tønsberg").exists()
    assert not Candidate.objects.exists()

    response = admin.post("/intake/import/confirm/", **EN)
    assert "The import is done" in response.content.decode()
    assert Team.objects.get(name="Tønsberg").office.name == "NAV Vestfold"
    assert User.objects.get(username="siri").team.name == "Tønsberg"
    assert Candidate.objects.get().last_name == "Lie"


def test_bad_rows_are_reported_as_file_line_message_and_nothing_is_saved(admin):
    bad = CANDIDATES + "C002,Jonas,Berg,2007-13-01,\nC003,Per,,1990-01-01,12345678910\n"
    response = _upload(admin, _csv("teams.csv", TEAMS), _csv("candidates.csv", bad))
    page = response.content.decode()
    assert "candidates.csv:3: " in page
    assert "candidates.csv:4: " in page
    assert "Import now" not in page
    assert not Candidate.objects.exists()
    assert not Team.objects.filter(name="Tønsberg").exists()
    response = admin.post("/intake/import/confirm/", follow=True, **EN)
    assert "no checked upload" in response.content.decode()
    assert not Candidate.objects.exists()


def test_an_xlsx_workbook_has_one_sheet_per_file(admin):
    workbook = Workbook()
    teams = workbook.active
    teams.title = "teams"
    teams.append(["office", "team"])
    teams.append(["NAV Vestfold", "Tønsberg"])
    candidates = workbook.create_sheet("Candidates")
    candidates.append(["ref", "first_name", "last_name", "birth_date", "fnr"])
    import datetime

    candidates.append(["C001", "Åse", "Lie", datetime.datetime(1986, 10, 15), 15108695088])
    content = io.BytesIO()
    workbook.save(content)
    upload = SimpleUploadedFile(
        "records.xlsx",
        content.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    page = _upload(admin, upload).content.decode()
    assert "Import now" in page, page[page.find("import-report") :][:2000]
    admin.post("/intake/import/confirm/")
    candidate = Candidate.objects.get()
    assert (candidate.birth_date.isoformat(), candidate.fnr) == ("1986-10-15", "15108695088")


def test_it_refuses_a_file_of_another_type(admin):
    response = _upload(admin, SimpleUploadedFile("notes.pdf", b"%PDF-1.4"))
    assert "neither a CSV file nor an XLSX workbook" in response.content.decode()


def test_it_refuses_a_broken_workbook(admin):
    response = _upload(admin, SimpleUploadedFile("records.xlsx", b"not a zip"))
    assert "could not be opened as an XLSX workbook" in response.content.decode()


def test_it_refuses_an_oversized_upload(admin, settings):
    settings.IMPORT_UPLOAD_MAX_BYTES = 100
    response = _upload(admin, _csv("candidates.csv", CANDIDATES * 5))
    assert "The upload is too large" in response.content.decode()


def test_it_refuses_teams_of_another_office(admin):
    response = _upload(admin, _csv("teams.csv", "office,team\nNAV Innlandet,Gjøvik\n"))
    page = response.content.decode()
    assert "teams.csv:2: office: you can import teams of your own office" in page
    assert "Import now" not in page


def test_it_refuses_accounts_in_a_team_of_another_office(admin, other_team):
    users = (
        "username,full_name,email,role,team,fte\nsiri,Siri Sand,s@example.no,specialist,Hamar,1\n"
    )
    page = _upload(admin, _csv("users.csv", users)).content.decode()
    assert "users.csv:2: team: no team “Hamar” in teams.csv or in this office." in page
    assert not User.objects.filter(username="siri").exists()


@pytest.fixture
def office_a(other_specialist, other_office):
    """A candidate of office A (NAV Innlandet), held by per."""
    enrollment = factories.EnrollmentFactory(
        ref="E001",
        office=other_office,
        candidate=factories.CandidateFactory(ref="C001", first_name="Nora", office=other_office),
    )
    factories.AssignmentFactory(enrollment=enrollment, specialist=other_specialist)
    return enrollment


def test_an_upload_cannot_reach_another_offices_candidate(admin, office_a, specialist):
    page = _upload(
        admin,
        _csv(
            "candidates.csv",
            "ref,first_name,last_name,birth_date,fnr\nC001,Hacked,Name,1990-01-01,\n",
        ),
        _csv("assignments.csv", "enrollment_ref,username,from_date\nE001,kari,2025-06-01\n"),
        _csv(
            "activities.csv",
            "username,date,minutes,mode,location,with_whom,candidate_ref,orgnr,note\n"
            "per,2025-03-03,30,phone,office,candidate,C001,,I never wrote this\n",
        ),
    ).content.decode()

    assert (
        "assignments.csv:2: enrollment_ref: no enrollment with ref “E001” in enrollments.csv or "
        "in this office." in page
    )
    assert "activities.csv:2: username: no user “per” in users.csv or in this office." in page
    assert "Import now" not in page
    admin.post("/intake/import/confirm/", **EN)
    office_a.refresh_from_db()
    assert office_a.candidate.first_name == "Nora"
    assert Candidate.objects.count() == 1
    assert [a.specialist.username for a in office_a.assignments.all()] == ["per"]
    assert not Activity.objects.exists()


def test_new_candidates_of_an_upload_belong_to_the_uploaders_office(admin, intake):
    _upload(admin, _csv("candidates.csv", CANDIDATES))
    admin.post("/intake/import/confirm/", **EN)

    assert Candidate.objects.get().office == intake.office


def test_the_confirmation_checks_the_office_again(admin, intake, other_office):
    _upload(admin, _csv("candidates.csv", CANDIDATES))
    intake.office = other_office
    intake.save()

    response = admin.post("/intake/import/confirm/", follow=True, **EN)

    assert "no checked upload" in response.content.decode()
    assert not Candidate.objects.exists()


def test_an_administrator_without_office_chooses_the_office(client, office, other_office):
    superuser = factories.UserFactory(
        username="root", is_superuser=True, is_staff=True, team=None, office=None
    )
    log_in(client, superuser)

    page = _upload(client, _csv("candidates.csv", CANDIDATES)).content.decode()
    assert "This field is required" in page
    assert "Import now" not in page

    client.post(
        URL, {"files": [_csv("candidates.csv", CANDIDATES)], "office": other_office.pk}, **EN
    )
    client.post("/intake/import/confirm/", **EN)
    assert Candidate.objects.get().office == other_office


def test_an_intake_admin_without_office_is_told_to_get_one(client, db):
    lost = factories.IntakeAdminFactory(username="ida", office=None)
    log_in(client, lost)

    page = _upload(client, _csv("candidates.csv", CANDIDATES)).content.decode()

    assert "Your account belongs to no office" in page
    assert not Candidate.objects.exists()


@pytest.mark.parametrize("username", ["root", "\uff52\uff4f\uff4f\uff54"])
def test_it_refuses_to_change_the_superuser_of_the_office(admin, office, username):
    """The import is no way around the account rule, also under a look-alike
    spelling of the username (full-width letters the import would normalise)."""
    root = factories.UserFactory(
        username="root",
        email="root@example.no",
        role="intake_admin",
        team=None,
        office=office,
        is_staff=True,
        is_superuser=True,
    )
    users = (
        "username,full_name,email,role,team,fte\n"
        f"{username},Root Admin,inger.private@example.com,intake_admin,,1\n"
    )
    page = _upload(admin, _csv("users.csv", users)).content.decode()
    assert (
        "users.csv:2: username: An administrator&#x27;s account cannot be changed by an import."
        in page
    )
    assert "Import now" not in page
    root.refresh_from_db()
    assert root.email == "root@example.no"


@pytest.mark.parametrize("persona", ["specialist", "leader", "analyst"])
def test_only_intake_admins_import(client, personas, persona):
    log_in(client, personas[persona])
    assert client.get(URL).status_code == 403
    assert client.post("/intake/import/confirm/").status_code == 403
