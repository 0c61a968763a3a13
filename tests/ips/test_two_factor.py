"""Two-factor login: a password alone never reaches person data."""

import base64
import re

from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tests.conftest import (
    CHOSEN_PASSWORD,
    current_code,
    enrol_through_link,
    log_in,
    submit_code,
    submit_password,
    totp_device,
)
from tests.factories import PASSWORD


def test_a_password_alone_does_not_reach_the_home_page(client, specialist):
    totp_device(specialist)
    response = submit_password(client, "kari")
    assert response.status_code == 200
    assert "token-otp_token" in response.content.decode()
    response = client.get("/password/change/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_code_from_the_app_gets_in(client, specialist):
    log_in(client, specialist)
    response = client.get("/password/change/")
    assert response.status_code == 200
    assert "Kari Nordmann" in response.content.decode()


def test_a_wrong_code_is_refused(client, specialist):
    totp_device(specialist)
    submit_password(client, "kari")
    response = submit_code(
        client, "000000" if current_code(totp_device(specialist)) != "000000" else "111111"
    )
    assert response.status_code == 200
    assert client.get("/password/change/").status_code == 302


def test_a_password_alone_never_starts_enrolment(client, specialist):
    response = submit_password(client, "kari")
    assert response.status_code == 302
    for path in ("/password/change/", "/account/two_factor/setup/", "/users/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == "/enrol/needed/"
    page = client.get("/enrol/needed/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "ask your intake admin" in page
    assert client.get("/account/two_factor/qrcode/").status_code == 302
    assert not TOTPDevice.objects.filter(user=specialist).exists()


def test_enrolment_through_a_link_shows_qr_code_and_secret_and_then_recovery_codes(
    client, specialist
):
    factories.EnrolmentLinkFactory(user=specialist, token="kari-link")
    client.get("/enrol/kari-link/")
    client.post(
        "/enrol/password/",
        {"new_password1": CHOSEN_PASSWORD, "new_password2": CHOSEN_PASSWORD},
    )
    response = client.post(
        "/account/two_factor/setup/", {"setup_view-current_step": "welcome"}, follow=True
    )
    page = response.content.decode()
    assert "/account/two_factor/qrcode/" in page
    assert 'id="totp-secret"' in page
    # The user types the secret shown on the page into their app.
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    code = f"{totp(base64.b32decode(secret)):06d}"
    response = client.post(
        "/account/two_factor/setup/",
        {"setup_view-current_step": "generator", "generator-token": code},
        follow=True,
    )
    page = response.content.decode()
    assert TOTPDevice.objects.filter(user=specialist, confirmed=True).exists()
    assert page.count("<li>") >= 10
    codes = list(
        StaticDevice.objects.get(user=specialist).token_set.values_list("token", flat=True)
    )
    assert len(codes) == 10
    assert all(code in page for code in codes)
    assert client.get("/password/change/").status_code == 200


def test_the_recovery_codes_are_shown_once(client, specialist):
    factories.EnrolmentLinkFactory(user=specialist, token="kari-link")
    page = enrol_through_link(client, "kari-link").content.decode()
    codes = list(
        StaticDevice.objects.get(user=specialist).token_set.values_list("token", flat=True)
    )
    assert all(code in page for code in codes)
    again = client.get("/account/two_factor/setup/complete/").content.decode()
    assert not any(code in again for code in codes)


def test_a_logged_in_user_cannot_add_a_second_app_to_their_account(client, specialist):
    log_in(client, specialist)
    response = client.post("/account/two_factor/setup/", {"setup_view-current_step": "welcome"})
    assert response.status_code == 302
    assert response["Location"] == "/account/two_factor/setup/complete/"
    assert TOTPDevice.objects.filter(user=specialist).count() == 1


def test_opening_the_setup_complete_page_makes_no_recovery_codes(client, specialist):
    log_in(client, specialist)
    response = client.get("/account/two_factor/setup/complete/")
    assert response.status_code == 200
    assert not StaticToken.objects.filter(device__user=specialist).exists()


def test_a_recovery_code_works_once(client, specialist):
    totp_device(specialist)
    device = StaticDevice.objects.create(user=specialist, name="backup")
    device.token_set.create(token="abcd1234")
    for attempt in range(2):
        client.logout()
        submit_password(client, "kari")
        client.post("/login/", {"wizard_goto_step": "backup", "login_view-current_step": "token"})
        response = client.post(
            "/login/", {"login_view-current_step": "backup", "backup-otp_token": "abcd1234"}
        )
        if attempt == 0:
            assert response.status_code == 302
            assert client.get("/password/change/").status_code == 200
        else:
            assert response.status_code == 200
            assert client.get("/password/change/").status_code == 302


def test_the_admin_is_behind_the_second_factor(client, db):
    from tests.factories import UserFactory

    admin = UserFactory(username="root", is_staff=True, is_superuser=True, team=None)
    response = client.get("/admin/")
    assert response.status_code == 302
    submit_password(client, "root")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/" not in response["Location"]
    client.logout()
    log_in(client, admin)
    assert client.get("/admin/").status_code == 200


def test_the_demo_banner_shows_when_the_second_factor_is_off(client, specialist, settings):
    settings.REQUIRE_2FA = False
    settings.DEBUG = True
    submit_password(client, "kari")
    response = client.get("/password/change/")
    assert response.status_code == 200
    assert 'id="second-factor-off-banner"' in response.content.decode()


def test_the_second_factor_cannot_be_switched_off_without_debug(client, specialist, settings):
    settings.REQUIRE_2FA = False
    settings.DEBUG = False
    submit_password(client, "kari")
    assert client.get("/password/change/").status_code == 302


def test_check_deploy_fails_when_the_second_factor_is_off_without_debug(settings):
    from ips.checks import check_second_factor_required

    settings.REQUIRE_2FA = False
    settings.DEBUG = False
    assert [e.id for e in check_second_factor_required(None)] == ["trofast.E001"]
    settings.REQUIRE_2FA = True
    assert check_second_factor_required(None) == []


def test_a_next_that_is_not_a_path_is_ignored_after_login(client, specialist):
    """django-two-factor-auth took `next=home-page` for a URL name: a 500."""
    device = totp_device(specialist)
    client.post(
        "/login/?next=home-page",
        {"login_view-current_step": "auth", "auth-username": "kari", "auth-password": PASSWORD},
    )

    response = client.post(
        "/login/?next=home-page",
        {"login_view-current_step": "token", "token-otp_token": current_code(device)},
    )

    assert (response.status_code, response["Location"]) == (302, "/")


def test_a_next_path_is_followed_after_login(client, specialist):
    device = totp_device(specialist)
    client.post(
        "/login/?next=/my-week/",
        {"login_view-current_step": "auth", "auth-username": "kari", "auth-password": PASSWORD},
    )

    response = client.post(
        "/login/?next=/my-week/",
        {"login_view-current_step": "token", "token-otp_token": current_code(device)},
    )

    assert response["Location"] == "/my-week/"


def test_a_next_that_is_not_a_path_is_ignored_by_the_enrolment(client, specialist):
    log_in(client, specialist)

    response = client.get("/account/two_factor/setup/", {"next": "home-page"})

    assert (response.status_code, response["Location"]) == (
        302,
        "/account/two_factor/setup/complete/",
    )
