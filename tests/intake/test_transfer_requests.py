"""Transfer requests: office Innlandet (B) asks for the earlier record of a
person office Vestfold (A) holds. B always gets the same answer and sees
nothing of A's record until A accepts; A decides with a reason; on acceptance
the record moves to B with its history and A loses access at once."""

import datetime
import re

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.utils import timezone

from candidates.models import Candidate, Enrollment, TransferRequest
from tests import factories
from tests.casework import days_ago, held_enrollment
from tests.conftest import log_in
from tests.intake.helpers import EN

pytestmark = pytest.mark.django_db

A_ADDRESS = "Hemmeligveien 7"
A_NOTE = "Snakket om angsten før intervjuet"
SENT = "The request is sent. An office that holds a record of this person will decide"


@pytest.fixture
def other_intake(other_office):
    return factories.IntakeAdminFactory(
        username="berit", first_name="Berit", last_name="Inntak", office=other_office
    )


@pytest.fixture
def held(specialist):
    """Mona, office A's active candidate held by kari, protected, with a contact note."""
    enrollment = held_enrollment(
        specialist,
        first_name="Mona",
        last_name="Solberg",
        birth_date=datetime.date(1990, 3, 15),
        fnr="15108695088",
        protected_address="strictly_confidential",
        address=A_ADDRESS,
        phone="48999999",
        email="",
    )
    factories.ActivityFactory(
        author=specialist, candidate=enrollment.candidate, date=days_ago(3), note=A_NOTE
    )
    return enrollment.candidate


def _b_record(other_office, **fields):
    """Office B's own new record and its waiting referral."""
    values = {
        "first_name": "Mona",
        "last_name": "Solberg",
        "birth_date": datetime.date(1990, 3, 15),
        "office": other_office,
        "email": "mona@example.no",
        "phone": "41111111",
    }
    candidate = factories.CandidateFactory(**(values | fields))
    return factories.EnrollmentFactory(
        candidate=candidate, office=other_office, referral_date=days_ago(2), intake_date=None
    )


def _ask(client, enrollment, consent="on"):
    return client.post(
        f"/intake/enrollments/{enrollment.pk}/transfer-request/",
        {"consent": consent},
        follow=True,
        **EN,
    )


def _decide(client, transfer, decision, reason="Confirmed with the person by phone"):
    return client.post(
        f"/intake/transfers/{transfer.pk}/", {"decision": decision, "reason": reason}, **EN
    )


def _section(page, enrollment):
    """The transfer part of B's enrollment page, with the record's own id taken out."""
    start = page.index('id="transfer-requests"')
    section = page[start : page.index("</section>", start)]
    return re.sub(rf"/enrollments/{enrollment.pk}/", "/enrollments/N/", section)


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def test_the_answer_is_the_same_whether_or_not_another_office_holds_the_person(
    other_intake, other_office, held
):
    known = _b_record(other_office)
    unknown = _b_record(other_office, first_name="Jonas", birth_date=datetime.date(1985, 1, 1))
    b = log_in(Client(), other_intake)
    answers = [_ask(b, enrollment) for enrollment in (known, unknown)]
    assert _messages(answers[0]) == _messages(answers[1])
    assert SENT in _messages(answers[0])[0]
    pages = [r.content.decode() for r in answers]
    assert _section(pages[0], known) == _section(pages[1], unknown)
    for page in pages:
        assert A_ADDRESS not in page
        assert "Vestfold" not in page


def test_a_declined_request_reads_like_one_nobody_found(intake, other_intake, other_office, held):
    known = _b_record(other_office)
    unknown = _b_record(other_office, first_name="Jonas", birth_date=datetime.date(1985, 1, 1))
    b = log_in(Client(), other_intake)
    _ask(b, known)
    _ask(b, unknown)
    transfer = TransferRequest.objects.get(held_record=held)
    assert _decide(log_in(Client(), intake), transfer, "decline").status_code == 302
    pages = [b.get(f"/intake/enrollments/{e.pk}/", **EN).content.decode() for e in (known, unknown)]
    assert _section(pages[0], known) == _section(pages[1], unknown)
    assert "Confirmed with the person" not in pages[0]


