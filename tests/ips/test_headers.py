"""Every response carries a strict CSP and the other security headers, and no
template has an inline script, event handler or style attribute."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import log_in

TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)


def _templates():
    for directory in TEMPLATE_DIRS:
        yield from sorted(directory.rglob("*.html"))


@pytest.mark.parametrize("path", ["/login/", "/password/reset/"])
def test_public_pages_have_a_strict_content_security_policy(client, db, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "base-uri 'self'" in policy
    assert "form-action 'self'" in policy
    assert "img-src 'self' data:" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_a_logged_in_page_has_the_security_headers(client, specialist):
    log_in(client, specialist)
    response = client.get("/")
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def test_no_template_has_an_inline_script_handler_or_style():
    offenders = []
    for template in _templates():
        text = template.read_text(encoding="utf-8")
        for name, pattern in (
            ("inline script", INLINE_SCRIPT),
            ("event handler", EVENT_HANDLER),
            ("style attribute", STYLE_ATTRIBUTE),
        ):
            if pattern.search(text):
                offenders.append(f"{template}: {name}")
    assert offenders == []


def test_the_scan_would_catch_an_inline_script():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/x.js" defer></script>')
    assert EVENT_HANDLER.search('<a href="#" onclick="x()">')
    assert STYLE_ATTRIBUTE.search('<div style="color:red">')
    assert not STYLE_ATTRIBUTE.search('<div data-style="x">')


def test_production_settings_mark_cookies_secure_and_send_hsts():
    """The production branch of settings (DJANGO_DEBUG off) hardens cookies and transport."""
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_AGE, "
        "s.SESSION_SAVE_EVERY_REQUEST)"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "ips.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "x" * 60,
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == ["True", "True", "True", "Lax", "True", "1800", "True"]
