"""On the demo data, every link a user is shown leads somewhere they may go:
no 403, no 404, never a 500. A crawler follows the links of each role's pages."""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from demo import seed
from ips.models import User
from tests.conftest import log_in

LINK = re.compile(r'href="([^"#]+)"')
SKIPPED = ("/static/", "/admin/", "/logout/", "/i18n/")
MAX_PAGES = 120


@pytest.fixture
def demo_data(db):
    call_command("seed_demo", "--seed", "3", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _crawl(client):
    seen, queue, problems = set(), deque(["/"]), []
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path, follow=True)
        if response.status_code != 200:
            problems.append(f"{path}: {response.status_code}")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for href in LINK.findall(response.content.decode()):
            target = urljoin(path, href.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.netloc or target.startswith(SKIPPED) or not target.startswith("/"):
                continue
            # One page per pattern is enough: drop query strings of sort and filter links.
            queue.append(parts.path)
    return seen, problems


@pytest.mark.parametrize("username", ["kari", "lise", "inger", "anders"])
def test_every_link_a_demo_user_sees_answers(client, demo_data, username):
    log_in(client, User.objects.get(username=username), password=seed.DEMO_PASSWORD)
    seen, problems = _crawl(client)
    assert problems == []
    assert len(seen) > 5
