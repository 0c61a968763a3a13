"""The import keeps to one office: a row that reaches another office's records
is refused with file:line, and nothing of the import is saved.

Office A (NAV Innlandet) holds Nora Dahl (ref C001) in enrollment E001 with
its specialist per, and works with Hamar Bakeri (an employer of A). An intake
admin of office B (NAV Vestfold) imports into B.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from candidates.models import Assignment, Candidate, Enrollment
from employers.models import Employer, Placement
from followup.models import Activity
from importer.imports import import_records
from importer.management.commands.import_records import Command as ImportCommand
from ips.models import Office, Team, User
from tests import factories

MODELS = (Office, Team, User, Employer, Candidate, Enrollment, Assignment, Placement, Activity)

HEADERS = {
    "teams.csv": "office,team",
    "users.csv": "username,full_name,email,role,team,fte",
    "employers.csv": "orgnr,name,industry",
    "candidates.csv": "ref,first_name,last_name,birth_date,fnr",
    "enrollments.csv": "ref,candidate_ref,referral_date,intake_date,discharge_date,"
    "discharge_reason",
    "assignments.csv": "enrollment_ref,username,from_date",
    "placements.csv": "enrollment_ref,orgnr,title,start_date,end_date,hours_per_week,"
    "competitive,contract,wage_subsidy_percent",
    "activities.csv": "username,date,minutes,mode,location,with_whom,candidate_ref,orgnr,note",
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def office_a(other_specialist, other_office):
    """Office A's records, which office B's import must not reach."""
    enrollment = factories.EnrollmentFactory(
        ref="E001",
        office=other_office,
        candidate=factories.CandidateFactory(
            ref="C001", first_name="Nora", last_name="Dahl", office=other_office
        ),
    )
    factories.AssignmentFactory(enrollment=enrollment, specialist=other_specialist)
    factories.EmployerFactory(orgnr="988077917", name="Hamar Bakeri AS", office=other_office)
    return enrollment


def files(**rows: str) -> dict[str, str]:
    """{file: header and rows}, from keyword arguments named after the files."""
    return {f"{name}.csv": f"{HEADERS[name + '.csv']}\n{text}\n" for name, text in rows.items()}


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def snapshot(enrollment: Enrollment) -> tuple:
    """What office A would notice had changed."""
    enrollment.refresh_from_db()
    candidate = enrollment.candidate
    return (
        candidate.first_name,
        candidate.last_name,
        candidate.office_id,
        enrollment.office_id,
        list(enrollment.assignments.values_list("specialist__username", "from_date")),
        Employer.objects.get(orgnr="988077917").name,
        Activity.objects.filter(author__username="per").count(),
    )


def refused(source, office) -> list[str]:
    """The messages of an import that must be refused, and that saved nothing."""
    before = counts()
    report = import_records(source, office=office)
    assert not report.ok
    assert not report.saved
    assert counts() == before
    return [str(error) for error in report.errors]


# --- Finding 1, row by row ---------------------------------------------------------


def test_a_ref_of_another_office_is_a_new_record_of_this_office(office, office_a):
    before = snapshot(office_a)

    report = import_records(files(candidates="C001,Hacked,Name,1990-01-01,"), office=office)

    assert report.ok
    assert snapshot(office_a) == before
    ours = Candidate.objects.get(ref="C001", office=office)
    assert (ours.first_name, ours.last_name) == ("Hacked", "Name")


def test_an_assignment_of_another_offices_enrollment_is_refused(office, office_a, specialist):
    before = snapshot(office_a)

    errors = refused(files(assignments="E001,kari,2025-06-01"), office)

    assert errors == [
        "assignments.csv:2: enrollment_ref: no enrollment with ref “E001” in enrollments.csv "
        "or in this office."
    ]
    assert snapshot(office_a) == before


def test_an_assignment_to_a_specialist_of_another_office_is_refused(
    office, office_a, other_specialist
):
    rows = files(
        candidates="C002,Åse,Lie,1986-10-15,",
        enrollments="E002,C002,2025-01-06,2025-01-13,,",
        assignments="E002,per,2025-01-13",
    )

    errors = refused(rows, office)

    assert errors == ["assignments.csv:2: username: no user “per” in users.csv or in this office."]


def test_an_activity_in_the_name_of_another_offices_specialist_is_refused(
    office, office_a, specialist
):
    before = snapshot(office_a)

    errors = refused(
        files(activities="per,2025-03-03,30,phone,office,none,,,I never wrote this"), office
    )

    assert errors == ["activities.csv:2: username: no user “per” in users.csv or in this office."]
    assert snapshot(office_a) == before


def test_an_activity_about_another_offices_candidate_or_employer_is_refused(
    office, office_a, specialist
):
    rows = files(
        activities="kari,2025-03-03,30,phone,office,candidate,C001,,\n"
        "kari,2025-03-03,30,in_person,workplace,employer,,988077917,"
    )

    errors = refused(rows, office)

    assert errors == [
        "activities.csv:2: candidate_ref: no candidate with ref “C001” in candidates.csv or in "
        "this office.",
        "activities.csv:3: orgnr: no employer with organisasjonsnummer “988077917” in "
        "employers.csv or in this office.",
    ]


def test_a_placement_on_another_offices_enrollment_or_employer_is_refused(
    office, office_a, specialist
):
    rows = files(
        employers="123456785,Lager AS,",
        candidates="C002,Åse,Lie,1986-10-15,",
        enrollments="E002,C002,2025-01-06,2025-01-13,,",
        assignments="E002,kari,2025-01-13",
        placements="E001,123456785,Baker,2025-04-01,,20,yes,permanent,\n"
        "E002,988077917,Baker,2025-04-01,,20,yes,permanent,",
    )

    errors = refused(rows, office)

    assert errors == [
        "placements.csv:2: enrollment_ref: no enrollment with ref “E001” in enrollments.csv "
        "or in this office.",
        "placements.csv:3: orgnr: no employer with organisasjonsnummer “988077917” in "
        "employers.csv or in this office.",
    ]
    assert not Placement.objects.exists()


def test_an_enrollment_of_another_offices_candidate_is_refused(office, office_a):
    errors = refused(files(enrollments="E009,C001,2025-01-06,2025-01-13,,"), office)

    assert errors == [
        "enrollments.csv:2: candidate_ref: no candidate with ref “C001” in candidates.csv or "
        "in this office."
    ]


def test_renaming_an_employer_of_another_office_is_refused(office, office_a):
    before = snapshot(office_a)

    errors = refused(files(employers="988077917,Renamed AS,"), office)

    assert errors == [
        "employers.csv:2: orgnr: An employer with this organisation number is already registered."
    ]
    assert snapshot(office_a) == before


def test_a_shared_employer_may_be_referred_to_but_is_not_renamed(office, specialist):
    factories.EmployerFactory(orgnr="123456785", name="Felles AS", office=None)

    report = import_records(
        files(
            employers="123456785,Renamed AS,",
            activities="kari,2025-03-03,30,in_person,workplace,employer,,123456785,",
        ),
        office=office,
    )

    assert report.ok
    assert Employer.objects.get().name == "Felles AS"
    assert Activity.objects.get().employer.orgnr == "123456785"


def test_accounts_and_teams_of_another_office_are_refused(office, office_a, other_team):
    rows = files(
        teams="NAV Innlandet,Gjøvik",
        users="per,Per Berg,per@example.no,intake_admin,,1\n"
        "siri,Siri Sand,siri@example.no,specialist,Hamar,1\n"
        "siv,Siv Sand,siv@example.no,specialist,NAV Innlandet / Hamar,1\n"
        "anders,Anders Analyse,anders@example.no,analyst,,",
    )

    errors = refused(rows, office)

    assert errors == [
        "teams.csv:2: office: you can import teams of your own office (NAV Vestfold) only.",
        "users.csv:2: username: This username is taken.",
        "users.csv:3: team: no team “Hamar” in teams.csv or in this office.",
        "users.csv:4: team: no team “NAV Innlandet / Hamar” in teams.csv or in this office.",
        "users.csv:5: role: Analyst accounts are not kept by an office.",
    ]
    assert User.objects.get(username="per").role == "specialist"


def test_the_whole_attack_in_one_import_saves_nothing(office, office_a, specialist):
    before = snapshot(office_a)
    rows = files(
        candidates="C001,Hacked,Name,1990-01-01,",
        assignments="E001,kari,2025-06-01",
        activities="per,2025-03-03,30,phone,office,candidate,C001,,I never wrote this",
    )

    errors = refused(rows, office)

    assert [error.split(": ")[0] for error in errors] == [
        "assignments.csv:2",
        "activities.csv:2",
    ]
    assert snapshot(office_a) == before
    assert not Candidate.objects.filter(office=office).exists()


# --- What an office's import does ------------------------------------------------------


def test_new_records_belong_to_the_office_and_a_second_import_changes_nothing(office, specialist):
    rows = files(
        teams="NAV Vestfold,Tønsberg",
        users="siri,Siri Sand,siri@example.no,specialist,Tønsberg,0.6\n"
        "ida,Ida Inntak,ida@example.no,intake_admin,,1",
        employers="123456785,Lager AS,Transport",
        candidates="C001,Åse,Lie,1986-10-15,",
        enrollments="E001,C001,2025-01-06,2025-01-13,,",
        assignments="E001,siri,2025-01-13",
        placements="E001,123456785,Lagermedarbeider,2025-04-01,,20,yes,permanent,",
        activities="siri,2025-01-14,60,in_person,community,candidate,C001,,",
    )

    first = import_records(rows, office=office)
    before = counts()
    second = import_records(rows, office=office)

    assert first.ok and second.ok
    assert counts() == before
    assert all(c.created == c.updated == 0 for c in second.counts.values())
    enrollment = Enrollment.objects.get(ref="E001")
    assert (enrollment.office, enrollment.candidate.office) == (office, office)
    assert User.objects.get(username="ida").office == office
    assert Employer.objects.get().office == office


def test_two_offices_may_use_the_same_refs(office, other_office):
    rows = files(
        candidates="C001,Åse,Lie,1986-10-15,",
        enrollments="E001,C001,2025-01-06,2025-01-13,,",
    )

    assert import_records(rows, office=office).ok
    assert import_records(rows, office=other_office).ok

    assert sorted(
        Enrollment.objects.values_list("ref", "office__name", "candidate__office__name")
    ) == [
        ("E001", "NAV Innlandet", "NAV Innlandet"),
        ("E001", "NAV Vestfold", "NAV Vestfold"),
    ]


# --- Without an office: the operator's import ------------------------------------


def test_without_an_office_a_ref_used_by_two_offices_is_refused(office, other_office):
    rows = files(candidates="C001,Åse,Lie,1986-10-15,")
    import_records(rows, office=office)
    import_records(rows, office=other_office)

    errors = refused(files(enrollments="E001,C001,2025-01-06,2025-01-13,,"), None)

    assert errors == [
        "enrollments.csv:2: candidate_ref: “C001” is used by several offices: import into one "
        "office."
    ]


def test_without_an_office_rows_tying_two_offices_together_are_refused(
    office_a, specialist, office
):
    factories.EmployerFactory(orgnr="123456785", office=office)
    rows = files(
        assignments="E001,kari,2025-06-01",
        placements="E001,123456785,Baker,2025-04-01,,20,yes,permanent,",
        activities="kari,2025-03-03,30,phone,office,candidate,C001,,\n"
        "per,2025-03-03,30,phone,office,employer,,123456785,",
    )

    errors = refused(rows, None)

    assert errors == [
        "assignments.csv:2: username: This specialist works at another office.",
        "placements.csv:2: orgnr: The employer belongs to another office.",
        "activities.csv:2: candidate_ref: The candidate belongs to another office.",
        "activities.csv:3: orgnr: The employer belongs to another office.",
    ]


# --- The command line ------------------------------------------------------------------


def write(directory: Path, contents: dict[str, str]) -> Path:
    for name, text in contents.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def test_the_command_imports_into_the_office_it_names(tmp_path, office, office_a, specialist):
    write(tmp_path, files(assignments="E001,kari,2025-06-01"))
    err = StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_records",
            str(tmp_path),
            "--office",
            "NAV Vestfold",
            stdout=StringIO(),
            stderr=err,
        )

    assert "assignments.csv:2: enrollment_ref: no enrollment with ref “E001”" in err.getvalue()
    assert Assignment.objects.count() == 1


def test_the_command_takes_the_office_by_its_id(tmp_path, office):
    write(tmp_path, files(candidates="C001,Åse,Lie,1986-10-15,"))

    call_command("import_records", str(tmp_path), "--office", str(office.pk), stdout=StringIO())

    assert Candidate.objects.get().office == office


def test_the_command_refuses_an_unknown_office(tmp_path, office):
    write(tmp_path, files(candidates="C001,Åse,Lie,1986-10-15,"))

    with pytest.raises(CommandError, match="There is no office “NAV Nowhere”"):
        call_command("import_records", str(tmp_path), "--office", "NAV Nowhere", stdout=StringIO())

    assert not Candidate.objects.exists()


def test_the_command_explains_the_office_option_in_its_help(db):
    parser = ImportCommand().create_parser("manage.py", "import_records")

    assert "--office NAME" in parser.format_help()


def test_the_command_without_an_office_imports_a_multi_office_set(db):
    example = Path(__file__).resolve().parents[2] / "docs" / "import-example"

    report = import_records(example)

    assert report.ok, report.errors
    assert set(Enrollment.objects.values_list("office__name", flat=True)) == {
        "NAV Vestfold",
        "NAV Innlandet",
    }
    assert all(e.office_id == e.candidate.office_id for e in Enrollment.objects.all())


def test_the_examples_holders_work_in_the_office_of_what_they_hold(db):
    import_records(Path(__file__).resolve().parents[2] / "docs" / "import-example")

    for assignment in Assignment.objects.select_related("enrollment", "specialist"):
        assert assignment.specialist.office_id == assignment.enrollment.office_id
