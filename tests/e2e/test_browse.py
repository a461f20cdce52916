"""What a user sees in a real browser: login, the committee page, duties, search, permissions."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import LOGIN_PATH

pytestmark = pytest.mark.e2e

ROLE_ORDER = [
    "Trưởng ban",
    "Phó Trưởng ban thường trực",
    "Phó Trưởng ban",
    "Thành viên",
    "Thành viên được mời",
]
COMMITTEE_URL = re.compile(r"/ban-chi-dao/(\d+)/$")


def role_rows(page: Page, role: str):
    """The member rows listed under one role heading (headings read "Thành viên 13")."""
    heading = page.locator("#composition h3.role-heading").filter(
        has_text=re.compile(rf"^\s*{re.escape(role)}\s+\d+\s*$")
    )
    return heading.locator("xpath=following-sibling::table[1]/tbody/tr")


def assert_rendered_cleanly(page: Page):
    """Under test, templates render an undefined variable as INVALID<name> (see settings)."""
    undefined = sorted(set(re.findall(r"INVALID(?:<|&lt;)(.*?)(?:>|&gt;)", page.content())))
    assert not undefined, f"{page.url}: template variables undefined: {', '.join(undefined)}"


def committee_pk(page: Page) -> int:
    match = COMMITTEE_URL.search(page.url)
    assert match, f"not on a committee page: {page.url}"
    return int(match.group(1))


def test_anonymous_visitor_gets_the_vietnamese_login_page(page):
    page.goto("/")
    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH) + r"\?next=/$"))
    expect(page).to_have_title(re.compile(r"^Đăng nhập"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("navigation", name="Điều hướng chính")).to_have_count(0)
    assert_rendered_cleanly(page)

    page.get_by_label("Tên đăng nhập").fill("thanhhoa.thuongtruc")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")
    expect(page.get_by_label("Tên đăng nhập")).to_have_value("thanhhoa.thuongtruc")
    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH)))


def test_committee_page_lists_members_by_role_and_by_date(log_in):
    page = log_in("thanhhoa.thuongtruc")
    expect(page).to_have_url(COMMITTEE_URL)
    expect(page.get_by_role("heading", level=1)).to_contain_text("tỉnh Thanh Hóa")
    assert_rendered_cleanly(page)

    headings = page.locator("#composition h3.role-heading")
    expect(headings).to_have_count(len(ROLE_ORDER))
    labels = [re.sub(r"\s+\d+\s*$", "", text.strip()) for text in headings.all_inner_texts()]
    assert labels == ROLE_ORDER
    expect(role_rows(page, "Trưởng ban")).to_have_count(1)
    expect(role_rows(page, "Trưởng ban")).to_contain_text("Chủ tịch UBND tỉnh")
    expect(
        role_rows(page, "Phó Trưởng ban thường trực").filter(has_text="Đầu Thanh Tùng")
    ).to_have_count(1)
    invited = role_rows(page, "Thành viên được mời")
    expect(invited.filter(has_text="Ban Tuyên giáo Tỉnh ủy Thanh Hóa")).to_have_count(1)
    expect(page.get_by_role("link", name="Kiện toàn thành viên")).to_be_visible()

    # Before the founding decision nobody is a member; htmx swaps the list in place.
    page.evaluate("window.e2eSameDocument = true")
    page.get_by_label("Thành phần tại ngày").fill("01/01/2020")
    page.get_by_role("button", name="Xem").click()
    composition = page.locator("#composition")
    expect(composition).to_contain_text(
        "Ngày 01/01/2020 Ban Chỉ đạo chưa có thành viên nào được ghi nhận"
    )
    expect(composition.locator("h3.role-heading")).to_have_count(0)
    # The standing agency is invited to record the decision that is missing.
    expect(composition.get_by_role("link", name="ghi quyết định kiện toàn")).to_be_visible()
    expect(page).to_have_url(re.compile(r"ngay=01(%2F|/)01(%2F|/)2020"))
    assert page.evaluate("window.e2eSameDocument === true"), "the whole page was reloaded"

    # The decision list leads back to the composition on the decision's date.
    decisions = page.get_by_role("region", name="Các quyết định thành lập, kiện toàn")
    decisions.get_by_role("link").filter(has_text="ngày 18/01/2024").click()
    expect(composition).to_contain_text("tại ngày 18/01/2024")
    expect(role_rows(page, "Phó Trưởng ban thường trực")).to_contain_text("Đầu Thanh Tùng")


def test_agency_page_lists_its_duties_under_the_regulation(log_in):
    page = log_in("thanhhoa.thuongtruc")
    page.locator("#composition").get_by_role("link", name="Cục Thuế tỉnh Thanh Hóa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cục Thuế tỉnh Thanh Hóa")
    assert_rendered_cleanly(page)

    duties = page.get_by_role("region", name=re.compile(r"^Nhiệm vụ theo quy chế"))
    link = page.get_by_role("link", name="Điều 7, khoản 8, điểm c", exact=True)
    reference = duties.locator("tr").filter(has=link)
    expect(reference).to_have_count(1)
    expect(reference).to_contain_text("doanh nghiệp phá sản")
    # One row per clause, even when the agency is bound by it in several ways (name, groups).
    references = duties.locator("tbody tr td:first-child").all_inner_texts()
    assert len(references) == len(set(references)), f"a clause is listed twice: {references}"

    # The reference opens the regulation at that very point.
    reference.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/quy-che/\d+/#clause-\d+$"))
    target = page.locator(":target")
    expect(target).to_contain_text("doanh nghiệp phá sản")
    expect(target).to_be_in_viewport()
    assert_rendered_cleanly(page)


def test_agency_search_ignores_diacritics(log_in):
    page = log_in("thanhhoa.thuongtruc")
    page.goto("/co-quan/")
    assert_rendered_cleanly(page)
    page.get_by_placeholder(re.compile(r"^Tìm theo tên")).fill("cuc thue")
    results = page.locator("#results")
    expect(results).to_contain_text("1 cơ quan")
    results.get_by_role("link", name="Cục Thuế tỉnh Thanh Hóa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cục Thuế tỉnh Thanh Hóa")


def test_administrative_unit_search_without_diacritics(log_in):
    page = log_in("kontum.thuongtruc")
    page.goto("/don-vi-hanh-chinh/")
    assert_rendered_cleanly(page)
    page.get_by_placeholder(re.compile(r"^Tên tỉnh, huyện, xã")).fill("dak glei")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Thị trấn Đăk Glei")).to_be_visible()
    expect(results.get_by_role("link", name="Huyện Đắk Glei")).to_be_visible()

    # The address bar now holds the search, and opening it directly gives the same list.
    expect(page).to_have_url(re.compile(r"[?&]q=dak(\+|%20)glei"))
    page.goto("/don-vi-hanh-chinh/?q=dak+glei")
    expect(results.get_by_role("link", name="Thị trấn Đăk Glei")).to_be_visible()
    assert_rendered_cleanly(page)


def test_agency_officer_cannot_reconstitute_the_committee(log_in):
    page = log_in("thanhhoa.soyte")
    expect(page).to_have_url(COMMITTEE_URL)
    expect(role_rows(page, "Phó Trưởng ban thường trực")).to_contain_text("Đầu Thanh Tùng")
    expect(page.get_by_text("Kiện toàn thành viên")).to_have_count(0)

    response = page.goto(f"/ban-chi-dao/{committee_pk(page)}/kien-toan/")
    assert response.status == 403


def test_other_province_cannot_open_the_committee(log_in):
    from ansinh.org.models import Committee

    thanh_hoa = Committee.objects.get(province__code="38", province__edition="2024")
    page = log_in("kontum.thuongtruc")
    expect(page).to_have_url(COMMITTEE_URL)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kon Tum")
    assert committee_pk(page) != thanh_hoa.pk

    response = page.goto(f"/ban-chi-dao/{thanh_hoa.pk}/")
    assert response.status == 404
