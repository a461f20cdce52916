"""Employer compliance in a real browser: a data partner sends its quarterly list through the
column-mapping step, the standing agency reconciles and reads the findings, anyone reads the public
list of late payers."""

import io

import pytest
import time_machine
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

HEADER = "Mã số thuế;Tên doanh nghiệp;Địa chỉ;Huyện;Tình trạng;Số lao động\n"
GOOD = HEADER + (
    "6100000001;Công ty TNHH Hòa Bình;số 1 Trần Phú;Thành phố Kon Tum;Đang hoạt động;12\n"
    "6100000002;Công ty CP Sao Mai;thôn 2;Huyện Đăk Hà;Giải thể;0\n"
)
BAD = HEADER + (
    "6100000001;Công ty TNHH Hòa Bình;số 1 Trần Phú;Thành phố Kon Tum;Đang hoạt động;12\n"
    "12345;Công ty CP Sao Mai;thôn 2;Huyện Đăk Hà;Giải thể;0\n"
)


def quiet():
    return io.StringIO()


def send_list(page, name: str, content: str):
    page.goto("/don-doc-thu/danh-sach-dn/nap/")
    page.get_by_label("Năm").fill("2024")
    page.get_by_label("Quý").select_option("4")
    page.get_by_label("Tệp danh sách").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content.encode()}
    )
    page.get_by_role("button", name="Tiếp tục: ghép cột").click()
    # The columns were guessed from the headers; the partner only checks them.
    expect(page.get_by_label("Mã số thuế")).to_have_value("Mã số thuế")
    page.get_by_role("button", name="Kiểm tra và xem trước").click()


@time_machine.travel("2025-01-03 09:00 +07:00", tick=True)
def test_partner_sends_its_quarterly_list_and_it_counts_as_the_report(log_in):
    call_command("load_demo_reporting", stdout=quiet())
    page = log_in("kontum.sokhdt")
    send_list(page, "ds-loi.csv", BAD)
    expect(page.get_by_text("dòng 3")).to_be_visible()
    expect(page.get_by_role("button", name="Xác nhận nạp")).to_have_count(0)

    send_list(page, "ds-quy4.csv", GOOD)
    expect(page.get_by_text("Danh sách doanh nghiệp hằng quý, Quý 4/2024")).to_be_visible()
    page.get_by_role("button", name="Xác nhận nạp").click()
    expect(page.get_by_text("Đã nạp ds-quy4.csv")).to_be_visible()
    expect(
        page.get_by_text("tính là báo cáo “Danh sách doanh nghiệp hằng quý, Quý 4/2024”")
    ).to_be_visible()
    page.goto("/don-doc-thu/danh-sach-dn/?nam=2024")
    row = page.locator("table.quarter-status tr").filter(has_text="Sở Kế hoạch và Đầu tư")
    expect(row).to_contain_text("Đã gửi")


def test_standing_agency_reconciles_and_reads_the_findings(log_in):
    call_command("load_demo_reporting", stdout=quiet())
    call_command("load_demo_compliance", "--employers", "200", stdout=quiet())
    page = log_in("kontum.thuongtruc")
    page.goto("/don-doc-thu/doi-chieu/")
    page.get_by_role("button", name="Chạy đối chiếu").click()
    expect(page.locator("#tien-do")).to_contain_text("Đã xong", timeout=30_000)

    page.goto("/don-doc-thu/phat-hien/")
    expect(
        page.get_by_text("Doanh nghiệp đang hoạt động chưa có mã đơn vị BHXH").first
    ).to_be_visible()
    expect(page.get_by_text("Không tìm thấy đơn vị tham gia BHXH").first).to_be_visible()

    # The public list needs no account and states its data date.
    page.context.clear_cookies()
    page.goto("/cong-khai/cham-dong/62/")
    expect(page.get_by_text("Số liệu tại ngày")).to_be_visible()
    expect(page.get_by_role("row")).not_to_have_count(1)
