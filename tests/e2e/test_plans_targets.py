"""In a real browser: an agency's own tasks, and the attainment table with its lagging list."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.test_browse import assert_rendered_cleanly

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_plans_and_targets(app_url):
    call_command("load_demo_plans", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo_targets", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return app_url


def test_agency_officer_sees_the_tasks_it_leads_and_filters_them(demo_plans_and_targets, log_in):
    page = log_in("kontum.sotttt")
    page.get_by_role("link", name="Nhiệm vụ của đơn vị").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sở Thông tin và Truyền thông")
    assert_rendered_cleanly(page)
    expect(page.locator("body")).to_contain_text("40 nhiệm vụ (6 chủ trì)")
    page.get_by_label("Vai trò").select_option(label="Chủ trì")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("body")).to_contain_text("6 nhiệm vụ")
    assert "Ph\u1ed1i h\u1ee3p</span>" not in page.content()
    page.get_by_role(
        "link", name="Tham mưu Ủy ban nhân dân tỉnh ban hành Kế hoạch truyền thông", exact=False
    ).first.click()
    expect(page.locator("body")).to_contain_text("Đơn vị chủ trì (như văn bản)")
    assert_rendered_cleanly(page)


def test_leader_reads_attainment_and_the_lagging_list(demo_plans_and_targets, log_in):
    page = log_in("kontum.lanhdao")
    page.get_by_role("link", name="Chỉ tiêu").click()
    page.get_by_label("Tại ngày").fill("31/10/2024")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("#table")).to_contain_text("Huyện Đăk Hà")
    expect(page.locator("#table")).to_contain_text("điểm %")
    expect(page.locator(".rule")).to_contain_text("cuối năm 2023 + (chỉ tiêu năm 2024")
    assert_rendered_cleanly(page)
    page.get_by_role("link", name="Địa phương chậm tiến độ").click()
    page.get_by_label("Tại ngày").fill("31/10/2024")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("main")).to_contain_text("Thành phố Kon Tum")
    assert_rendered_cleanly(page)
