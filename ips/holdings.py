"""How many candidates a user holds, for the account services' checks.

A specialist who still holds candidates may not be deactivated, change role
or move to another office: they are reassigned first. The caseload is counted
by the candidates app (`candidates.queries.caseloads`, the one count of a
caseload), which sits above ips; it registers its count here when it is ready
(`CandidatesConfig.ready`), so that ips never imports it.
"""

import datetime
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_count: Callable | None = None


def register(count: Callable[..., int]) -> None:
    """`count(user, day)`: how many candidates the user holds on the day."""
    global _count
    _count = count


def held_on(user, day: datetime.date) -> int:
    if _count is None:
        raise ImproperlyConfigured("No app has registered the caseload count (candidates).")
    return _count(user, day)
