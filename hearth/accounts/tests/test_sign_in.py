"""Signing in: lockout after repeated failures, sessions that expire, and the second factor."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import urlencode
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts.lockout import client_address
from hearth.accounts.sessions import SessionStore


def sign_in(client: Client, username: str, password: str, **extra):
    return client.post("/accounts/sign-in", {"username": username, "password": password}, **extra)


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
    assert client.get("/")["Location"] == "/my-work"
    assert "My work" in client.get("/my-work").content.decode()


def test_five_failed_sign_ins_lock_the_account_even_with_the_right_password(council):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "worker", "wrong-password")
    response = sign_in(client, "worker", "a-long-test-password")
    assert response.status_code == 403
    assert "Your account is locked" in response.content.decode()


HERE, ELSEWHERE = {"REMOTE_ADDR": "192.0.2.10"}, {"REMOTE_ADDR": "198.51.100.20"}


def test_failed_sign_ins_lock_the_account_only_from_the_address_they_came_from(council):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), "worker", "wrong-password", **ELSEWHERE)
    assert sign_in(Client(), "worker", "a-long-test-password", **ELSEWHERE).status_code == 403
    # The worker, at their desk, is not locked out by someone elsewhere typing their username.
    assert sign_in(Client(), "worker", "a-long-test-password", **HERE).status_code == 302


def test_the_locked_page_says_what_is_locked_until_when_and_what_to_do(council):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        last = sign_in(Client(), "worker", "wrong-password", **HERE)
    assert last.status_code == 403  # the fifth failure shows the locked page at once
    page = sign_in(Client(), "worker", "a-long-test-password", **HERE).content.decode()
    attempt = AccessAttempt.objects.get(username="worker")
    until = timezone.localtime(attempt.attempt_time + timedelta(minutes=30))
    assert "Your account is locked" in page and "Signing in to this account from this network is locked" in page
    assert f"until {until:%H:%M}" in page
    assert "other people's accounts, are not affected" in page and "contact the service desk" in page
    # Trying again while locked does not move the end of the lock.
    AccessAttempt.objects.update(attempt_time=attempt.attempt_time)
    sign_in(Client(), "worker", "wrong-password", **HERE)
    assert AccessAttempt.objects.get(username="worker").attempt_time == attempt.attempt_time


@override_settings(HEARTH_ADDRESS_FAILURE_LIMIT=8)
def test_one_address_trying_a_password_on_many_accounts_is_stopped_for_every_account(council):
    for n in range(8):
        sign_in(Client(), f"someone{n}", "Summer2026!", **ELSEWHERE)  # one failure for each of eight usernames
    refused = sign_in(Client(), "worker", "a-long-test-password", **ELSEWHERE)
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "Signing in from your network is paused" in page and "Contact the service desk" in page
    assert sign_in(Client(), "worker", "a-long-test-password", **HERE).status_code == 302


@override_settings(HEARTH_ADDRESS_FAILURE_LIMIT=8)
def test_a_few_mistakes_by_many_people_at_one_office_lock_no_one_out(council):
    for n in range(7):
        sign_in(Client(), f"colleague{n}", "mistyped", **HERE)
    assert sign_in(Client(), "worker", "a-long-test-password", **HERE).status_code == 302


@pytest.mark.parametrize(("proxies", "meta", "address"), [
    (0, {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}, "10.0.0.5"),
    (1, {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}, "203.0.113.9"),
    (1, {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9"}, "203.0.113.9"),
    (2, {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9, 10.0.0.4"}, "203.0.113.9"),
    (2, {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}, "10.0.0.5"),
    (1, {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "not-an-address"}, "10.0.0.5"),
    (1, {"REMOTE_ADDR": "10.0.0.5"}, "10.0.0.5"),
])
def test_behind_trusted_proxies_the_address_is_the_one_the_outermost_proxy_saw(settings, proxies, meta, address):
    settings.HEARTH_PROXY_COUNT = proxies
    assert client_address(RequestFactory().get("/", **meta)) == address


def test_behind_a_proxy_a_lockout_stops_the_client_not_everyone_behind_the_proxy(council, settings):
    settings.HEARTH_PROXY_COUNT = 1
    attacker = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    worker = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "192.0.2.10"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), "worker", "wrong-password", **attacker)
    assert sign_in(Client(), "worker", "a-long-test-password", **attacker).status_code == 403
    assert sign_in(Client(), "worker", "a-long-test-password", **worker).status_code == 302


def signed_in(username: str = "worker") -> Client:
    client = Client()
    assert sign_in(client, username, "a-long-test-password").status_code == 302
    return client


def copy_of_the_cookie(client: Client) -> Client:
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return thief


def reaches_the_caseload(client: Client) -> bool:
    response = client.get("/my-work/caseload")
    return response.status_code == 200 and "My caseload" in response.content.decode()


def test_sessions_are_kept_on_the_server_and_end_with_the_browser():
    assert settings.SESSION_ENGINE == "hearth.accounts.sessions"
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_a_copied_session_cookie_no_longer_works_after_sign_out(council):
    client = signed_in()
    thief = copy_of_the_cookie(client)
    assert reaches_the_caseload(thief)
    client.post("/accounts/sign-out")
    assert not Session.objects.exists()
    response = thief.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in")


def test_signing_out_ends_the_session_in_a_process_that_still_has_it_cached(council):
    client = signed_in()
    thief = copy_of_the_cookie(client)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    store = SessionStore(key)
    cached = dict(store.load())
    client.post("/accounts/sign-out")
    # Another web process read the session before the sign-out and still holds it in its own cache.
    caches["default"].set(store.cache_key, cached)
    assert not reaches_the_caseload(thief)
    assert caches["default"].get(store.cache_key) is None


def test_a_copied_session_cookie_no_longer_works_after_thirty_minutes_without_a_request(council):
    client = signed_in()
    thief = copy_of_the_cookie(client)
    assert reaches_the_caseload(thief)  # cached in this process now
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert not reaches_the_caseload(thief)
    assert not reaches_the_caseload(client)


def test_each_request_moves_the_sessions_end_thirty_minutes_on(council):
    client = signed_in()
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=5))
    assert reaches_the_caseload(client)
    expires = Session.objects.get().expire_date
    assert timezone.now() + timedelta(minutes=29) < expires <= timezone.now() + timedelta(minutes=30)


def test_a_session_ends_twelve_hours_after_sign_in_however_often_it_is_used(council, monkeypatch):
    client = signed_in()
    assert reaches_the_caseload(client)
    later = timezone.now() + timedelta(seconds=settings.HEARTH_SESSION_MAX_AGE + 1)
    monkeypatch.setattr("hearth.accounts.sessions.timezone.now", lambda: later)
    assert not reaches_the_caseload(client)
    assert not Session.objects.exists()


def test_a_page_reads_its_session_in_one_query_that_also_moves_its_end_on(council):
    client = signed_in()
    client.get("/")  # the first request in a process reads the session from the database and caches it
    with CaptureQueriesContext(connection) as queries:
        assert reaches_the_caseload(client)
    session_queries = [q["sql"] for q in queries.captured_queries if "django_session" in q["sql"]]
    assert len(session_queries) == 1 and session_queries[0].startswith('UPDATE "django_session"')


def production_settings(monkeypatch, **environ):
    import importlib

    monkeypatch.setenv("SECRET_KEY", "test-only")
    for name, value in environ.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    return importlib.reload(importlib.import_module("config.settings.production"))


def test_production_requires_the_second_factor(monkeypatch):
    assert production_settings(monkeypatch, HEARTH_PROXY_COUNT="1").HEARTH_REQUIRE_SECOND_FACTOR is True


def test_production_will_not_start_without_being_told_how_many_proxies_are_in_front(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="HEARTH_PROXY_COUNT"):
        production_settings(monkeypatch, HEARTH_PROXY_COUNT=None)
    assert production_settings(monkeypatch, HEARTH_PROXY_COUNT="2").HEARTH_PROXY_COUNT == 2


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
