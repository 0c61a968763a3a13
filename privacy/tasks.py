from celery import shared_task
from django.db import DatabaseError

from privacy.services import anonymise_expired


@shared_task(
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=5,
    time_limit=3600,
    soft_time_limit=3300,
)
def anonymise_expired_candidates() -> int:
    """Nightly retention run. Idempotent: anonymised candidates are not due again."""
    return len(anonymise_expired())
