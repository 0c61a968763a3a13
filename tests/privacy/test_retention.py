"""Candidates whose last enrollment ended over RETENTION_DAYS ago are anonymised,
and the fidelity figures for past periods stay exactly the same."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from candidates.models import VocationalProfile
from candidates.services import PROFILE_FIELDS, vocational_profile_update
from followup.models import Activity
from ips.locking import StaleEdit, save_versioned
from privacy.services import anonymise_expired
from tests import factories

TODAY = datetime.date(2026, 11, 23)


def _ended_case(specialist, *, discharge, first_name="Gunn", fnr="15108695088"):
    candidate = factories.CandidateFactory(
        first_name=first_name, last_name="Gammel", fnr=fnr, phone="40404040", address="Veien 1"
    )
    factories.VocationalProfileFactory(candidate=candidate, work_history="Kassa på Rema")
    enrollment = factories.EnrollmentFactory(
        candidate=candidate,
        office=specialist.office,
        referral_date=datetime.date(2024, 1, 2),
        intake_date=datetime.date(2024, 1, 8),
        discharge_date=discharge,
        discharge_reason="employed_no_further_need" if discharge else "",
    )
    factories.AssignmentFactory(enrollment=enrollment, specialist=specialist)
    factories.PlacementFactory(enrollment=enrollment, start_date=datetime.date(2024, 3, 4))
    factories.ActivityFactory(
        author=specialist, candidate=candidate, date=datetime.date(2024, 2, 1), note="Ringte Gunn"
    )
    return candidate


def test_a_candidate_past_retention_is_anonymised(specialist, settings):
    settings.RETENTION_DAYS = 373
    old = _ended_case(specialist, discharge=TODAY - datetime.timedelta(days=374))
    assert anonymise_expired(today=TODAY) == [old.pk]
    old.refresh_from_db()
    assert old.first_name == "Anonymisert"
    assert "Gammel" not in old.last_name
    assert old.fnr is None and old.phone == "" and old.address == ""
    assert old.profile.work_history == ""
    assert Activity.objects.get(candidate=old).note == ""
    assert old.enrollments.count() == 1 and old.enrollments.get().placements.count() == 1


def test_a_form_opened_before_the_anonymisation_cannot_write_the_text_back(specialist, settings):
    settings.RETENTION_DAYS = 373
    old = _ended_case(specialist, discharge=TODAY - datetime.timedelta(days=374))
    opened = VocationalProfile.objects.get(candidate=old)  # a form shows the work history
    values = {name: getattr(opened, name) for name in PROFILE_FIELDS}
    activity = Activity.objects.get(candidate=old)
    anonymise_expired(today=TODAY)
    with pytest.raises(StaleEdit):
        vocational_profile_update(
            profile=VocationalProfile.objects.get(candidate=old),
            expected_version=opened.version,
            **values,
        )
    with pytest.raises(StaleEdit):
        save_versioned(Activity.objects.get(pk=activity.pk), expected_version=activity.version)
    assert VocationalProfile.objects.get(candidate=old).work_history == ""


def test_a_candidate_within_retention_or_still_active_is_kept(specialist, settings):
    settings.RETENTION_DAYS = 373
    recent = _ended_case(specialist, discharge=TODAY - datetime.timedelta(days=373))
    active = _ended_case(specialist, discharge=None, first_name="Aktiv", fnr="01010750160")
    assert anonymise_expired(today=TODAY) == []
    recent.refresh_from_db()
    active.refresh_from_db()
    assert (recent.first_name, active.first_name) == ("Gunn", "Aktiv")


def test_the_dry_run_changes_nothing(specialist, settings):
    settings.RETENTION_DAYS = 373
    old = _ended_case(specialist, discharge=TODAY - datetime.timedelta(days=400))
    out = io.StringIO()
    call_command("anonymise_expired", "--dry-run", stdout=out)
    assert f"candidate id {old.pk}" in out.getvalue()
    old.refresh_from_db()
    assert old.first_name == "Gunn"


def test_a_second_run_does_nothing_more(specialist, settings):
    settings.RETENTION_DAYS = 373
    _ended_case(specialist, discharge=TODAY - datetime.timedelta(days=400))
    assert len(anonymise_expired(today=TODAY)) == 1
    assert anonymise_expired(today=TODAY) == []


def test_the_old_name_is_not_written_into_the_audit_log(specialist, settings):
    from auditlog.models import LogEntry

    settings.RETENTION_DAYS = 373
    old = _ended_case(specialist, discharge=TODAY - datetime.timedelta(days=400))
    before = LogEntry.objects.count()
    anonymise_expired(today=TODAY)
    new_entries = LogEntry.objects.order_by("-pk")[: LogEntry.objects.count() - before]
    assert all("Gunn" not in json.dumps(e.changes) for e in new_entries)
    assert any(e.object_pk == str(old.pk) for e in new_entries)


@pytest.mark.django_db
def test_fidelity_report_for_a_past_period_is_identical_after_anonymisation(specialist, settings):
    settings.RETENTION_DAYS = 373
    _ended_case(specialist, discharge=TODAY - datetime.timedelta(days=400))
    factories.ActivityFactory(author=specialist, date=datetime.date(2024, 2, 5), location="office")

    def report():
        out = io.StringIO()
        call_command(
            "fidelity_report",
            "--start=2024-01-01",
            "--end=2024-12-31",
            "--as-of=2025-12-31",
            "--format=json",
            stdout=out,
        )
        return json.loads(out.getvalue())

    before = report()
    assert before["specialists"], "the report has figures to compare"
    anonymise_expired(today=TODAY)
    assert report() == before


def test_anonymisation_removes_the_free_text_of_flag_lifts_and_transfer_decisions(
    specialist, other_office, intake, settings
):
    from candidates.models import ProtectionChange, TransferRequest

    settings.RETENTION_DAYS = 373
    old = _ended_case(specialist, discharge=TODAY - datetime.timedelta(days=374))
    ProtectionChange.objects.create(
        candidate=old,
        from_value="confidential",
        to_value="",
        reason="Gunn flyttet fra voldsutøveren",
        register_checked=True,
        changed_by=specialist,
    )
    factories.TransferRequestFactory(
        held_record=old,
        requesting_record__office=other_office,
        status="declined",
        decided_by=intake,
        decided_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
        decision_reason="Gunn vil ikke flytte journalen",
    )
    assert anonymise_expired(today=TODAY) == [old.pk]
    assert ProtectionChange.objects.get().reason == "[fjernet]"
    assert TransferRequest.objects.get().decision_reason == "[fjernet]"
