"""Withdrawing a referral from the waiting list before intake: a date and a
reason; the record is kept and counts in no figure."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from candidates.models import Enrollment
from tests import factories
from tests.conftest import log_in
from tests.intake.helpers import EN

REFERRED = datetime.date(2025, 3, 3)


@pytest.fixture
def waiting(office):
    candidate = factories.CandidateFactory(first_name="Vera", last_name="Venter")
    return factories.EnrollmentFactory(
        candidate=candidate, office=office, referral_date=REFERRED, intake_date=None
    )


def _url(enrollment):
    return f"/intake/referrals/{enrollment.pk}/withdraw/"


def _post(client, enrollment, **data):
    enrollment.refresh_from_db()
    values = {
        "discharge_date": timezone.localdate().isoformat(),
        "discharge_reason": "own_wish",
        "version": enrollment.version,
    }
    values.update(data)
    return client.post(_url(enrollment), values, **EN)


def test_it_withdraws_a_referral_with_a_date_and_a_reason(client, intake, waiting):
    log_in(client, intake)
    response = _post(client, waiting, discharge_date="2025-03-10", discharge_reason="moved")
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert (waiting.discharge_date, waiting.discharge_reason) == (
        datetime.date(2025, 3, 10),
        "moved",
    )
    assert waiting.intake_date is None


def test_the_withdrawn_referral_is_gone_from_the_waiting_list(client, intake, waiting):
    log_in(client, intake)
    response = _post(client, waiting)
    assert response["Location"] == "/intake/waiting-list/"
    client.get(response["Location"])  # shows, and so uses up, the success message
    assert "Venter" not in client.get("/intake/waiting-list/").content.decode()


def test_it_says_the_referral_is_withdrawn(client, intake, waiting):
    log_in(client, intake)
    response = _post(client, waiting)
    page = client.get(response["Location"], **EN).content.decode()
    assert "The referral of \u2068Vera Venter\u2069 is withdrawn from the waiting list." in page


def test_the_withdrawn_referral_is_kept_and_shown_as_withdrawn(client, intake, waiting):
    log_in(client, intake)
    _post(client, waiting)
    page = client.get(f"/intake/enrollments/{waiting.pk}/", **EN).content.decode()
    assert "Withdrawn" in page
    assert "Withdraw referral" not in page


def test_a_withdrawn_referral_is_never_active(client, intake, waiting):
    log_in(client, intake)
    _post(client, waiting, discharge_date=REFERRED.isoformat())
    today = timezone.localdate()
    assert not Enrollment.objects.active_on(today).filter(pk=waiting.pk).exists()
    assert not Enrollment.objects.active_on(REFERRED).filter(pk=waiting.pk).exists()


def test_the_withdrawal_is_recorded_with_who_and_when(client, intake, waiting):
    log_in(client, intake)
    _post(client, waiting)
    entry = LogEntry.objects.get_for_object(waiting).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == intake
    assert "discharge_date" in entry.changes_dict


def test_the_enrollment_page_offers_the_withdrawal(client, intake, waiting):
    log_in(client, intake)
    page = client.get(f"/intake/enrollments/{waiting.pk}/", **EN).content.decode()
    assert _url(waiting) in page


def test_the_waiting_list_offers_the_withdrawal(client, intake, waiting):
    log_in(client, intake)
    assert _url(waiting) in client.get("/intake/waiting-list/").content.decode()


def test_it_refuses_a_date_before_the_referral(client, intake, waiting):
    log_in(client, intake)
    response = _post(client, waiting, discharge_date="2025-03-02")
    assert response.status_code == 200
    page = response.content.decode()
    message = page.index("The date is before the referral date (03.03.2025).")
    assert page.index("div_id_discharge_date") < message < page.index("div_id_discharge_reason")
    waiting.refresh_from_db()
    assert waiting.discharge_date is None


def test_it_refuses_a_date_in_the_future(client, intake, waiting):
    log_in(client, intake)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = _post(client, waiting, discharge_date=tomorrow.isoformat())
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.discharge_date is None


def test_it_offers_only_the_reasons_of_a_withdrawal(client, intake, waiting):
    log_in(client, intake)
    response = _post(client, waiting, discharge_reason="employed_no_further_need")
    assert "Select a valid choice" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.discharge_date is None


def test_a_stale_form_is_refused_and_nothing_saved(client, intake, waiting):
    log_in(client, intake)
    stale_version = waiting.version
    Enrollment.objects.filter(pk=waiting.pk).update(version=stale_version + 1)
    response = client.post(
        _url(waiting),
        {
            "discharge_date": timezone.localdate().isoformat(),
            "discharge_reason": "own_wish",
            "version": stale_version,
        },
        **EN,
    )
    assert "Someone else changed this record" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.discharge_date is None


def test_an_assigned_referral_cannot_be_withdrawn(client, intake, waiting, specialist):
    factories.AssignmentFactory(enrollment=waiting, specialist=specialist)
    log_in(client, intake)
    response = _post(client, waiting)
    assert "no longer on the waiting list" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.discharge_date is None


def test_opening_the_withdrawal_of_an_assigned_referral_leads_to_its_page(
    client, intake, waiting, specialist
):
    factories.AssignmentFactory(enrollment=waiting, specialist=specialist)
    log_in(client, intake)
    response = client.get(_url(waiting))
    assert response.status_code == 302
    assert response["Location"] == f"/intake/enrollments/{waiting.pk}/"


def test_a_team_leader_of_the_office_may_withdraw(client, leader, waiting):
    log_in(client, leader)
    assert _post(client, waiting).status_code == 302
    waiting.refresh_from_db()
    assert waiting.discharge_reason == "own_wish"


def test_another_offices_referral_answers_404(client, intake, other_office):
    elsewhere = factories.EnrollmentFactory(office=other_office, intake_date=None)
    log_in(client, intake)
    assert _post(client, elsewhere).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.discharge_date is None


@pytest.mark.parametrize("persona", ["specialist", "analyst"])
def test_specialists_and_analysts_may_not_withdraw(client, personas, persona, waiting):
    log_in(client, personas[persona])
    assert _post(client, waiting).status_code == 403
    waiting.refresh_from_db()
    assert waiting.discharge_date is None
