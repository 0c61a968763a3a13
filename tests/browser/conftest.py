"""Browser tests: Debian's Chromium driven by Playwright against the live server.

Never a downloaded browser: /usr/bin/chromium comes from apt (.ci/run installs
it). Screenshots go to test-artifacts/screenshots/ for review. Every page's
console is watched for Content-Security-Policy violations.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import current_code, totp_device
from tests.factories import PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make around it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


class Page:
    """A browser tab on the live server that remembers CSP violations and
    console errors, and saves screenshots by name."""

    def __init__(self, tab, base_url):
        self.tab = tab
        self.base_url = base_url
        self.console_errors = []
        tab.on("console", self._on_console)

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    @property
    def csp_violations(self):
        return [e for e in self.console_errors if "Content Security Policy" in e]

    def go(self, path):
        return self.tab.goto(self.base_url + path)

    def screenshot(self, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def log_in(self, user, password=PASSWORD):
        """As a user does: password, then the code from the authenticator app."""
        device = totp_device(user)
        self.go("/login/")
        self.tab.fill("#id_auth-username", user.username)
        self.tab.fill("#id_auth-password", password)
        self.tab.click("button[type=submit].btn-primary")
        self.tab.fill("#id_token-otp_token", current_code(device))
        self.tab.click("button[type=submit].btn-primary")
        self.tab.wait_for_url(self.base_url + "/**")
        return self


@pytest.fixture
def browser_page(chromium, live_server, request):
    """A phone-sized tab (375×812); use `desktop_page` for a wide one."""
    context = chromium.new_context(viewport=PHONE, locale="nb-NO")
    page = Page(context.new_page(), live_server.url)
    yield page
    context.close()


@pytest.fixture
def desktop_page(chromium, live_server):
    context = chromium.new_context(viewport=DESKTOP, locale="nb-NO")
    page = Page(context.new_page(), live_server.url)
    yield page
    context.close()
