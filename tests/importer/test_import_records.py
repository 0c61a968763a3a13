"""`manage.py import_records DIR`: all files or nothing, every bad row reported."""

import datetime
from decimal import Decimal
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
from ips.models import Office, Team, User
from tests import factories

MODELS = (Office, Team, User, Employer, Candidate, Enrollment, Assignment, Placement, Activity)

GOOD = {
    "teams.csv": """office,team
NAV Vestfold,Horten
NAV Innlandet,Hamar
""",
    "users.csv": """username,full_name,email,role,team,fte
kari,Kari Nordmann,kari@example.no,specialist,Horten,0.6
per,Per Berg,per@example.no,specialist,Hamar,
siv,Siv Sand,siv@example.no,specialist,Hamar,0.8
lise,Lise Leder,lise@example.no,team_leader,Horten,1
inger,Inger Inntak,inger@example.no,intake_admin,,
""",
    "employers.csv": """orgnr,name,industry
988077917,Horten Bakeri AS,Næringsmiddel
""",
    "candidates.csv": """ref,first_name,last_name,birth_date,fnr
C001,Åse,Lie,1986-10-15,15108695088
C002,Jonas,Berg,2007-01-01,
""",
    "enrollments.csv": """ref,candidate_ref,referral_date,intake_date,discharge_date,discharge_reason,employed_at_referral
E001,C001,2025-01-06,2025-01-13,,,no
E002,C002,2025-02-03,2025-02-10,2025-11-28,moved,yes
""",
    "assignments.csv": """enrollment_ref,username,from_date
E001,kari,2025-01-13
E002,per,2025-02-10
E002,siv,2025-06-01
""",
    "placements.csv": """enrollment_ref,orgnr,title,start_date,end_date,hours_per_week,competitive,contract,wage_subsidy_percent
E001,988077917,Bakerassistent,2025-04-01,,20,yes,permanent,40
""",
    "activities.csv": """username,date,minutes,mode,location,with_whom,candidate_ref,orgnr,note
kari,2025-01-14,60,in_person,community,candidate,C001,,Første samtale
kari,2025-01-20,45,in_person,workplace,employer,C001,988077917,
kari,2025-01-20,45,in_person,workplace,employer,C001,988077917,
""",
}


@pytest.fixture(autouse=True)
def english():
    """Messages are translated; the assertions read the English source strings."""
    with translation.override("en"):
        yield


