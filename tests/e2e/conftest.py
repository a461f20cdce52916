"""Browser tests: Playwright's sync Python API driving Debian's chromium (docs/decisions/0006).

Run them with `pytest -m e2e`. Without /usr/bin/chromium they are skipped, unless
ANSINH_E2E=required (as in CI), which turns the missing browser into a failure.
A failing test leaves a screenshot in test-artifacts/.
"""

import os
import re
from pathlib import Path

import pytest

from tests.conftest import DEMO_PASSWORD, load_seed

# Playwright's sync API keeps an event loop running in this thread, so Django's async-safety
# check would refuse the ORM calls the tests make (loading seed data, looking up a pk).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"
LOGIN_PATH = "/tai-khoan/dang-nhap/"


def _unavailable(reason: str):
    if os.environ.get("ANSINH_E2E") == "required":
        pytest.fail(f"ANSINH_E2E=required, but {reason}", pytrace=False)
    pytest.skip(f"{reason} (set ANSINH_E2E=required to make this an error)")


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(
            f"no browser at {CHROMIUM}: install Debian's chromium "
            "(apt-get install chromium); `playwright install` is not used"
        )
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
        except Error as exc:
            _unavailable(f"{CHROMIUM} did not start: {exc}")
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def app_url(live_server, transactional_db):
    """The application served by pytest-django's live server, with both seed provinces."""
    load_seed()
    return live_server.url


@pytest.fixture
def page(browser, app_url, request):
    """A fresh browser context (no cookies) per test, pointed at the live server.

    Server errors (5xx) and JavaScript errors fail the test even when the page looks right,
    e.g. an htmx request that died while the old content stayed on screen.
    """
    context = browser.new_context(base_url=app_url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = []
    page.on(
        "response",
        lambda r: (
            r.status >= 500 and problems.append(f"HTTP {r.status} {r.request.method} {r.url}")
        ),
    )
    page.on("pageerror", lambda exc: problems.append(f"JavaScript error: {exc}"))
    # A script or style the Content-Security-Policy blocked means something on the page broke
    # (unless the test provokes one on purpose).
    if request.node.get_closest_marker("csp_violation_expected") is None:
        page.on(
            "console",
            lambda m: (
                "Content Security Policy" in m.text and problems.append(f"CSP violation: {m.text}")
            ),
        )
    yield page
    call = getattr(request.node, "rep_call", None)
    if call is not None and call.failed:
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        shot = ARTIFACTS_DIR / f"{name}.png"
        try:
            page.screenshot(path=shot, full_page=True)
            print(f"screenshot: {shot}")
        except Exception as exc:  # a screenshot must never hide the real failure
            print(f"no screenshot: {exc}")
    context.close()
    if problems:
        message = "the browser saw errors:\n" + "\n".join(problems)
        if call is not None and call.failed:
            print(message)
        else:
            pytest.fail(message, pytrace=False)


@pytest.fixture
def log_in(page):
    """Log in through the real login form; returns the page, now on wherever login led."""

    def log_in(username: str, password: str = DEMO_PASSWORD):
        page.goto(LOGIN_PATH)
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Đăng nhập").click()
        return page

    return log_in
