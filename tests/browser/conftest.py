"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

Every page a test reaches is checked with axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA).
Reach pages through a `Visitor` (`open`, `follow`, `sign_in`), which checks each one; a test
that lands on a page nobody checked fails at teardown, naming the page. A test whose pages
break the Content Security Policy (the browser refuses a script, a style or a frame) fails at
teardown too, quoting the browser's message.
"""

import os

# Playwright's sync API runs an asyncio event loop in the test's thread, and Django refuses
# database access from a thread with a running loop unless told otherwise. Set before Django
# touches the database (fixtures, the live server).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from playwright.sync_api import Locator, Page, Response  # noqa: E402

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "vendor" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "a-long-test-password"
# Pages come from a local server: wait 10s at most for an element or a page, not Playwright's 30s.
TIMEOUT_MS = 10_000

# Pages navigated to (main frame) and not yet checked with axe, per page.
_unchecked: dict[int, list[str]] = {}
# What the browser refused under the Content Security Policy, per page.
_csp_violations: dict[int, list[str]] = {}


def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder `browser`, so `-m "not browser"` leaves them out."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, pytestconfig):
    """Launch Debian's chromium, headless unless --headed; Playwright downloads no browser."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": not pytestconfig.getoption("--headed"),
    }


@pytest.fixture(autouse=True)
def _roles(transactional_db):
    """The role rows a data migration adds: a live-server test flushes every table when it ends."""
    from hearth.accounts.models import Role
    from hearth.accounts.roles import ROLE_DESCRIPTIONS

    for code, description in ROLE_DESCRIPTIONS.items():
        Role.objects.update_or_create(code=code.value, defaults={"description": description})


# --- Accessibility -------------------------------------------------------------------------------

_AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary})),
  }));
}"""


def axe_violations(page: Page) -> list[dict]:
    """What axe-core finds wrong with the page as it is now (WCAG 2.x A and AA rules)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated from outside the page, as the Content Security Policy forbids adding an inline script.
        page.evaluate(_axe_source() + "\n;void 0")
    return page.evaluate(_AXE_RUN, AXE_TAGS)


def _axe_source(cache: list[str] = []) -> str:  # noqa: B006 - read the file once
    if not cache:
        cache.append(AXE_JS.read_text())
    return cache[0]


def describe_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}: {node['html'][:200]}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"        {detail.strip()}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail, listing each violation (rule, help, where), if axe-core finds any on the page."""
    page.wait_for_load_state("load")
    violations = axe_violations(page)
    _unchecked.pop(id(page), None)
    assert not violations, describe_violations(page.url, violations)


def _watch(page: Page) -> None:
    """Remember each document the page's main frame loads until it is checked."""
    page.set_default_timeout(TIMEOUT_MS)
    _unchecked[id(page)] = []
    _csp_violations[id(page)] = []

    def console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            _csp_violations.setdefault(id(page), []).append(f"{page.url}: {message.text}")

    page.on("console", console)

    def navigated(frame):
        if frame == page.main_frame:
            _unchecked.setdefault(id(page), []).append(frame.url)

    page.on("framenavigated", navigated)


def _assert_all_checked(page: Page) -> None:
    missed = _unchecked.pop(id(page), [])
    assert not missed, f"Pages reached without an accessibility check: {missed}"
    refused = _csp_violations.pop(id(page), [])
    assert not refused, "Content Security Policy violations:\n" + "\n".join(refused)


# --- Signing in ----------------------------------------------------------------------------------

def landing_path(username: str) -> str:
    """Where this user's work is, which signing in leads to: "My work", the front door's worklist, the figures..."""
    from django.urls import reverse

    from hearth.accounts.models import User
    from hearth.core.views import landing_url

    name = landing_url(User.objects.get(username=username))
    return reverse(name) if name else "/"


def sign_in(page: Page, live_server, username: str) -> None:
    """Sign in through the sign-in page (checked with axe) and land where the user's work is (checked too)."""
    response = page.goto(f"{live_server.url}/accounts/sign-in")
    assert response is not None and response.status == 200
    assert_accessible(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    landing = landing_path(username)
    assert page.url == f"{live_server.url}{landing}", f"{username} did not land on {landing}: {page.url}"
    assert_accessible(page)


class Visitor:
    """One person's browser tab on the live server. Every page it reaches is checked with axe."""

    def __init__(self, page: Page, live_server):
        self.page = page
        self.live_server = live_server

    def url(self, path: str) -> str:
        return f"{self.live_server.url}{path}"

    def sign_in(self, username: str) -> "Visitor":
        sign_in(self.page, self.live_server, username)
        return self

    def open(self, path: str, *, status: int = 200) -> Response:
        """Go to a path by address, expecting the status, and check the page."""
        response = self.page.goto(self.url(path))
        assert response is not None
        assert response.status == status, f"{path}: expected {status}, got {response.status}"
        assert_accessible(self.page)
        return response

    def follow(self, action: Locator | Callable[[], object], *, status: int = 200) -> Response:
        """Click a link or button (or do something) that loads a new page, then check that page."""
        with self.page.expect_navigation() as navigation:
            action.click() if isinstance(action, Locator) else action()
        response = navigation.value
        assert response is not None
        assert response.status == status, f"{self.page.url}: expected {status}, got {response.status}"
        assert_accessible(self.page)
        return response

    def nav(self, text: str, *, status: int = 200) -> Response:
        """Follow a link in the service navigation."""
        menu = self.page.get_by_role("navigation", name="Menu")
        return self.follow(menu.get_by_role("link", name=text, exact=True), status=status)

    def tab(self, text: str) -> Response:
        """Follow a tab of the child's record (the sub-navigation)."""
        tabs = self.page.get_by_role("navigation", name="Child's record")
        return self.follow(tabs.get_by_role("link", name=text, exact=True))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so teardown can tell whether the test itself passed."""
    report = yield
    setattr(item, f"_report_{report.when}", report)
    return report


def _passed(request: pytest.FixtureRequest) -> bool:
    report = getattr(request.node, "_report_call", None)
    return report is not None and report.passed


@pytest.fixture
def visitor(request, page: Page, live_server) -> Visitor:
    """A browser tab, not yet signed in."""
    _watch(page)
    yield Visitor(page, live_server)
    if _passed(request):  # a failed test has already said what went wrong
        _assert_all_checked(page)


@pytest.fixture
def another_visitor(request, new_context, live_server) -> Callable[[], Visitor]:
    """Make a further tab in a browser context of its own, so a second person can sign in."""
    pages = []

    def make() -> Visitor:
        page = new_context().new_page()
        _watch(page)
        pages.append(page)
        return Visitor(page, live_server)

    yield make
    if _passed(request):
        for page in pages:
            _assert_all_checked(page)


@pytest.fixture(name="sign_in")
def sign_in_fixture():
    """`sign_in(page, live_server, username)`, for tests that drive `page` directly."""
    return sign_in


@pytest.fixture(name="assert_accessible")
def assert_accessible_fixture():
    """`assert_accessible(page)`, for tests that drive `page` directly."""
    return assert_accessible