def write(directory: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def with_row(file: str, row: str) -> tuple[dict[str, str], int]:
    """The good set with one row added to `file`, and that row's line number."""
    files = dict(GOOD)
    files[file] = GOOD[file] + row + "\n"
    return files, GOOD[file].count("\n") + 1


def run(directory: Path, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_records", str(directory), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(directory: Path) -> str:
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_records", str(directory), stdout=StringIO(), stderr=err)
    return err.getvalue()


def model_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_it_imports_a_full_set_and_counts_each_file(db, tmp_path):
    out, err = run(write(tmp_path, GOOD))

    assert err == ""
    assert "teams.csv: 2 created, 0 updated, 0 unchanged" in out
    assert "users.csv: 5 created, 0 updated, 0 unchanged" in out
    assert "assignments.csv: 3 created, 0 updated, 0 unchanged" in out
    assert "activities.csv: 3 created, 0 updated, 0 unchanged" in out
    assert model_counts() == {
        "Office": 2,
        "Team": 2,
        "User": 5,
        "Employer": 1,
        "Candidate": 2,
        "Enrollment": 2,
        "Assignment": 3,
        "Placement": 1,
        "Activity": 3,
    }


def test_it_links_the_imported_records(db, tmp_path):
    run(write(tmp_path, GOOD))

    kari = User.objects.get(username="kari")
    assert (kari.team.name, kari.office.name, kari.fte) == (
        "Horten",
        "NAV Vestfold",
        Decimal("0.6"),
    )
    assert (kari.first_name, kari.last_name) == ("Kari", "Nordmann")
    e002 = Enrollment.objects.get(ref="E002")
    assert e002.candidate.ref == "C002"
    assert e002.employed_at_referral is True
    assert e002.office.name == "NAV Innlandet"  # from per, the first holder
    assert e002.assignments.order_by("-from_date").first().specialist.username == "siv"
    placement = Placement.objects.get()
    assert (placement.enrollment.ref, placement.employer.orgnr) == ("E001", "988077917")
    assert placement.wage_subsidy_percent == 40
    visit = Activity.objects.filter(employer__isnull=False).first()
    assert (visit.author, visit.candidate.ref) == (kari, "C001")


def test_imported_users_have_no_usable_password(db, tmp_path):
    run(write(tmp_path, GOOD))

    assert not User.objects.get(username="kari").has_usable_password()


def test_an_empty_fte_means_full_time(db, tmp_path):
    run(write(tmp_path, GOOD))

    assert User.objects.get(username="per").fte == Decimal("1")


def test_an_intake_admin_without_team_has_no_office(db, tmp_path):
    run(write(tmp_path, GOOD))

    inger = User.objects.get(username="inger")
    assert (inger.team, inger.office) == (None, None)


def test_imported_team_leaders_lead_their_team(db, tmp_path):
    run(write(tmp_path, GOOD))

    assert Team.objects.get(name="Horten").leaders.get().username == "lise"


def test_imported_employers_are_shared_by_all_offices(db, tmp_path):
    run(write(tmp_path, GOOD))

    assert Employer.objects.get().office is None


def test_a_second_import_changes_nothing(db, tmp_path):
    write(tmp_path, GOOD)
    run(tmp_path)
    before = model_counts()

    out, _err = run(tmp_path)

    assert model_counts() == before
    assert " 1 created" not in out and " 2 created" not in out and " 3 created" not in out
    assert "activities.csv: 0 created, 0 updated, 3 unchanged" in out


def test_a_changed_row_updates_its_record(db, tmp_path):
    run(write(tmp_path, GOOD))
    files = dict(GOOD)
    files["placements.csv"] = GOOD["placements.csv"].replace(",20,yes,", ",25,yes,")

    out, _err = run(write(tmp_path, files))

    assert "placements.csv: 0 created, 1 updated, 0 unchanged" in out
    assert Placement.objects.get().hours_per_week == Decimal("25")


def test_a_dry_run_reports_counts_but_saves_nothing(db, tmp_path):
    out, _err = run(write(tmp_path, GOOD), "--dry-run")

    assert "candidates.csv: 2 created" in out
    assert all(count == 0 for count in model_counts().values())


def test_it_accepts_a_byte_order_mark(db, tmp_path):
    (tmp_path / "teams.csv").write_bytes("\ufeffoffice,team\nNAV Vestfold,Horten\n".encode())

    run(tmp_path)

    assert Team.objects.get().office.name == "NAV Vestfold"


def test_it_imports_a_referral_withdrawn_before_intake(db, tmp_path):
    files, _line = with_row("enrollments.csv", "E009,C001,2025-03-03,,2025-03-20,own_wish,no")

    run(write(tmp_path, files))

    withdrawn = Enrollment.objects.get(ref="E009")
    assert (withdrawn.intake_date, withdrawn.discharge_date) == (None, datetime.date(2025, 3, 20))
    assert withdrawn.discharge_reason == "own_wish"


def test_it_refuses_an_assignment_of_a_referral_withdrawn_before_intake(db, tmp_path):
    files, _line = with_row("enrollments.csv", "E009,C001,2025-03-03,,2025-03-20,moved,no")
    files["assignments.csv"] += "E009,kari,2025-03-10\n"
    line = files["assignments.csv"].count("\n")

    err = run_failing(write(tmp_path, files))

    assert f"assignments.csv:{line}: enrollment_ref: This referral was withdrawn" in err
    assert Enrollment.objects.count() == 0


def test_it_exits_with_a_non_zero_status_on_errors(db, tmp_path):
    files, _line = with_row("teams.csv", "NAV Vestfold,")
    write(tmp_path, files)

    with pytest.raises(CommandError) as raised:
        call_command("import_records", str(tmp_path), stdout=StringIO(), stderr=StringIO())

    assert raised.value.returncode == 1


BAD_ROWS = [
    ("teams.csv", "NAV Vestfold,", "team"),
    ("users.csv", "bob,Bob Bu,bob@example.no,boss,Horten,1", "role"),
    ("users.csv", "bob,Bob Bu,bob@example.no,specialist,Horten,1.5", "fte"),
    ("users.csv", "bob,Bob Bu,bob@example.no,specialist,Horten,lots", "fte"),
    ("users.csv", "bob,Bob Bu,bob@example.no,specialist,Nowhere,1", "team"),
    ("users.csv", "bob,Bob Bu,bob@example.no,specialist,,1", "team"),
    ("users.csv", "bob,Bob Bu,not-an-address,specialist,Horten,1", "email"),
    ("employers.csv", "988077918,Feil AS,", "orgnr"),
    ("employers.csv", "123456785,,", "name"),
    ("candidates.csv", "C009,Ann,Ask,1986-10-15,15108695077", "fnr"),
    ("candidates.csv", "C009,Ann,Ask,15.10.1986,", "birth_date"),
    ("candidates.csv", "C009,Ann,Ask,1986-02-30,", "birth_date"),
    ("candidates.csv", "C009,,Ask,1986-10-15,", "first_name"),
    ("enrollments.csv", "E009,C999,2025-01-06,2025-01-13,,,no", "candidate_ref"),
    ("enrollments.csv", "E009,C001,2025-02-01,2025-01-13,,,no", "intake_date"),
    ("enrollments.csv", "E009,C001,2025-01-06,2025-01-13,2025-01-10,moved,no", "discharge_date"),
    ("enrollments.csv", "E009,C001,2025-01-06,,2025-01-05,own_wish,no", "discharge_date"),
    ("enrollments.csv", "E009,C001,2025-01-06,2025-01-13,2025-03-01,quit,no", "discharge_reason"),
    ("enrollments.csv", "E009,C001,2025-01-06,2025-01-13,,,maybe", "employed_at_referral"),
    ("assignments.csv", "E999,kari,2025-01-13", "enrollment_ref"),
    ("assignments.csv", "E001,nobody,2025-02-13", "username"),
    ("assignments.csv", "E001,inger,2025-02-13", "username"),
    ("assignments.csv", "E001,kari,13/02/2025", "from_date"),
    ("placements.csv", "E001,988077917,Baker,2025-04-01,2025-03-01,20,yes,permanent,", "end_date"),
    ("placements.csv", "E001,974760606,Baker,2025-04-01,,20,yes,permanent,", "orgnr"),
    ("placements.csv", "E001,988077917,Baker,2025-04-01,,0,yes,permanent,", "hours_per_week"),
    ("placements.csv", "E001,988077917,Baker,2025-04-01,,20,perhaps,permanent,", "competitive"),
    ("placements.csv", "E001,988077917,Baker,2025-04-01,,20,yes,forever,", "contract"),
    ("placements.csv", "E001,988077917,Baker,2025-04-01,,20,yes,,150", "wage_subsidy_percent"),
    ("placements.csv", "E001,988077917,Baker,2025-04-01,,20,yes,,half", "wage_subsidy_percent"),
    ("activities.csv", "kari,2025-01-15,0,phone,office,candidate,,,", "minutes"),
    ("activities.csv", "kari,2025-01-15,1441,phone,office,candidate,,,", "minutes"),
    ("activities.csv", "kari,2025-01-15,30,pigeon,office,candidate,,,", "mode"),
    ("activities.csv", "kari,2025-01-15,30,phone,moon,candidate,,,", "location"),
    ("activities.csv", "kari,2025-01-15,30,phone,office,dog,,,", "with_whom"),
    ("activities.csv", "nobody,2025-01-15,30,phone,office,candidate,,,", "username"),
    ("activities.csv", "kari,2025-01-15,30,phone,office,candidate,C999,,", "candidate_ref"),
    ("activities.csv", "kari,2025-01-15,30,phone,office,employer,,974760606,", "orgnr"),
]


@pytest.mark.parametrize(("file", "row", "column"), BAD_ROWS)
def test_it_reports_a_bad_row_with_its_file_and_line_and_saves_nothing(
    db, tmp_path, file, row, column
):
    files, line = with_row(file, row)

    err = run_failing(write(tmp_path, files))

    assert f"{file}:{line}: {column}:" in err
    assert all(count == 0 for count in model_counts().values())


def test_it_leaves_existing_records_untouched_when_a_row_is_bad(db, tmp_path):
    factories.EmployerFactory(orgnr="988077917", name="Old name")
    files, _line = with_row("candidates.csv", "C009,Ann,Ask,1986-10-15,15108695077")

    run_failing(write(tmp_path, files))

    assert Employer.objects.get().name == "Old name"
    assert Candidate.objects.count() == 0


def test_it_reports_a_duplicate_ref_within_a_file(db, tmp_path):
    files, line = with_row("candidates.csv", "C001,Åse,Lie,1986-10-15,")

    err = run_failing(write(tmp_path, files))

    assert f"candidates.csv:{line}: Duplicate of line 2 (same ref)." in err


def test_it_reports_a_missing_column_on_the_header_line(db, tmp_path):
    files = dict(GOOD, **{"employers.csv": "orgnr,name\n988077917,Horten Bakeri AS\n"})

    err = run_failing(write(tmp_path, files))

    assert "employers.csv:1: Missing column(s): industry." in err


def test_it_reports_every_error_across_files(db, tmp_path):
    files = dict(GOOD)
    files["users.csv"] += "bob,Bob Bu,bob@example.no,boss,Horten,1\n"
    files["candidates.csv"] += "C009,Ann,Ask,1986-10-15,15108695077\nC010,Ole,Ask,1986-13-01,\n"
    files["activities.csv"] += "kari,2025-01-15,0,phone,office,candidate,,,\n"

    err = run_failing(write(tmp_path, files))

    assert "users.csv:7: role:" in err
    assert "candidates.csv:4: fnr:" in err
    assert "candidates.csv:5: birth_date:" in err
    assert "activities.csv:5: minutes:" in err


def test_it_names_the_rejected_row_a_later_file_depends_on(db, tmp_path):
    files = dict(GOOD)
    files["candidates.csv"] += "C009,Ann,Ask,1986-10-15,15108695077\n"
    files["enrollments.csv"] += "E009,C009,2025-01-06,2025-01-13,,,no\n"

    err = run_failing(write(tmp_path, files))

    assert "enrollments.csv:4: candidate_ref: “C009” refers to a row of candidates.csv" in err


def test_line_numbers_count_physical_lines_of_multiline_notes(db, tmp_path):
    files = dict(GOOD)
    files["activities.csv"] += (
        'kari,2025-01-15,30,phone,office,candidate,C001,,"two\nlines"\n'
        "kari,2025-01-15,0,phone,office,candidate,C001,,\n"
    )

    err = run_failing(write(tmp_path, files))

    assert "activities.csv:7: minutes:" in err


def test_it_refuses_an_unknown_file_name(db, tmp_path):
    files = dict(GOOD, **{"enrolments.csv": GOOD["enrollments.csv"]})

    err = run_failing(write(tmp_path, files))

    assert "enrolments.csv: Unknown file name" in err
    assert Candidate.objects.count() == 0


def test_it_refuses_a_directory_that_does_not_exist(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_records", str(tmp_path / "missing"), stdout=StringIO())


def test_it_imports_the_rows_of_a_spreadsheet(db):
    report = import_records(
        {
            "Teams": [["office", "team"], ["NAV Vestfold", "Horten"]],
            "Candidates": [
                ["ref", "first_name", "last_name", "birth_date"],
                ["C001", "Åse", "Lie", datetime.datetime(1986, 10, 15)],
            ],
        }
    )

    assert report.ok
    assert Candidate.objects.get().birth_date == datetime.date(1986, 10, 15)
    assert report.counts["teams.csv"].created == 1


def test_the_documented_example_imports_cleanly(db):
    example = Path(__file__).resolve().parents[2] / "docs" / "import-example"

    report = import_records(example)

    assert report.errors == []
    assert Activity.objects.count() > 0


def test_it_reports_a_file_that_is_not_utf8_at_the_first_bad_line(db, tmp_path):
    write(tmp_path, GOOD)
    (tmp_path / "teams.csv").write_bytes(
        "office,team\nNAV Vestfold,Horten\nNAV Vestfold,Tønsberg\n".encode("latin-1")
    )

    err = run_failing(tmp_path)

    assert "teams.csv:3: This is not UTF-8 text" in err


def test_rows_depending_on_an_unreadable_file_are_not_reported_one_by_one(db, tmp_path):
    write(tmp_path, GOOD)
    (tmp_path / "candidates.csv").write_bytes(GOOD["candidates.csv"].encode("latin-1"))

    err = run_failing(tmp_path)

    assert "candidates.csv:2:" in err
    assert "enrollments.csv" not in err


def test_it_says_when_the_columns_are_separated_by_semicolons(db, tmp_path):
    (tmp_path / "teams.csv").write_text("office;team\nNAV Vestfold;Horten\n", encoding="utf-8")

    err = run_failing(tmp_path)

    assert "teams.csv:1: The columns are separated by semicolons" in err


def test_it_asks_for_the_office_when_a_team_name_is_used_twice(db, tmp_path):
    teams = "office,team\nNAV Vestfold,Sentrum\nNAV Innlandet,Sentrum\n"
    users = (
        "username,full_name,email,role,team,fte\nbob,Bob Bu,bob@example.no,specialist,Sentrum,1\n"
    )

    err = run_failing(write(tmp_path, {"teams.csv": teams, "users.csv": users}))

    assert "users.csv:2: team: there is a team “Sentrum” in several offices" in err


def test_a_team_can_be_named_with_its_office(db, tmp_path):
    teams = "office,team\nNAV Vestfold,Sentrum\nNAV Innlandet,Sentrum\n"
    users = (
        "username,full_name,email,role,team,fte\n"
        "bob,Bob Bu,bob@example.no,specialist,NAV Innlandet / Sentrum,1\n"
    )

    run(write(tmp_path, {"teams.csv": teams, "users.csv": users}))

    assert User.objects.get(username="bob").office.name == "NAV Innlandet"
