"""Job starts from the candidate file: register, edit, end."""

import pytest

from employers.models import Placement
from tests import factories
from tests.casework import days_ago, held_enrollment

pytestmark = pytest.mark.django_db


def _job(employer, **changes):
    data = {
        "employer": employer.pk,
        "title": "Butikkmedarbeider",
        "start_date": days_ago(1).isoformat(),
        "hours_per_week": "20",
        "competitive": "on",
        "contract": "permanent",
        "hourly_wage": "210.50",
        "wage_subsidy_percent": "40",
        "wage_subsidy_from": days_ago(1).isoformat(),
        "wage_subsidy_to": "",
        "inclusion_subsidy_amount": "",
        "mentor_subsidy_from": "",
        "mentor_subsidy_to": "",
        "mentor_hours": "",
        "version": 1,
    }
    return data | changes


@pytest.fixture
def enrollment(specialist):
    return held_enrollment(specialist)


@pytest.fixture
def employer(specialist):
    return factories.EmployerFactory(office=specialist.office)


def test_a_competitive_job_start_makes_the_candidate_in_work(
    client, login, specialist, enrollment, employer
):
    login(specialist)
    response = client.post(f"/candidates/{enrollment.candidate.pk}/placements/new/", _job(employer))
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert (placement.enrollment, placement.wage_subsidy_percent) == (enrollment, 40)
    entry = client.get("/caseload/").context["entries"][0]
    assert entry.status == "in_work"


def test_the_form_explains_competitive_work(client, login, specialist, enrollment):
    login(specialist)
    response = client.get(
        f"/candidates/{enrollment.candidate.pk}/placements/new/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "the employer employs and pays an ordinary wage" in response.content.decode()


def test_a_subsidy_ending_before_it_starts_is_refused(
    client, login, specialist, enrollment, employer
):
    login(specialist)
    response = client.post(
        f"/candidates/{enrollment.candidate.pk}/placements/new/",
        _job(employer, wage_subsidy_to=days_ago(30).isoformat()),
    )
    assert "wage_subsidy_to" in response.context["form"].errors
    assert not Placement.objects.exists()


def test_zero_hours_are_refused(client, login, specialist, enrollment, employer):
    login(specialist)
    response = client.post(
        f"/candidates/{enrollment.candidate.pk}/placements/new/", _job(employer, hours_per_week="0")
    )
    assert "hours_per_week" in response.context["form"].errors
    assert not Placement.objects.exists()


def test_the_same_job_start_twice_is_refused_in_words(
    client, login, specialist, enrollment, employer
):
    login(specialist)
    client.post(f"/candidates/{enrollment.candidate.pk}/placements/new/", _job(employer))
    response = client.post(
        f"/candidates/{enrollment.candidate.pk}/placements/new/",
        _job(employer),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "already registered" in response.content.decode()
    assert Placement.objects.count() == 1


def test_an_employer_of_another_office_cannot_be_chosen(
    client, login, specialist, enrollment, other_office
):
    login(specialist)
    elsewhere = factories.EmployerFactory(office=other_office)
    response = client.post(
        f"/candidates/{enrollment.candidate.pk}/placements/new/", _job(elsewhere)
    )
    assert "employer" in response.context["form"].errors


def test_a_placement_ending_before_it_starts_is_refused(client, login, specialist, enrollment):
    placement = factories.PlacementFactory(enrollment=enrollment, start_date=days_ago(10))
    login(specialist)
    response = client.post(
        f"/placements/{placement.pk}/end/",
        {"end_date": days_ago(20).isoformat(), "end_reason": "quit", "version": 1},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "The end date is before the start date." in response.content.decode()
    placement.refresh_from_db()
    assert placement.end_date is None


def test_a_job_is_ended_with_date_and_reason(client, login, specialist, enrollment):
    placement = factories.PlacementFactory(enrollment=enrollment, start_date=days_ago(10))
    login(specialist)
    response = client.post(
        f"/placements/{placement.pk}/end/",
        {"end_date": days_ago(1).isoformat(), "end_reason": "contract_ended", "version": 1},
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert (placement.end_date, placement.end_reason) == (days_ago(1), "contract_ended")
    assert client.get("/caseload/").context["entries"][0].status == "job_seeking"


def test_a_stale_placement_edit_is_refused_and_the_first_kept(
    client, login, specialist, enrollment, employer
):
    placement = factories.PlacementFactory(
        enrollment=enrollment, employer=employer, start_date=days_ago(10)
    )
    login(specialist)
    opened = _job(employer, start_date=days_ago(10).isoformat(), version=1)
    client.post(f"/placements/{placement.pk}/edit/", opened | {"title": "Første"})
    response = client.post(
        f"/placements/{placement.pk}/edit/", opened | {"title": "Andre"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Someone else changed this record" in response.content.decode()
    placement.refresh_from_db()
    assert placement.title == "Første"


def test_the_leader_may_not_register_a_job(client, login, leader, enrollment):
    login(leader)
    assert client.get(f"/candidates/{enrollment.candidate.pk}/placements/new/").status_code == 403


def test_another_teams_placement_answers_404(client, login, specialist, other_specialist):
    placement = factories.PlacementFactory(enrollment=held_enrollment(other_specialist))
    login(specialist)
    assert client.get(f"/placements/{placement.pk}/edit/").status_code == 404
    assert client.get(f"/placements/{placement.pk}/end/").status_code == 404
