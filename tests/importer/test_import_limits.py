"""Oversized input is refused before it is parsed, with a clear message.

The timings are in bench/import_limits.py; here the tests show that the
refusal comes from the size checks, not from parsing the whole input.
"""

import pytest
from django.utils import translation

from candidates.models import Candidate
from importer import imports
from importer.files import FILES
from importer.imports import _header_errors, import_records

CANDIDATES = "ref,first_name,last_name,birth_date,fnr\nC001,Åse,Lie,1986-10-15,\n"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def no_csv_parsing(monkeypatch):
    """Fails the test if the CSV reader is asked to parse anything."""

    def reader(*args, **kwargs):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(imports.csv, "reader", reader)


def messages(report) -> list[str]:
    return [str(error) for error in report.errors]


def test_a_header_of_100000_columns_is_refused_before_the_file_is_parsed(db, no_csv_parsing):
    header = ",".join(f"column{i}" for i in range(100_000))

    report = import_records({"candidates.csv": f"{header}\nC001\n"})

    assert messages(report) == [
        "candidates.csv:1: The header has 100000 columns; no file of the import has more than 50."
    ]


def test_a_header_of_100000_columns_in_bytes_is_refused_too(db, no_csv_parsing):
    header = b",".join(b"x" for _ in range(100_000))

    report = import_records({"candidates.csv": header})

    assert messages(report)[0].startswith("candidates.csv:1: The header has 100000 columns")


def test_a_sheet_with_too_wide_a_header_is_refused(db):
    rows = [[f"column{i}" for i in range(51)], ["C001"]]

    report = import_records({"Candidates": rows})

    assert messages(report)[0].startswith("candidates.csv:1: The header has 51 columns")


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(db, monkeypatch, no_csv_parsing):
    monkeypatch.setattr(imports, "MAX_FILE_BYTES", 1024 * 1024)

    report = import_records({"candidates.csv": CANDIDATES + "x" * 1024 * 1024})

    assert messages(report) == [
        "candidates.csv: The file is larger than 1 MB: split it into smaller files."
    ]


def test_a_file_over_the_line_limit_is_refused_before_it_is_parsed(db, monkeypatch, no_csv_parsing):
    monkeypatch.setattr(imports, "MAX_LINES", 3)
    rows = "".join(f"C{n:03},Åse,Lie,1986-10-15,\n" for n in range(3))

    report = import_records({"candidates.csv": CANDIDATES.splitlines()[0] + "\n" + rows})

    assert messages(report) == [
        "candidates.csv: The file has more than 3 lines: split it into smaller files."
    ]
    assert not Candidate.objects.exists()


def test_a_file_at_the_line_limit_is_imported(db, monkeypatch):
    monkeypatch.setattr(imports, "MAX_LINES", 2)

    report = import_records({"candidates.csv": CANDIDATES})

    assert report.ok
    assert Candidate.objects.count() == 1


def test_a_refused_file_saves_nothing_of_the_other_files(db, no_csv_parsing):
    header = ",".join(["x"] * 51)

    report = import_records(
        {"teams.csv": [["office", "team"], ["NAV Vestfold", "Horten"]], "candidates.csv": header}
    )

    assert not report.ok
    assert not Candidate.objects.exists()


def test_the_header_check_reports_each_repeated_column_once():
    spec = next(spec for spec in FILES if spec.name == "teams.csv")

    problems = _header_errors(spec, ["office", "team", "team", "office", "team"])

    assert problems == ["Column(s) given twice: office, team."]