def test_the_requesting_office_sees_nothing_of_the_held_record_before_acceptance(
    other_intake, other_leader, other_office, held
):
    known = _b_record(other_office)
    b = log_in(Client(), other_intake)
    _ask(b, known)
    transfer = TransferRequest.objects.get()
    a_enrollment = held.enrollments.get()
    for user in (other_intake, other_leader):
        client = log_in(Client(), user)
        assert client.get(f"/intake/enrollments/{a_enrollment.pk}/").status_code == 404
        assert client.get(f"/intake/transfers/{transfer.pk}/").status_code == 404
        assert "Mona" not in client.get("/intake/transfers/", **EN).content.decode()
        assert "transfers-waiting" not in client.get("/intake/waiting-list/").content.decode()


def test_the_holding_office_sees_what_the_requesting_office_registered(
    intake, other_intake, other_office, held
):
    known = _b_record(other_office, fnr="15108695088")
    _ask(log_in(Client(), other_intake), known)
    a = log_in(Client(), intake)
    waiting = a.get("/intake/waiting-list/", **EN).content.decode()
    assert "1 request from another office" in waiting
    listing = a.get("/intake/transfers/", **EN).content.decode()
    assert "NAV Innlandet" in listing and "15.03.1990" in listing
    transfer = TransferRequest.objects.get()
    detail = a.get(f"/intake/transfers/{transfer.pk}/", **EN).content.decode()
    assert "NAV Innlandet" in detail
    assert "Fødselsnummer" in detail  # matched by
    assert "Berit Inntak" in detail
    for theirs in ("mona@example.no", "41111111"):
        assert theirs not in detail


def test_an_office_asks_only_from_its_own_record(other_intake, held):
    a_enrollment = held.enrollments.get()
    b = log_in(Client(), other_intake)
    response = b.post(f"/intake/enrollments/{a_enrollment.pk}/transfer-request/", {"consent": "on"})
    assert response.status_code == 404
    assert not TransferRequest.objects.exists()


def test_a_request_needs_the_persons_consent(other_intake, other_office, held):
    known = _b_record(other_office)
    response = _ask(log_in(Client(), other_intake), known, consent="")
    assert "Ask the person first" in response.content.decode()
    assert not TransferRequest.objects.exists()


def test_asking_twice_sends_one_request(other_intake, other_office, held):
    known = _b_record(other_office)
    b = log_in(Client(), other_intake)
    _ask(b, known)
    _ask(b, known)
    assert TransferRequest.objects.filter(status="pending").count() == 1


def test_accepting_moves_the_record_with_its_history_and_merges_the_new_one(
    intake, other_intake, other_office, held
):
    known = _b_record(other_office)
    _ask(log_in(Client(), other_intake), known)
    transfer = TransferRequest.objects.get()
    b_record_pk = known.candidate_id
    response = _decide(log_in(Client(), intake), transfer, "accept")
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.office == other_office
    assert not Candidate.objects.filter(pk=b_record_pk).exists()
    assert Enrollment.objects.get(pk=known.pk).candidate == held
    a_enrollment = held.enrollments.exclude(pk=known.pk).get()
    assert (a_enrollment.discharge_date, a_enrollment.discharge_reason) == (
        timezone.localdate(),
        "moved",
    )
    # Contact details from the referral only where A's record had none.
    assert (held.phone, held.email) == ("48999999", "mona@example.no")
    assert held.protected_address == "strictly_confidential"
    transfer.refresh_from_db()
    assert (transfer.status, transfer.decided_by) == ("accepted", intake)
    assert transfer.decision_reason == "Confirmed with the person by phone"


def test_the_holding_office_loses_access_at_once(
    intake, specialist, leader, other_intake, other_office, held
):
    known = _b_record(other_office)
    _ask(log_in(Client(), other_intake), known)
    a_enrollment = held.enrollments.get()
    _decide(log_in(Client(), intake), TransferRequest.objects.get(), "accept")
    for user in (specialist, leader):
        client = log_in(Client(), user)
        assert client.get(f"/candidates/{held.pk}/").status_code == 404
        assert client.get(f"/candidates/{held.pk}/timeline/").status_code == 404
        assert "Mona" not in client.get("/caseload/").content.decode()
    a = log_in(Client(), intake)
    assert a.get(f"/intake/enrollments/{a_enrollment.pk}/").status_code == 404


