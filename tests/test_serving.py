"""Serving Hearth to the internet: headers, the deploy check, refused requests, rate limits, health, logs."""

import base64
import hashlib
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client, override_settings

from hearth.core.logs import DropRefusals, JsonFormatter

ROOT = Path(__file__).resolve().parent.parent
HEARTH = ROOT / "hearth"


@pytest.fixture
def council(db):
    """The root conftest's council, with the role rows a data migration adds made sure of first: a browser
    test before this one (a live-server test) may have flushed them."""
    from conftest import Council
    from hearth.accounts.models import Role
    from hearth.accounts.roles import ROLE_DESCRIPTIONS

    for code, description in ROLE_DESCRIPTIONS.items():
        Role.objects.update_or_create(code=code.value, defaults={"description": description})
    return Council()


def signed_in(user, **client_options) -> Client:
    client = Client(**client_options)
    client.force_login(user)
    return client


class Captured(logging.Handler):
    """The lines the console handler would write: Hearth's filter and JSON formatter, on the root logger."""

    def __init__(self):
        super().__init__()
        self.addFilter(DropRefusals())
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def log_lines():
    handler = Captured()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler.lines
    finally:
        root.removeHandler(handler)


# --- Headers ---------------------------------------------------------------------------------------

def test_every_page_sends_a_content_security_policy_without_unsafe_inline(client):
    response = client.get("/accounts/sign-in")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_the_only_inline_script_is_govuk_frontends_and_the_policy_allows_it_by_its_hash(client):
    page = client.get("/accounts/sign-in").content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page, re.S)
    assert len(inline) == 1 and "js-enabled" in inline[0]
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" == settings.GOVUK_TEMPLATE_SCRIPT_HASH
    assert settings.GOVUK_TEMPLATE_SCRIPT_HASH in client.get("/accounts/sign-in")["Content-Security-Policy"]


@pytest.mark.parametrize("template", sorted(str(p.relative_to(HEARTH)) for p in HEARTH.rglob("*.html")))
def test_no_template_has_inline_script_style_or_event_handler(template):
    text = (HEARTH / template).read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)", text), "inline <script>: move it to a static file"
    assert not re.search(r"<style\b", text), "<style> element: move it to hearth.css"
    assert not re.search(r"\sstyle\s*=", text), "style= attribute: use a class"
    assert not re.search(r"\son[a-z]+\s*=", text), "on...= event handler: use a script file"


def test_pages_deny_framing_and_send_no_referrer_to_other_sites(client):
    response = client.get("/accounts/sign-in")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_production_settings_pass_the_deploy_check_with_no_warnings(tmp_path):
    env = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "a-test-secret-key-" + "x" * 50 + "-long-and-random-enough-for-the-deploy-check",
        "ALLOWED_HOSTS": "hearth.example.gov.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
        "MEMCACHED_LOCATION": "127.0.0.1:11211",
        "HEARTH_PROXY_COUNT": "1",
    }
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


# --- Hearth's pages for a refused request ------------------------------------------------------------

def test_an_address_that_does_not_exist_is_hearths_404_page(council):
    response = signed_in(council.worker).get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'class="govuk-template' in response.content.decode()


