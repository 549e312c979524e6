"""Signing in: lockout after repeated failures, sessions that expire, and the second factor."""

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils.http import urlencode
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def sign_in(client: Client, username: str, password: str):
    return client.post("/accounts/sign-in", {"username": username, "password": password})


def test_every_page_needs_a_signed_in_user(db):
    response = Client().get("/children/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in")


def test_a_wrong_password_is_refused_with_a_clear_message(council):
    response = sign_in(Client(), "worker", "not-the-password")
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()


def test_a_correct_password_signs_in(council):
    client = Client()
    assert sign_in(client, "worker", "a-long-test-password").status_code == 302
    assert "My caseload" in client.get("/").content.decode()


def test_five_failed_sign_ins_lock_the_account_even_with_the_right_password(council):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "worker", "wrong-password")
    response = sign_in(client, "worker", "a-long-test-password")
    assert response.status_code == 403
    assert "Your account is locked" in response.content.decode()


def test_sessions_expire_after_thirty_minutes_without_a_request():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_production_requires_the_second_factor():
    import importlib
    import os

    os.environ.setdefault("SECRET_KEY", "test-only")
    production = importlib.import_module("config.settings.production")
    assert production.HEARTH_REQUIRE_SECOND_FACTOR is True


@override_settings(HEARTH_REQUIRE_SECOND_FACTOR=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_with_the_second_factor_required_a_user_sets_up_an_authenticator_then_enters_its_code(council):
    client = Client()
    sign_in(client, "worker", "a-long-test-password")
    assert client.get("/children/")["Location"] == "/accounts/two-factor?next=%2Fchildren%2F"
    setup = client.get("/accounts/two-factor").content.decode()
    assert "Set up two-factor sign-in" in setup
    device = TOTPDevice.objects.get(user=council.worker)
    wrong = client.post("/accounts/two-factor", {"token": "000000" if TOTP(device.bin_key).token() != 0 else "111111"})
    assert "The code is not right" in wrong.content.decode()
    assert client.post("/accounts/two-factor", {"token": current_code(device)}).status_code == 302
    assert client.get("/children/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


@pytest.mark.parametrize("token", ["12", "abcdef", ""])
@override_settings(HEARTH_REQUIRE_SECOND_FACTOR=True)
def test_a_malformed_code_asks_for_six_digits(council, token):
    client = Client()
    sign_in(client, "worker", "a-long-test-password")
    page = client.post("/accounts/two-factor", {"token": token}).content.decode()
    assert "There is a problem" in page


def current_code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits).token():06d}"


def signed_in_awaiting_the_second_factor(council) -> tuple[Client, TOTPDevice]:
    client = Client()
    sign_in(client, "worker", "a-long-test-password")
    client.get("/accounts/two-factor")  # the first visit sets up the device
    return client, TOTPDevice.objects.get(user=council.worker)


OFF_SITE = ["https://evil.example", "//evil.example/", "https:evil.example", "/\\evil.example", "http://testserver.evil.example/",
            "javascript:alert(1)"]


@pytest.mark.parametrize("target", OFF_SITE)
@override_settings(HEARTH_REQUIRE_SECOND_FACTOR=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_the_second_factor_never_leads_to_another_site(council, target):
    client, device = signed_in_awaiting_the_second_factor(council)
    response = client.post(f"/accounts/two-factor?{urlencode({'next': target})}", {"token": current_code(device)})
    assert response.status_code == 302 and response["Location"] == "/"


@override_settings(HEARTH_REQUIRE_SECOND_FACTOR=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_the_second_factor_leads_on_to_the_page_asked_for(council):
    client, device = signed_in_awaiting_the_second_factor(council)
    two_factor = client.get("/children/?text=Allocated")["Location"]
    response = client.post(two_factor, {"token": current_code(device)})
    assert response["Location"] == "/children/?text=Allocated"


@pytest.mark.parametrize("target", OFF_SITE)
def test_signing_in_never_leads_to_another_site(council, target):
    response = Client().post(f"/accounts/sign-in?{urlencode({'next': target})}",
                             {"username": "worker", "password": "a-long-test-password", "next": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_signing_in_leads_on_to_the_page_asked_for(council):
    client = Client()
    sign_in_page = client.get("/children/?text=Allocated")["Location"]
    assert sign_in_page == "/accounts/sign-in?next=%2Fchildren%2F%3Ftext%3DAllocated"
    response = client.post(sign_in_page, {"username": "worker", "password": "a-long-test-password",
                                          "next": "/children/?text=Allocated"})
    assert response["Location"] == "/children/?text=Allocated"