def test_after_acceptance_the_requesting_specialist_reads_the_history(
    intake, other_intake, other_specialist, other_office, held
):
    known = _b_record(other_office)
    _ask(log_in(Client(), other_intake), known)
    _decide(log_in(Client(), intake), TransferRequest.objects.get(), "accept")
    factories.AssignmentFactory(
        enrollment=known, specialist=other_specialist, from_date=timezone.localdate()
    )
    Enrollment.objects.filter(pk=known.pk).update(intake_date=timezone.localdate())
    per = log_in(Client(), other_specialist)
    page = per.get(f"/candidates/{held.pk}/").content.decode()
    assert A_NOTE in page
    assert A_ADDRESS in page  # per holds Mona now: the holder sees the address
    b_page = log_in(Client(), other_intake).get(f"/intake/enrollments/{known.pk}/", **EN)
    assert "the earlier record is merged into this one" in b_page.content.decode()


def test_declining_keeps_the_record_and_needs_a_reason(intake, other_intake, other_office, held):
    known = _b_record(other_office)
    _ask(log_in(Client(), other_intake), known)
    transfer = TransferRequest.objects.get()
    a = log_in(Client(), intake)
    response = _decide(a, transfer, "decline", reason="")
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert _decide(a, transfer, "decline", reason="Not the same person").status_code == 302
    held.refresh_from_db()
    assert held.office == intake.office
    assert held.enrollments.get().discharge_date is None
    transfer.refresh_from_db()
    assert (transfer.status, transfer.decision_reason) == ("declined", "Not the same person")


def test_the_holders_team_leader_may_decide(leader, other_intake, other_office, held):
    known = _b_record(other_office)
    _ask(log_in(Client(), other_intake), known)
    transfer = TransferRequest.objects.get()
    lise = log_in(Client(), leader)
    assert "Mona" in lise.get("/intake/transfers/").content.decode()
    assert _decide(lise, transfer, "decline").status_code == 302


def test_a_leader_of_another_team_in_the_office_does_not_see_the_request(
    team, other_intake, other_office, held
):
    outsider_team = factories.TeamFactory(office=team.office, name="Tønsberg")
    outsider = factories.TeamLeaderFactory(username="tore", team=outsider_team)
    known = _b_record(other_office)
    _ask(log_in(Client(), other_intake), known)
    transfer = TransferRequest.objects.get()
    client = log_in(Client(), outsider)
    assert client.get(f"/intake/transfers/{transfer.pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["other_intake", "other_leader"])
def test_another_office_cannot_act_on_a_request_not_addressed_to_it(
    request, other_intake, other_office, held, persona
):
    known = _b_record(other_office)
    _ask(log_in(Client(), other_intake), known)
    transfer = TransferRequest.objects.get()
    client = log_in(Client(), request.getfixturevalue(persona))
    assert _decide(client, transfer, "accept").status_code == 404
    held.refresh_from_db()
    assert held.office != other_office
    assert TransferRequest.objects.get().status == "pending"


@pytest.mark.parametrize("persona", ["specialist", "analyst"])
def test_other_roles_may_not_use_transfer_pages(personas, persona, other_office, held):
    known = _b_record(other_office)
    transfer = factories.TransferRequestFactory(held_record=held, requesting_record=known.candidate)
    client = log_in(Client(), personas[persona])
    assert client.get("/intake/transfers/").status_code == 403
    assert _decide(client, transfer, "accept").status_code == 403
    assert (
        client.post(
            f"/intake/enrollments/{known.pk}/transfer-request/", {"consent": "on"}
        ).status_code
        == 403
    )


def test_who_asked_and_who_decided_are_in_the_audit_trail(intake, other_intake, other_office, held):
    known = _b_record(other_office)
    _ask(log_in(Client(), other_intake), known)
    transfer = TransferRequest.objects.get()
    _decide(log_in(Client(), intake), transfer, "accept")
    entries = LogEntry.objects.get_for_object(transfer)
    assert entries.filter(action=LogEntry.Action.CREATE, actor=other_intake).exists()
    decided = entries.filter(action=LogEntry.Action.UPDATE, actor=intake)
    assert any("status" in (entry.changes_dict or {}) for entry in decided)
    moved = LogEntry.objects.get_for_object(held).filter(actor=intake)
    assert any("office" in (entry.changes_dict or {}) for entry in moved)
