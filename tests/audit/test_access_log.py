"""Reads of a candidate's data are logged, and the log can be read by those who may."""

import csv
import io

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.test import RequestFactory

from audit.queries import access_entries_for
from audit.services import access_record
from tests import factories
from tests.common.formulas import FORMULA_STARTS, FORMULAS, neutralised
from tests.conftest import log_in


@pytest.fixture
def candidate(specialist):
    enrollment = factories.EnrollmentFactory(office=specialist.office)
    factories.AssignmentFactory(enrollment=enrollment, specialist=specialist)
    return enrollment.candidate


def _read(user, candidate, page="candidate_file"):
    request = RequestFactory().get(f"/candidates/{candidate.pk}/")
    request.user = user
    return access_record(request=request, candidates=[candidate], page=page)


def test_an_access_entry_records_who_what_and_which_page(candidate, specialist):
    _read(specialist, candidate)
    entry = access_entries_for(candidate).get()
    assert entry.actor == specialist
    assert entry.action == LogEntry.Action.ACCESS
    assert entry.additional_data["page"] == "candidate_file"
    assert entry.remote_addr == "127.0.0.1"


def test_the_leader_sees_who_has_opened_the_file(client, candidate, specialist, leader):
    _read(specialist, candidate)
    log_in(client, leader)
    response = client.get(f"/audit/candidates/{candidate.pk}/access/")
    assert response.status_code == 200
    assert "Kari Nordmann" in response.content.decode()


def test_the_leader_downloads_the_access_log_as_csv(client, candidate, specialist, leader):
    _read(specialist, candidate)
    _read(specialist, candidate, page="timeline")
    log_in(client, leader)
    response = client.get(f"/audit/candidates/{candidate.pk}/access.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    # The download itself is a read of person data, so it is logged and listed too.
    assert sorted((row[1], row[4]) for row in rows[1:]) == [
        ("kari", "candidate_file"),
        ("kari", "timeline"),
        ("lise", "access_log_export"),
    ]


def test_intake_admin_of_the_office_downloads_the_access_log(client, candidate, intake):
    log_in(client, intake)
    assert client.get(f"/audit/candidates/{candidate.pk}/access.csv").status_code == 200


@pytest.mark.parametrize("persona", ["specialist", "analyst"])
def test_other_roles_may_not_read_the_access_log(client, candidate, personas, persona):
    log_in(client, personas[persona])
    assert client.get(f"/audit/candidates/{candidate.pk}/access/").status_code == 403
    assert client.get(f"/audit/candidates/{candidate.pk}/access.csv").status_code == 403


def test_another_teams_leader_gets_404(client, candidate, other_leader):
    log_in(client, other_leader)
    assert client.get(f"/audit/candidates/{candidate.pk}/access/").status_code == 404
    assert client.get(f"/audit/candidates/{candidate.pk}/access.csv").status_code == 404
    assert not access_entries_for(candidate).exists()


def test_audit_entries_cannot_be_changed_or_deleted_in_the_admin(client, candidate, specialist):
    admin = factories.UserFactory(username="root", is_staff=True, is_superuser=True, team=None)
    entry = _read(specialist, candidate)
    log_in(client, admin)
    change_url = f"/admin/auditlog/logentry/{entry.pk}/change/"
    response = client.get(change_url)
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    client.post(change_url, {"object_repr": "changed"})
    response = client.post(f"/admin/auditlog/logentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    client.post(
        "/admin/auditlog/logentry/",
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    entry.refresh_from_db()
    assert entry.object_repr == str(candidate)
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_changes_to_person_data_are_logged_with_the_fields(candidate):
    candidate.phone = "99887766"
    candidate.save()
    entry = LogEntry.objects.get_for_object(candidate).filter(action=LogEntry.Action.UPDATE).get()
    assert "phone" in entry.changes_dict


def test_the_security_officer_exports_the_audit_log_for_a_period(candidate, specialist, tmp_path):
    _read(specialist, candidate)
    out = tmp_path / "audit.csv"
    call_command(
        "export_audit_log", "--start", "2000-01-01", "--end", "2100-12-31", "--output", out
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert any(row["actor"] == "kari" and row["page"] == "candidate_file" for row in rows)


def test_the_export_of_an_empty_period_has_only_the_header(candidate, specialist, tmp_path):
    _read(specialist, candidate)
    out = tmp_path / "audit.csv"
    call_command(
        "export_audit_log", "--start", "2000-01-01", "--end", "2000-01-31", "--output", out
    )
    assert out.read_text(encoding="utf-8").strip().splitlines() == [
        "timestamp,actor,action,object_type,object_id,object_repr,remote_addr,page,changes,candidates"
    ]


def test_names_in_the_access_log_csv_cannot_run_as_formulas(client, candidate, leader):
    for name in FORMULAS:
        reader = factories.SpecialistFactory(
            username=name, first_name=name, last_name="X", team=leader.team
        )
        _read(reader, candidate)
    log_in(client, leader)

    response = client.get(f"/audit/candidates/{candidate.pk}/access.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert {neutralised(name) for name in FORMULAS} <= {row[1] for row in rows[1:]}
    assert neutralised('=HYPERLINK("http://x","y") X') in {row[2] for row in rows[1:]}
    assert not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row)


def test_names_in_the_audit_log_export_cannot_run_as_formulas(specialist, tmp_path):
    for name in FORMULAS:
        enrollment = factories.EnrollmentFactory(
            candidate=factories.CandidateFactory(first_name=name, last_name="X")
        )
        _read(specialist, enrollment.candidate)
    out = tmp_path / "audit.csv"

    call_command(
        "export_audit_log", "--start", "2000-01-01", "--end", "2100-12-31", "--output", out
    )

    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    shown = {row["object_repr"] for row in rows}
    assert {neutralised(f"{name} X") for name in FORMULAS} <= shown
    assert not any(
        value.startswith(("=", "+", "-", "@", "\t")) for row in rows for value in row.values()
    )
