"""Small helpers for login security: second factor, lockout, sessions."""

from django.conf import settings


def second_factor_enforced() -> bool:
    """Two-factor login is enforced whenever debug is off; only the local
    demo (debug on) may switch it off with REQUIRE_2FA=0."""
    return settings.REQUIRE_2FA or not settings.DEBUG


def login_username(request, credentials=None):
    """The username axes locks: the login wizard prefixes its fields."""
    if credentials and credentials.get("username"):
        return credentials["username"]
    data = getattr(request, "POST", {}) or {}
    return data.get("auth-username") or data.get("username")
