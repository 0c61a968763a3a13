"""Small helpers for login security: second factor, lockout, sessions."""

from django.conf import settings


def second_factor_enforced() -> bool:
    """Two-factor login is enforced whenever debug is off; only the local
    demo (debug on) may switch it off with REQUIRE_2FA=0."""
    return settings.REQUIRE_2FA or not settings.DEBUG


def login_username(request, credentials=None):
    """The username axes locks: the login wizard prefixes its fields."""
    if credentials and credentials.get("username"):
        username = credentials["username"]
    else:
        data = getattr(request, "POST", {}) or {}
        username = data.get("auth-username") or data.get("username")
    # axes stores it in a 255-character column; a longer one is no real user.
    return username[:255] if username else username


def second_factor_reset(*, request, user) -> None:
    """Remove a user's authenticator app and recovery codes, so that they enrol
    anew at their next login. Recorded in the audit log."""
    from django.db import transaction
    from django_otp import devices_for_user

    from audit.services import security_event_record

    with transaction.atomic():
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        security_event_record(request=request, subject=user, event="second_factor_reset")


def login_unlock(*, request, user) -> None:
    """Lift a lockout after too many failed logins. Recorded in the audit log."""
    from axes.utils import reset

    from audit.services import security_event_record

    reset(username=user.username)
    security_event_record(request=request, subject=user, event="unlocked")


def is_locked_out(username: str) -> bool:
    from axes.models import AccessAttempt
    from django.utils import timezone

    return AccessAttempt.objects.filter(
        username=username,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gt=timezone.now() - settings.AXES_COOLOFF_TIME,
    ).exists()
