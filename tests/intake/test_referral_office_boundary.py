"""Finding 3 of the security review, step by step: office Innlandet (B)
registers a referral with the name and birth date (or fødselsnummer) of
office Vestfold's (A) active, protected candidate, assigns it and opens the
file. The referral must get a record of B's own: B's specialist never sees
A's address or timeline, and A's record is untouched."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from candidates.models import Candidate, Enrollment
from tests import factories
from tests.casework import days_ago, held_enrollment
from tests.conftest import log_in
from tests.intake.helpers import EN, referral_data

pytestmark = pytest.mark.django_db

A_ADDRESS = "Hemmeligveien 7"
A_PHONE = "48999999"
A_NOTE = "Snakket om angsten før intervjuet"


@pytest.mark.parametrize("known_by", ["name_and_birth_date", "fnr"])
def test_a_referral_in_another_office_never_reaches_a_protected_candidate(
    specialist, other_specialist, other_office, known_by
):
    mona = held_enrollment(
        specialist,
        first_name="Mona",
        last_name="Solberg",
        birth_date=datetime.date(1990, 3, 15),
        fnr="15108695088",
        protected_address="strictly_confidential",
        address=A_ADDRESS,
        phone=A_PHONE,
    ).candidate
    factories.ActivityFactory(author=specialist, candidate=mona, date=days_ago(2), note=A_NOTE)
    berit = factories.IntakeAdminFactory(username="berit", office=other_office)

    # B registers the referral with what it knows of Mona.
    b = log_in(Client(), berit)
    fnr = "15108695088" if known_by == "fnr" else ""
    response = b.post(
        "/intake/referrals/new/",
        referral_data(first_name="Mona", fnr=fnr, phone="", address="", city=""),
        **EN,
    )
    assert response.status_code == 302
    referral = Enrollment.objects.get(office=other_office)
    assert referral.candidate != mona
    assert referral.candidate.office == other_office

    # B assigns it to its specialist.
    response = b.post(
        f"/intake/enrollments/{referral.pk}/assign/",
        {
            "specialist": other_specialist.pk,
            "from_date": timezone.localdate().isoformat(),
            "version": referral.version,
        },
    )
    assert response.status_code == 302

    # B's specialist opens the file: nothing of A's record is there.
    per = log_in(Client(), other_specialist)
    page = per.get(f"/candidates/{referral.candidate_id}/").content.decode()
    for secret in (A_ADDRESS, A_PHONE, A_NOTE):
        assert secret not in page
    timeline = per.get(f"/candidates/{referral.candidate_id}/timeline/").content.decode()
    assert A_NOTE not in timeline
    assert per.get(f"/candidates/{mona.pk}/").status_code == 404
    assert per.get(f"/candidates/{mona.pk}/timeline/").status_code == 404

    # A's record is as it was, and still kari's.
    mona.refresh_from_db()
    assert (mona.version, mona.phone, mona.protected_address) == (
        1,
        A_PHONE,
        "strictly_confidential",
    )
    assert mona.enrollments.count() == 1
    kari = log_in(Client(), specialist)
    assert A_NOTE in kari.get(f"/candidates/{mona.pk}/").content.decode()
    assert Candidate.objects.filter(first_name="Mona").count() == 2
