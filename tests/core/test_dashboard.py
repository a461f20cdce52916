"""The leaders' overview (Tổng quan): attainment by locality, overdue tasks and reports, decisions
to take and the health-insurance fund of one province, for leaders and the standing agency."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from ansinh.org.models import AdminUnit
from tests.conftest import login

DEMO = ("load_demo_plans", "load_demo_reporting", "load_demo_targets", "load_demo_healthfund",
        "load_demo_meetings", "load_demo_rewards")  # fmt: skip
NOW = dt.datetime(2026, 11, 20, 9)  # after the demo meetings of 2026, before the coming one
URL = reverse("core:dashboard")


def quiet():
    return open("/dev/null", "w")


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def block(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def demo(seed):
    with time_machine.travel(NOW):
        for command in DEMO:
            call_command(command, stdout=quiet())


@time_machine.travel(NOW)
def test_leader_sees_every_block_with_demo_data(client, demo):
    login(client, "kontum.lanhdao")
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tổng quan · Tỉnh Kon Tum · năm 2024" in text(response)  # the latest year with data
    attainment = block(page, "chi-tieu")
    assert "Huyện Đăk Hà" in attainment and "Toàn tỉnh" in attainment
    assert "text-bg-danger" in attainment and "% kế hoạch" in attainment
    assert reverse("targets:attainment") in attainment
    tasks = re.sub(r"<[^>]+>", " ", block(page, "nhiem-vu"))
    assert re.search(r"Nhiệm vụ quá hạn chưa hoàn thành\s+(\d+)", tasks)
    assert "(10 trên" in tasks and "chủ trì: " in tasks and "quá " in tasks
    assert len(re.findall(r'href="/nhiem-vu/\d+/"', block(page, "nhiem-vu"))) == 10
    reports = block(page, "bao-cao")
    assert "Báo cáo năm – Năm 2024: đầy đủ" in re.sub(r"<[^>]+>", "", reports)
    assert "báo cáo quá hạn chưa gửi" in reports and "?nam=2024" in reports
    decisions = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block(page, "can-quyet-dinh")))
    assert "2 chờ thẩm định" in decisions  # the demo's commendation proposals
    assert "Họp Ban Chỉ đạo định kỳ tháng 12/2026" in decisions
    assert "Lấy ý kiến dự thảo Kế hoạch thực hiện chính sách BHXH, BHYT năm 2025" in decisions
    fund = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block(page, "quy-kcb")))
    assert "Dự toán được giao 1.150.000.000.000 đ" in fund
    assert "cơ sở có chỉ số chi phí cao hơn bình quân nhóm (trong 40 cơ sở)" in fund
    assert reverse("healthfund:warning_list") in block(page, "quy-kcb")


@time_machine.travel(NOW)
def test_within_a_query_budget(client, demo, django_assert_max_num_queries):
    login(client, "kontum.thuongtruc")  # the standing agency sees it too
    with django_assert_max_num_queries(40):  # 35 today: a few per plan and per regime, not per row
        response = client.get(URL + "?nam=2024")
    assert response.status_code == 200


def test_agency_officers_are_refused(client, seed):
    for username in ("kontum.sotttt", "kontum.dakha", "thanhhoa.soyte"):
        login(client, username)
        assert client.get(URL).status_code == 403, username
    client.logout()
    assert client.get(URL).status_code == 302  # to the login page


def test_another_province_is_not_shown(client, seed):
    thanh_hoa = AdminUnit.objects.get(code="38", edition="2024", parent__isnull=True)
    login(client, "kontum.lanhdao")
    assert client.get(URL + f"?tinh={thanh_hoa.pk}").status_code == 404
    page = text(client.get(URL))
    assert "Tỉnh Kon Tum" in page and "Thanh Hóa" not in page
    login(client, "quantri")  # an administrator picks any province
    assert "Tổng quan · Tỉnh Thanh Hóa" in text(client.get(URL + f"?tinh={thanh_hoa.pk}"))


@time_machine.travel(NOW)
def test_empty_states_without_data(client, seed):
    login(client, "kontum.lanhdao")
    page = text(client.get(URL + "?nam=2024"))
    assert "Chưa có số liệu chỉ tiêu năm 2024." in page
    assert "Chưa có kế hoạch năm 2024 đã ban hành." in page
    assert "Ban Chỉ đạo chưa có chế độ báo cáo." in page
    assert "Không có việc nào đang chờ." in page
    assert "Chưa có dự toán, số liệu chi KCB BHYT năm 2024." in page


def test_the_menu_offers_the_dashboard_only_to_those_who_may_open_it(client, seed):
    from django.urls import reverse

    from tests.conftest import login

    url = reverse("core:dashboard")
    login(client, "kontum.lanhdao")
    assert f'href="{url}"' in client.get(reverse("reporting:my_reports")).content.decode()
    login(client, "kontum.sotttt")
    assert f'href="{url}"' not in client.get(reverse("reporting:my_reports")).content.decode()
