"""Settings from the environment: with debug off there is no secret key to
fall back on, yet commands that need none still run."""

import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "ips.settings",
    "DJANGO_DEBUG": "0",
    "PATH": "/usr/bin:/bin",
}


def _python(code, env):
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True
    )


def test_without_a_secret_key_production_refuses_to_sign_anything():
    result = _python(
        "import django; django.setup(); from django.core import signing; signing.dumps('x')",
        PRODUCTION,
    )
    assert result.returncode != 0
    assert "SECRET_KEY setting must not be empty" in result.stderr


def test_without_a_secret_key_migration_checks_still_run():
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        env=PRODUCTION,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_debug_alone_has_a_development_key():
    result = _python(
        "import django; django.setup(); from django.conf import settings as s; print(len(s.SECRET_KEY))",
        {**PRODUCTION, "DJANGO_DEBUG": "1"},
    )
    assert int(result.stdout) >= 50
