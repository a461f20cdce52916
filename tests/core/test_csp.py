"""Content-Security-Policy: every page carries it, and no template needs inline code."""

import re
from pathlib import Path

import pytest

from tests.conftest import login

SRC = Path(__file__).resolve().parents[2] / "src" / "ansinh"
# E-mails are read in mail programs, not served under the policy.
NOT_PAGES = {"email"}
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event-handler attribute"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def _directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:])
        for part in (p.strip() for p in header.split(";"))
        if part
    }


def _assert_strict(response):
    policy = _directives(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/tai-khoan/dang-nhap/", "/suc-khoe/", "/khong-co-trang-nay/"])
def test_public_answers_carry_the_policy(client, path):
    _assert_strict(client.get(path))


@pytest.mark.parametrize(
    "path", ["/", "/co-quan/", "/tai-khoan/cua-toi/", "/api/v1/committees/", "/api/docs/"]
)
def test_pages_of_a_logged_in_user_carry_the_policy(client, seed, path):
    login(client, "thanhhoa.thuongtruc")
    response = client.get(path, follow=True)
    assert response.status_code == 200
    _assert_strict(response)


def test_htmx_fragments_carry_the_policy_too(client, seed):
    login(client, "thanhhoa.thuongtruc")
    _assert_strict(client.get("/co-quan/", headers={"HX-Request": "true"}))


def test_no_template_needs_inline_code():
    """Inline scripts, styles and handlers would be refused by the browser: use static files."""
    found = []
    for template in SRC.rglob("templates/**/*.html"):
        if NOT_PAGES & set(template.parts):
            continue
        text = template.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{template.relative_to(SRC)}:{line}: {what}")
    assert not found, "\n".join(found)
