"""Passwords: Argon2, at least 12 characters, Django's validators; the reset
flow answers the same whatever the e-mail."""

import subprocess
import sys

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError

from tests.conftest import log_in


def test_argon2_is_the_first_hasher_in_the_real_settings():
    code = "import django; django.setup(); from django.conf import settings as s; print(s.PASSWORD_HASHERS[0])"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={
            "DJANGO_SETTINGS_MODULE": "ips.settings",
            "DJANGO_DEBUG": "1",
            "PATH": "/usr/bin:/bin",
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_stored_passwords_are_argon2(specialist):
    assert specialist.password.startswith("argon2")


def _codes(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


def test_short_common_numeric_and_similar_passwords_are_refused(specialist):
    assert "password_too_short" in _codes("Kort-pass1")
    assert "password_too_common" in _codes("password1234")
    assert "password_entirely_numeric" in _codes("123456789012345")
    assert "password_too_similar" in _codes("kari.nordmann", specialist)
    assert _codes("lang-og-sikker-frase-42", specialist) == set()


def test_password_change_refuses_a_short_password(client, specialist):
    log_in(client, specialist)
    response = client.post(
        "/password/change/",
        {
            "old_password": "correct-horse-battery-staple",
            "new_password1": "kort1",
            "new_password2": "kort1",
        },
    )
    assert response.status_code == 200
    specialist.refresh_from_db()
    assert specialist.check_password("correct-horse-battery-staple")


def test_the_reset_flow_answers_the_same_whatever_the_email(client, specialist):
    known = client.post("/password/reset/", {"email": specialist.email})
    unknown = client.post("/password/reset/", {"email": "nobody@example.no"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
    assert "/reset/" in mail.outbox[0].body
    assert specialist.last_name not in mail.outbox[0].body
