"""Form data for the intake pages."""

import datetime
import uuid

from django.utils import timezone

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def referral_data(**overrides) -> dict:
    """A valid referral: an adult who wants work, referred by a NAV adviser."""
    data = {
        "token": str(uuid.uuid4()),
        "referral_date": timezone.localdate().isoformat(),
        "first_name": "Sara",
        "last_name": "Solberg",
        "birth_date": "1990-03-15",
        "fnr": "",
        "phone": "41234567",
        "email": "sara@example.no",
        "address": "Storgata 2",
        "postal_code": "3183",
        "city": "Horten",
        "protected_address": "",
        "referrer_kind": "nav_adviser",
        "referrer_contact": "Nina NAV, 55 55 55 55",
        "referral_reason": "Wants a job in a shop.",
        "consent_to_share": "on",
        "wants_work": "yes",
    }
    data.update(overrides)
    return data


def years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=days)