def test_a_partner_guessing_a_childs_address_meets_hearths_404_page(council):
    response = signed_in(council.partner).get(f"/children/{council.allocated.pk}/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_role_without_access_meets_hearths_403_page(council):
    response = signed_in(council.admin).get("/children/")
    assert response.status_code == 403
    assert "You cannot do this" in response.content.decode()


def test_a_form_sent_without_its_csrf_token_is_hearths_403_page_saying_what_to_do(council):
    client = Client(enforce_csrf_checks=True)
    client.force_login(council.worker)
    response = client.post(f"/children/{council.allocated.pk}/case-notes/new", {"title": "Visit"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot do this" in page and "reload the page" in page


@override_settings(ALLOWED_HOSTS=["testserver"])
def test_a_request_for_another_host_is_hearths_400_page(client):
    response = client.get("/accounts/sign-in", HTTP_HOST="not-hearth.example")
    assert response.status_code == 400
    assert "Hearth could not read that request" in response.content.decode()


def test_a_body_over_the_limit_is_hearths_413_page_naming_the_limit(council):
    too_long = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = signed_in(council.worker).post(f"/children/{council.allocated.pk}/case-notes/new",
                                              {"text": too_long})
    assert response.status_code == 413
    page = response.content.decode()
    assert "What you sent is too large" in page and "1 MB" in page


def test_a_server_error_is_hearths_500_page(council):
    client = signed_in(council.worker, raise_request_exception=False)
    with mock.patch("hearth.casework.views_work.due.for_worker", side_effect=RuntimeError("boom")):
        response = client.get("/my-work")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_a_refused_request_logs_one_line_and_no_traceback(council, log_lines):
    signed_in(council.partner).get(f"/children/{council.allocated.pk}/")
    assert len(log_lines) == 1, log_lines
    line = json.loads(log_lines[0])
    assert line["logger"] == "hearth.requests" and line["status"] == 404
    assert "Traceback" not in log_lines[0]


def test_a_body_too_large_logs_one_line_naming_the_refusal(council, log_lines):
    signed_in(council.worker).post(f"/children/{council.allocated.pk}/case-notes/new",
                                   {"text": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    assert len(log_lines) == 1, log_lines
    assert json.loads(log_lines[0])["refused"] == "RequestDataTooBig"


def test_a_server_error_still_logs_its_traceback(council, log_lines):
    client = signed_in(council.worker, raise_request_exception=False)
    with mock.patch("hearth.casework.views_work.due.for_worker", side_effect=RuntimeError("boom")):
        client.get("/my-work")
    errors = [json.loads(line) for line in log_lines if json.loads(line)["logger"] == "django.request"]
    assert len(errors) == 1 and "RuntimeError: boom" in errors[0]["exception"]


# --- Rate limits -------------------------------------------------------------------------------------

@override_settings(HEARTH_RATE_CHILD_SEARCH="3/m")
def test_searching_more_often_than_the_limit_is_refused_with_hearths_429_page(council):
    from django.core.cache import cache

    cache.clear()
    client = signed_in(council.worker)
    for _ in range(3):
        assert client.get("/children/", {"text": "Allocated"}).status_code == 200
    response = client.get("/children/", {"text": "Allocated"})
    assert response.status_code == 429
    assert "You have made too many requests" in response.content.decode()
    assert response["Retry-After"] == "60"
    # The limit is each user's own: a colleague can still search.
    assert signed_in(council.colleague).get("/children/", {"text": "Allocated"}).status_code == 200


@override_settings(HEARTH_RATE_PARTNER_REFERRAL="2/h")
def test_sending_referrals_more_often_than_the_limit_is_refused_but_the_form_still_opens(council):
    from django.core.cache import cache

    cache.clear()
    client = signed_in(council.partner)
    for _ in range(2):
        assert client.post("/partner/new", {}).status_code == 200  # an empty form: errors shown, and counted
    assert client.post("/partner/new", {}).status_code == 429
    assert client.get("/partner/new").status_code == 200


# --- Health ------------------------------------------------------------------------------------------

def test_health_answers_ok_with_one_query(db, client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_health_is_503_when_the_database_cannot_answer(client):
    broken = mock.MagicMock()
    broken.cursor.side_effect = OperationalError("connection refused")
    with mock.patch("hearth.core.views.connection", broken):
        response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


# --- Request logs ------------------------------------------------------------------------------------

def test_a_request_logs_its_route_status_time_and_user_but_never_the_query_or_a_name(council, log_lines):
    signed_in(council.worker).get("/children/", {"text": "Allocated"})
    signed_in(council.worker).get(f"/children/{council.allocated.pk}/")
    search, record = (json.loads(line) for line in log_lines)
    assert search["method"] == "GET" and search["route"] == "/children/" and search["status"] == 200
    assert search["user_id"] == council.worker.pk and search["duration_ms"] >= 0
    assert record["route"] == "/children/<int:child_id>/"
    assert not any(word in line for line in log_lines for word in ("Allocated", "Amara", "text="))


def test_an_address_no_route_matches_is_not_logged_as_typed(council, log_lines):
    signed_in(council.worker).get("/children/Amara-Allocated")
    assert len(log_lines) == 1
    assert "Amara" not in log_lines[0] and json.loads(log_lines[0])["route"] is None


# --- Static files as production serves them -----------------------------------------------------------

def test_pages_render_and_static_files_are_served_with_hashed_names(tmp_path):
    """Production's storage also writes compressed copies (CompressedManifestStaticFilesStorage); that takes
    half a minute here, so this checks the hashed names every page needs, with Django's manifest storage."""
    from django.core.management import call_command

    production_static = {
        "STATIC_ROOT": tmp_path,
        "STORAGES": {**settings.STORAGES, "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}},
        "WHITENOISE_USE_FINDERS": False,
    }
    with override_settings(**production_static):
        call_command("collectstatic", interactive=False, verbosity=0)
        client = Client()  # a new handler, so WhiteNoise reads the collected files
        page = client.get("/accounts/sign-in").content.decode()
        stylesheet = re.search(r'href="(/static/hearth/hearth\.[0-9a-f]{12}\.css)"', page)
        assert stylesheet, "the stylesheet's address has no hash"
        css = client.get(stylesheet.group(1))
        assert css.status_code == 200 and "immutable" in css["Cache-Control"]


# --- The demo, and Gunicorn ------------------------------------------------------------------------------

@pytest.mark.parametrize(("debug", "expected"), [(None, "False"), ("true", "True")])
def test_the_demo_shows_no_debug_pages_unless_debug_is_set(debug, expected):
    env = {name: value for name, value in os.environ.items() if name != "DEBUG"}
    if debug is not None:
        env["DEBUG"] = debug
    result = subprocess.run([sys.executable, "-c", "from config.settings import dev; print(dev.DEBUG)"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == expected, result.stderr


@pytest.mark.parametrize(("cores", "workers"), [(2, 3), (8, 9), (32, 33)])
def test_gunicorn_runs_a_worker_per_core_plus_one_with_four_threads(cores, workers, monkeypatch):
    import runpy

    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("GUNICORN_THREADS", raising=False)
    with mock.patch("multiprocessing.cpu_count", return_value=cores):
        config = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    assert (config["workers"], config["threads"], config["worker_class"]) == (workers, 4, "gthread")
    assert config["bind"] == "127.0.0.1:8000"


def test_the_wsgi_entry_point_puts_what_it_loaded_beyond_the_garbage_collector():
    """A serving process freezes the objects it loaded (hearth/core/startup.py), so a full collection during a
    request walks only the request's own."""
    import gc
    import importlib

    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    import config.wsgi

    importlib.reload(config.wsgi)
    assert gc.get_freeze_count() > 10_000  # Django and every app
    gc.unfreeze()
