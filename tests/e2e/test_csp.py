"""The Content-Security-Policy in a real browser: pages work and nothing is refused.

The browser reports every refused script, style or image on the console; any such message
fails the test, for each page of the main menu, htmx fragments, the second-factor QR code,
the API docs and the admin.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

CSP_MESSAGE = re.compile(r"Content Security Policy|Refused to (apply|execute|load)", re.I)


@pytest.fixture
def violations(page):
    found = []
    page.on(
        "console",
        lambda message: CSP_MESSAGE.search(message.text) and found.append(message.text),
    )
    return found


def _visit(page, path):
    page.goto(path)
    page.wait_for_load_state("networkidle")


def test_every_menu_page_loads_without_a_policy_violation(log_in, violations):
    page = log_in("thanhhoa.thuongtruc")
    links = page.get_by_role("navigation", name="Điều hướng chính").locator("a.nav-link")
    paths = set(links.evaluate_all("els => els.map(e => e.getAttribute('href'))"))
    assert len(paths) >= 5
    for path in [*sorted(paths), "/tai-khoan/cua-toi/"]:
        _visit(page, path)
        expect(page.locator("main")).to_be_visible()
    assert not violations, "\n".join(violations)


@pytest.mark.csp_violation_expected
def test_a_refused_inline_script_would_be_noticed(log_in, violations):
    """The listener above hears the browser: an inline script is refused and reported."""
    page = log_in("thanhhoa.thuongtruc")
    with page.expect_console_message(lambda message: bool(CSP_MESSAGE.search(message.text))):
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.ran = true'; document.body.appendChild(s); }"
        )
    assert page.evaluate("() => window.ran") is None
    assert violations


def test_second_factor_qr_code_is_shown_under_the_policy(log_in, violations):
    page = log_in("thanhhoa.thuongtruc")
    _visit(page, "/tai-khoan/xac-thuc-hai-buoc/")
    qr = page.get_by_role("img", name=re.compile("Mã QR"))
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    assert not violations, "\n".join(violations)


def test_api_docs_and_admin_work_under_the_policy(log_in, violations):
    page = log_in("quantri")
    _visit(page, "/api/docs/")
    expect(page.locator(".swagger-ui .info")).to_be_visible()
    _visit(page, "/quan-tri/")
    expect(page.locator("#content")).to_be_visible()
    _visit(page, "/quan-tri/accounts/user/")
    expect(page.locator("#result_list")).to_be_visible()
    assert not violations, "\n".join(violations)
