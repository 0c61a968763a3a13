"""Hostile cells in the import: never an exception, and a refused import saves nothing."""

from django.apps import apps
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importer.imports import import_records
from tests.test_hostile_input import HOSTILE

COLUMNS = {
    "teams.csv": ["office", "team"],
    "users.csv": ["username", "full_name", "email", "role", "team", "fte"],
    "employers.csv": ["orgnr", "name", "industry"],
    "candidates.csv": ["ref", "first_name", "last_name", "birth_date", "fnr"],
    "enrollments.csv": [
        "ref",
        "candidate_ref",
        "referral_date",
        "intake_date",
        "discharge_date",
        "discharge_reason",
    ],
    "activities.csv": [
        "username",
        "date",
        "minutes",
        "mode",
        "location",
        "with_whom",
        "candidate_ref",
        "orgnr",
        "note",
    ],
}


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in ("ips", "candidates", "employers", "followup")
    }


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(
    file=st.sampled_from(sorted(COLUMNS)),
    rows=st.lists(st.lists(HOSTILE, min_size=9, max_size=9), min_size=1, max_size=3),
)
def test_hostile_rows_are_reported_not_raised(db, file, rows):
    header = COLUMNS[file]
    table = [header] + [row[: len(header)] for row in rows]
    before = _counts()
    report = import_records({file: table})
    if not report.ok:
        assert _counts() == before
        assert all(f"{e}".startswith(f"{file}:") for e in report.errors)


def test_a_script_tag_in_a_name_is_stored_as_text_not_refused_silently(db):
    report = import_records(
        {
            "candidates.csv": [
                COLUMNS["candidates.csv"],
                ["c1", "<script>alert(1)</script>", "Berg", "1990-01-01", ""],
            ]
        }
    )
    assert report.ok
    from candidates.models import Candidate

    assert Candidate.objects.get(ref="c1").first_name == "<script>alert(1)</script>"


def test_a_nul_byte_in_a_cell_is_reported_with_its_file_and_line(db):
    with translation.override("en"):
        report = import_records(
            {"employers.csv": [COLUMNS["employers.csv"], ["123456785", "Bedrift\x00AS", "Handel"]]}
        )
    assert not report.ok
    assert [str(e) for e in report.errors] == [
        "employers.csv:2: name: contains control characters, which no value may hold."
    ]
