"""The signed-in users `make loadtest` sends to Hearth, each at a steady rate (Locust's constant_throughput).

Social workers open My work, their children's records and chronologies, search, and save case notes;
front-door advisers open the worklist; senior leaders the front door's performance. Each user signs in once,
as one of the seeded council's staff named in the plan (var/bench/load-plan.json, written by the runner).
A request's name in the figures is its page, never its address: a search's address holds a surname.

Once every user has signed in, each request's time and outcome is recorded for HEARTH_LOAD_DURATION seconds;
then Locust stops and the recording is written to HEARTH_LOAD_RECORDING for hearth.loadtest.summary.
"""

import itertools
import json
import os
import random
import re
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import gevent
from locust import FastHttpUser, constant_throughput, events, task
from locust.exception import StopUser

from hearth.loadtest.forms import case_note_fields
from hearth.loadtest.summary import Recording

PLAN = json.loads(Path(os.environ["HEARTH_LOAD_PLAN"]).read_text())
PER_USER_RATE = float(os.environ.get("HEARTH_LOAD_PER_USER_RATE", "2"))
USERS = int(os.environ.get("HEARTH_LOAD_USERS", "1"))
DURATION_S = float(os.environ.get("HEARTH_LOAD_DURATION", "60"))
RECORDING = os.environ.get("HEARTH_LOAD_RECORDING")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SETUP_REQUESTS = {"sign-in page", "sign in"}
SIGN_IN_ATTEMPTS = 3

recording = Recording()
_window = {"started": None, "signed_in": 0, "environment": None}


@events.init.add_listener
def _keep_environment(environment, **_kwargs):
    _window["environment"] = environment


def _signed_in() -> None:
    """Count a user as started; when the last has, open the window and end the test after its duration."""
    _window["signed_in"] += 1
    if _window["signed_in"] == USERS and _window["started"] is None:
        _window["started"] = time.monotonic()
        recording.started_at = time.time()
        gevent.spawn_later(DURATION_S, _close_window)


def _close_window() -> None:
    recording.window_s = time.monotonic() - _window["started"]
    recording.ended_at = time.time()
    _window["started"] = None
    if RECORDING:
        Path(RECORDING).write_text(json.dumps(recording.as_json()))
    _window["environment"].runner.quit()


@events.request.add_listener
def _record(name, response_time, exception, **_kwargs):
    if _window["started"] is not None and name not in SETUP_REQUESTS:
        recording.add(name, response_time, None if exception is None else str(exception)[:200])


_workers = itertools.cycle(PLAN["workers"])
_advisers = itertools.cycle(PLAN["advisers"])
_leaders = itertools.cycle(PLAN["leaders"])


def csrf_token(html: str) -> str:
    """The form's CSRF token."""
    found = CSRF_FIELD.search(html)
    if found is None:
        raise ValueError("no CSRF token on the page")
    return found.group(1)


class StaffMember(FastHttpUser):
    abstract = True
    wait_time = constant_throughput(PER_USER_RATE)
    username = ""

    def next_account(self) -> dict:
        raise NotImplementedError

    def on_start(self):
        """Sign in, then wait for every other user to have signed in too, so that no sign-in competes with the
        measured load and the window opens with every user ready. A user who cannot sign in stops (counted)."""
        account = self.next_account()
        self.username = account["username"]
        self.account = account
        signed_in = False
        try:
            for _attempt in range(SIGN_IN_ATTEMPTS):
                signed_in = self.sign_in()
                if signed_in:
                    break
        finally:
            if not signed_in:
                recording.sign_in_failures += 1
            _signed_in()
        if not signed_in:
            raise StopUser()
        while _window["started"] is None:
            gevent.sleep(0.1)

    def sign_in(self) -> bool:
        """Sign in through the form. On a busy machine a sign-in (a slow password hash, on purpose) can time out."""
        page = self.client.get("/accounts/sign-in", name="sign-in page")
        if page.status_code != 200:
            return False
        with self.client.post("/accounts/sign-in", name="sign in", allow_redirects=False, catch_response=True,
                              data={"username": self.username, "password": PLAN["password"],
                                    "csrfmiddlewaretoken": csrf_token(page.text)}) as response:
            if response.status_code != 302 or response.headers.get("Location", "").startswith("/accounts/"):
                response.failure(f"sign-in as {self.username} gave {response.status_code}")
                return False
        return True

    def page(self, path: str, name: str):
        # Redirects are not followed: a signed-out user is sent to the sign-in page, which must count as failed.
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


class SocialWorker(StaffMember):
    weight = 15

    def next_account(self) -> dict:
        return next(_workers)

    def child(self) -> int:
        return random.choice(self.account["children"])

    @task(3)
    def my_work(self):
        self.page("/my-work", "my work (where a worker lands)")

    @task(4)
    def child_record(self):
        self.page(f"/children/{self.child()}/", "child record")

    @task(2)
    def chronology(self):
        self.page(f"/children/{self.child()}/chronology", "chronology")

    @task(2)
    def search(self):
        self.page(f"/children/?text={random.choice(self.account['surnames'])}", "search")

    @task(1)
    def case_note(self):
        child = self.child()
        with self.client.get(f"/children/{child}/case-notes/new", name="case note form", allow_redirects=False,
                             catch_response=True) as form:
            if form.status_code != 200:
                form.failure(f"status {form.status_code}")
                return
        yesterday = datetime.now(ZoneInfo("Europe/London")).date() - timedelta(days=1)
        with self.client.post(f"/children/{child}/case-notes/new", name="case note save", allow_redirects=False,
                              catch_response=True,
                              data={"csrfmiddlewaretoken": csrf_token(form.text), **case_note_fields(yesterday)}
                              ) as response:
            if response.status_code != 302 or not response.headers.get("Location", "").startswith(f"/children/{child}/"):
                response.failure(f"status {response.status_code}")


class FrontDoorAdviser(StaffMember):
    weight = 4

    def next_account(self) -> dict:
        return next(_advisers)

    @task
    def worklist(self):
        self.page("/front-door/", "front-door worklist")


class SeniorLeader(StaffMember):
    weight = 1

    def next_account(self) -> dict:
        return next(_leaders)

    @task
    def performance(self):
        self.page("/front-door/performance", "leaders' view (front door performance)")
