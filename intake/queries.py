"""Reads for the intake's pages."""

import dataclasses
import datetime

from django.conf import settings

from candidates.models import Enrollment
from candidates.queries import waiting_enrollments_visible_to


@dataclasses.dataclass(frozen=True)
class WaitingRow:
    enrollment: Enrollment
    days: int  # since the referral
    late: bool  # waiting longer than WAITING_LIST_WARNING_DAYS


def waiting_list_rows(user, today: datetime.date) -> list[WaitingRow]:
    """The referrals no specialist holds yet that the user may see, oldest first."""
    waiting = (
        waiting_enrollments_visible_to(user)
        .select_related("candidate")
        .order_by("referral_date", "created_at")
    )
    rows = []
    for enrollment in waiting:
        days = (today - enrollment.referral_date).days
        rows.append(WaitingRow(enrollment, days, days > settings.WAITING_LIST_WARNING_DAYS))
    return rows
