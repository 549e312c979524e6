"""The browser enforces Hearth's Content Security Policy, and the browser tests notice when it refuses anything."""

from tests.browser import conftest


def test_the_browser_refuses_an_inline_script_and_the_check_reports_it(visitor):
    visitor.open("/accounts/sign-in")
    ran = visitor.page.evaluate("""() => new Promise(resolve => {
      document.addEventListener("securitypolicyviolation", () => resolve(window.injected === true), {once: true});
      const script = document.createElement("script");
      script.textContent = "window.injected = true";
      document.body.appendChild(script);
    })""")
    assert ran is False
    visitor.page.wait_for_timeout(100)  # the console message follows the event
    refused = conftest._csp_violations[id(visitor.page)]
    assert refused and "script-src" in refused[0]
    refused.clear()  # seen: this test's page should otherwise pass the teardown check
