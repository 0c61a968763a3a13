"""The protected-address flag (kode 6/7): whoever may read the candidate
raises it; only the holding specialist lifts or lowers it, with a reason and
the population register checked. A lift is kept in the audit trail, the
team's leaders get an e-mail naming no one and see the lift in Trofast."""

import pytest
from auditlog.models import LogEntry
from django.core import mail

from candidates.models import Candidate, ProtectionChange
from tests.casework import held_candidate

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ADDRESS = "Hemmeligveien 7"
PHONE = "48999999"


@pytest.fixture
def protected(specialist):
    return held_candidate(
        specialist,
        first_name="Mona",
        last_name="Skjult",
        protected_address="strictly_confidential",
        address=ADDRESS,
        phone=PHONE,
    )


def _flag(client, candidate, value, **extra):
    data = {"protected_address": value, "version": candidate.version} | extra
    return client.post(f"/candidates/{candidate.pk}/protection/", data, **EN)


def _lift(client, candidate, **extra):
    data = {"reason": "Folkeregisteret: no longer protected", "register_checked": "on"} | extra
    return _flag(client, candidate, "", **data)


@pytest.mark.parametrize("persona", ["leader", "intake"])
def test_a_leader_or_intake_admin_cannot_lift_the_flag_and_never_sees_the_address(
    client, login, personas, persona, protected
):
    login(personas[persona])
    response = _lift(client, protected)
    assert response.status_code in (200, 403)
    assert Candidate.objects.get(pk=protected.pk).protected_address == "strictly_confidential"
    assert not ProtectionChange.objects.exists()
    pages = [response, client.get(f"/candidates/{protected.pk}/protection/")]
    if persona == "leader":
        pages.append(client.get(f"/candidates/{protected.pk}/"))
    else:
        enrollment = protected.enrollments.get()
        pages.append(client.get(f"/intake/enrollments/{enrollment.pk}/"))
    for page in pages:
        body = page.content.decode()
        assert ADDRESS not in body
        assert PHONE not in body


@pytest.mark.parametrize("persona", ["leader", "intake"])
def test_the_refusal_says_who_may_lift_the_flag(client, login, personas, persona, protected):
    login(personas[persona])
    response = _lift(client, protected)
    assert "Only the specialist who holds the candidate" in response.content.decode()


def test_a_leader_cannot_lower_kode_6_to_kode_7(client, login, leader, protected):
    login(leader)
    _flag(client, protected, "confidential")
    assert Candidate.objects.get(pk=protected.pk).protected_address == "strictly_confidential"


def test_a_superuser_cannot_lift_the_flag(client, login, protected):
    from tests import factories

    root = factories.UserFactory(username="root", is_staff=True, is_superuser=True, team=None)
    login(root)
    _lift(client, protected)
    assert Candidate.objects.get(pk=protected.pk).protected_address == "strictly_confidential"


def test_a_leader_is_offered_only_the_current_and_stricter_flags(client, login, leader, specialist):
    candidate = held_candidate(specialist, protected_address="confidential")
    login(leader)
    form = client.get(f"/candidates/{candidate.pk}/protection/").context["form"]
    values = [value for value, _label in form.fields["protected_address"].choices]
    assert values == ["confidential", "strictly_confidential"]
    assert "reason" not in form.fields


def test_a_leader_raises_the_flag_and_it_is_recorded(client, login, leader, specialist):
    candidate = held_candidate(specialist)
    login(leader)
    assert _flag(client, candidate, "confidential").status_code == 302
    change = ProtectionChange.objects.get()
    assert (change.from_value, change.to_value, change.changed_by) == ("", "confidential", leader)
    assert mail.outbox == []


def test_the_holder_lifts_the_flag_with_a_reason_and_the_register_checked(
    client, login, specialist, leader, protected, django_capture_on_commit_callbacks
):
    login(specialist)
    with django_capture_on_commit_callbacks(execute=True):
        response = _lift(client, protected)
    assert response.status_code == 302
    assert Candidate.objects.get(pk=protected.pk).protected_address == ""
    change = ProtectionChange.objects.get()
    assert change.reason == "Folkeregisteret: no longer protected"
    assert change.register_checked
    assert change.changed_by == specialist
    assert LogEntry.objects.get_for_object(change).filter(actor=specialist).exists()


def test_the_team_leaders_get_an_email_that_names_no_one(
    client, login, specialist, leader, protected, django_capture_on_commit_callbacks
):
    login(specialist)
    with django_capture_on_commit_callbacks(execute=True):
        _lift(client, protected)
    (message,) = mail.outbox
    assert message.to == [leader.email]
    assert "protected-address flag was lifted" in message.subject
    text = message.subject + message.body
    for personal in ("Mona", "Skjult", ADDRESS, PHONE, "Folkeregisteret: no longer"):
        assert personal not in text
    assert "Horten" in message.body


def test_the_leader_sees_the_lift_on_the_team_dashboard_and_in_the_access_log(
    client, login, specialist, leader, protected
):
    login(specialist)
    _lift(client, protected)
    client.logout()
    login(leader)
    dashboard = client.get(f"/reports/team/{leader.team_id}/", **EN).content.decode()
    assert "Protected-address flags lifted" in dashboard
    assert "Mona Skjult" in dashboard
    assert "Folkeregisteret: no longer protected" in dashboard
    log = client.get(f"/audit/candidates/{protected.pk}/access/", **EN).content.decode()
    assert "Folkeregisteret: no longer protected" in log


def test_another_teams_leader_sees_no_lift(client, login, specialist, other_leader, protected):
    login(specialist)
    _lift(client, protected)
    client.logout()
    login(other_leader)
    dashboard = client.get(f"/reports/team/{other_leader.team_id}/", **EN).content.decode()
    assert "Protected-address flags lifted" not in dashboard


@pytest.mark.parametrize(
    "missing, field", [({"reason": ""}, "reason"), ({"register_checked": ""}, "register_checked")]
)
def test_a_lift_needs_a_reason_and_the_register_checked(
    client, login, specialist, protected, missing, field, django_capture_on_commit_callbacks
):
    login(specialist)
    with django_capture_on_commit_callbacks(execute=True):
        response = _lift(client, protected, **missing)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Candidate.objects.get(pk=protected.pk).protected_address == "strictly_confidential"
    assert not ProtectionChange.objects.exists()
    assert mail.outbox == []


def test_the_holder_raises_the_flag_without_a_reason(client, login, specialist):
    candidate = held_candidate(specialist)
    login(specialist)
    assert _flag(client, candidate, "strictly_confidential").status_code == 302
    assert Candidate.objects.get(pk=candidate.pk).protected_address == "strictly_confidential"


def test_another_offices_specialist_gets_404_on_the_flag(
    client, login, other_specialist, protected
):
    login(other_specialist)
    assert _lift(client, protected).status_code == 404
    assert Candidate.objects.get(pk=protected.pk).protected_address == "strictly_confidential"


def test_a_mail_server_that_is_down_does_not_undo_the_lift(
    client, login, specialist, leader, protected, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("candidates.services.send_mail", broken)
    login(specialist)
    with django_capture_on_commit_callbacks(execute=True):
        response = _lift(client, protected)
    assert response.status_code == 302
    assert Candidate.objects.get(pk=protected.pk).protected_address == ""
    assert ProtectionChange.objects.get().is_lift
