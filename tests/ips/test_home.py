"""The home page greets by name and role and offers each role its next steps;
specialists and team leaders go straight to their working pages."""

import pytest

from tests.conftest import log_in


def test_intake_admin_sees_the_intake_tasks(client, intake):
    log_in(client, intake)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    main = page.split('id="main"')[1]
    for path in ("/intake/referrals/new/", "/intake/waiting-list/", "/users/", "/reports/"):
        assert f'href="{path}"' in main


def test_the_analyst_is_offered_the_figures_only(client, analyst):
    log_in(client, analyst)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    main = page.split('id="main"')[1]
    assert "Fidelity" in main
    assert "New referral" not in main and "Waiting list" not in main


@pytest.mark.parametrize(
    ("persona", "target"), [("specialist", "/caseload/"), ("leader", "/reports/")]
)
def test_specialists_and_leaders_go_to_their_working_page(client, personas, persona, target):
    log_in(client, personas[persona])
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == target
