"""Health-insurance fund: facilities, budget split, spending import, peer averages, warnings."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from ansinh.healthfund import selectors
from ansinh.healthfund.enums import WarningStatus
from ansinh.healthfund.models import Budget, Facility, FundWarning, MonthlySpending
from ansinh.org.models import AdminUnit
from tests.conftest import login

pytestmark = pytest.mark.django_db


def xlsx(rows, name="tep.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


@pytest.fixture
def kontum(seed):
    return AdminUnit.objects.get(code="62", edition="2024")


@pytest.fixture
def demo(kontum):
    call_command("load_demo_healthfund", stdout=io.StringIO())
    return kontum


def upload(client, kind, province, file, **extra):
    url = reverse("healthfund:import_upload", args=[kind]) + f"?tinh={province.pk}"
    return client.post(url, {"file": file, "tinh": province.pk, **extra}, follow=True)


def test_facility_import_reports_rows_and_columns_then_loads(client, kontum):
    login(client, "kontum.thuongtruc")
    bad = xlsx([["Mã CSKCB", "Tên cơ sở", "Tuyến", "Hạng", "Chuyên khoa", "Sở hữu"],
                ["62001", "BV A", "Tỉnh", "Hạng IX", "Đa khoa", "Công lập"],
                ["62001", "BV B", "Huyện", "III", "Đa khoa", "Công lập"]])  # fmt: skip
    page = upload(client, "co-so", kontum, bad).content.decode()
    assert "dòng 2, cột Hạng" in page and "dòng 3, cột Mã CSKCB" in page
    assert not Facility.objects.exists()
    good = xlsx([["Mã CSKCB", "Tên cơ sở", "Tuyến", "Hạng", "Chuyên khoa", "Sở hữu"],
                 ["62001", "BV A", "Tuyến tỉnh", "Hạng I", "Đa khoa", "Công lập"]])  # fmt: skip
    response = upload(client, "co-so", kontum, good)
    batch = response.context["batch"]
    client.post(reverse("healthfund:import_apply", args=["co-so", batch.pk]))
    facility = Facility.objects.get()
    assert (facility.tier, facility.rank) == ("province", "1")


def spending_file(rows):
    header = ["Mã CS", "Tháng", "Lượt khám", "Tổng chi phí", "Quỹ BHYT TT", "Tiền thuốc"]
    return xlsx([header, *rows])


def map_and_preview(client, batch_pk):
    mapping = {"facility": "Mã CS", "month": "Tháng", "outpatient_visits": "Lượt khám",
               "total_cost": "Tổng chi phí", "insured_cost": "Quỹ BHYT TT",
               "nhom:thuoc": "Tiền thuốc"}  # fmt: skip
    url = reverse("healthfund:spending_mapping", args=[batch_pk])
    return client.post(url, mapping, follow=True)


def test_spending_import_reports_bad_cells_and_writes_nothing(client, demo):
    login(client, "kontum.thuongtruc")
    MonthlySpending.objects.all().delete()
    file = spending_file([["99999", 1, 10, "1.000", "500", "100"],
                          ["62101", 1, "mười", "-5", "0", "0"],
                          ["62102", 1, 10, "1.000", "2.000", "61,88"]])  # fmt: skip
    response = upload(client, "chi-thang", demo, file, year=2024, source="Cổng giám định")
    page = map_and_preview(client, response.context["batch"].pk).content.decode()
    assert "dòng 2, cột Mã CS: mã cơ sở “99999” không có" in page
    assert "dòng 3, cột Lượt khám" in page and "dòng 3, cột Tổng chi phí" in page
    assert "dòng 4, cột Quỹ BHYT TT" in page
    assert not MonthlySpending.objects.exists()


def test_mapping_is_remembered_and_loaded_month_is_refused_or_replaced(client, demo):
    login(client, "kontum.thuongtruc")
    file = spending_file([["62101", "T1/2024", "1.200", "1.234.567", "1.000.000", "61,88"]])
    response = upload(client, "chi-thang", demo, file, year=2024, source="Cổng giám định")
    preview = map_and_preview(client, response.context["batch"].pk)
    batch = preview.context["batch"]
    assert preview.context["loaded"] == [1]
    client.post(reverse("healthfund:import_apply", args=["chi-thang", batch.pk]))
    assert MonthlySpending.objects.filter(month=1).count() == 40  # refused: nothing changed
    client.post(reverse("healthfund:import_apply", args=["chi-thang", batch.pk]), {"replace": "1"})
    row = MonthlySpending.objects.get(month=1)
    assert (row.total_cost, row.outpatient_visits, row.cost_groups["thuoc"]) == (1234567, 1200, 62)
    again = upload(client, "chi-thang", demo, spending_file([]), year=2024, source="Cổng giám định")
    mapping_page = client.get(
        reverse("healthfund:spending_mapping", args=[again.context["batch"].pk])
    )
    assert "đã điền sẵn cách ghép lần trước" in mapping_page.content.decode()


def test_peer_average_is_sum_over_sum_not_mean_of_ratios(demo):
    peers = list(Facility.objects.filter(province=demo, tier="district", rank="3"))
    figures = selectors.figures(facilities=peers[:1], peers=peers, year=2024, month=3)
    figure = next(f for f in figures if f.indicator.code == "chi_luot_kham" and f.span == "month")
    rows = MonthlySpending.objects.filter(facility__in=peers, month=3)
    expected = sum(r.outpatient_cost for r in rows) / sum(r.outpatient_visits for r in rows)
    assert abs(float(figure.peer_average) - expected) < 0.01
    # A cost group (read from the JSON column), year to date: Σ drugs / Σ total cost of the group.
    drugs = next(f for f in figures if f.indicator.code == "ty_le_thuoc" and f.span == "ytd")
    rows = MonthlySpending.objects.filter(facility__in=peers, month__lte=3)
    expected = sum(r.cost_groups["thuoc"] for r in rows) * 100 / sum(r.total_cost for r in rows)
    assert abs(float(drugs.peer_average) - expected) < 0.01


def test_demo_has_warnings_and_sending_notifies_department(client, demo):
    found = selectors.exceedances(province=demo, year=2024, month=12)
    assert {f.facility.code for f in found} >= {"62303", "62507"}
    login(client, "kontum.thuongtruc")
    page = client.get(
        reverse("healthfund:warning_list") + f"?tinh={demo.pk}&nam=2024"
    ).content.decode()
    assert "Trạm Y tế xã số 7" in page and "Dữ liệu minh họa" in page
    client.post(reverse("healthfund:warnings_send"), {"tinh": demo.pk, "nam": 2024, "thang": 12})
    assert FundWarning.objects.count() == len(found)
    client.post(reverse("healthfund:warnings_send"), {"tinh": demo.pk, "nam": 2024, "thang": 12})
    assert FundWarning.objects.count() == len(found)  # never twice


def test_warning_followed_until_explained_then_closed(client, demo):
    from ansinh.healthfund import services

    warning = services.warnings_send(province=demo, year=2024, month=12)[0]
    login(client, "kontum.lanhdao")
    url = reverse("healthfund:warning_detail", args=[warning.pk])
    assert client.post(url, {"explanation": "x"}).status_code == 403
    login(client, "kontum.thuongtruc")
    assert client.post(url, {"explanation": ""}).status_code == 200
    client.post(url, {"explanation": "Tăng ca bệnh nặng chuyển tuyến."})
    client.post(reverse("healthfund:warning_close", args=[warning.pk]))
    warning.refresh_from_db()
    assert warning.status == WarningStatus.CLOSED
    assert "Tăng ca bệnh nặng" in client.get(url).content.decode()
    letter = client.get(reverse("healthfund:warning_letter", args=[warning.pk]))
    assert letter["Content-Type"].startswith("application/vnd.openxmlformats")


def test_health_officer_gets_notice_and_email(demo, django_capture_on_commit_callbacks):
    from ansinh.accounts.models import User
    from ansinh.healthfund import services
    from ansinh.org.models import Agency
    from ansinh.reporting.models import Notice

    agency = Agency.objects.get(province=demo, key="so-y-te")
    officer, _ = User.objects.update_or_create(
        username="kontum.soyte",
        defaults={"role": "agency_officer", "agency": agency, "email": "soyte@example.vn"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.warnings_send(province=demo, year=2024, month=12)
    assert Notice.objects.filter(user=officer, title__contains="tháng 12/2024").exists()
    assert mail.outbox[0].to == ["soyte@example.vn"]


def test_allocation_sum_may_not_exceed_budget(client, demo):
    login(client, "kontum.thuongtruc")
    budget = Budget.objects.get()
    facility = Facility.objects.get(code="62101")
    url = reverse("healthfund:budget") + f"?tinh={demo.pk}&nam=2024"
    response = client.post(url, {f"f{facility.pk}": str(budget.amount + 1)})
    assert "vượt dự toán" in response.content.decode()
    response = client.post(url, {f"f{facility.pk}": "abc"})
    assert "không phải số tiền" in response.content.decode()
    export = client.get(url + "&xuat=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    allocation = facility.allocations.get()
    notice = client.get(reverse("healthfund:allocation_notice", args=[allocation.pk]))
    assert notice["Content-Type"].startswith("application/vnd.openxmlformats")


def test_burn_down_projects_to_year_end_and_flags_overrun(demo):
    burn = selectors.burn_down(province=demo, year=2024)
    assert burn.projected == burn.spent  # twelve months loaded
    MonthlySpending.objects.filter(month__gt=6).delete()
    burn = selectors.burn_down(province=demo, year=2024)
    assert burn.projected == burn.spent * 2
    Budget.objects.update(amount=burn.spent)
    assert selectors.burn_down(province=demo, year=2024).over_budget


def test_report_figures(demo):
    figures = selectors.report_figures(province=demo, year=2024)
    assert figures["month"] == 12 and figures["facilities"] == 40
    assert figures["facilities_above_peers"] >= 2


@pytest.mark.parametrize(
    ("username", "status"),
    [("kontum.thuongtruc", 200), ("kontum.lanhdao", 200), ("kontum.sotttt", 403),
     ("thanhhoa.thuongtruc", 404)],
)  # fmt: skip
def test_access_by_role_and_province(client, demo, username, status):
    login(client, username)
    for name in ("facility_list", "budget", "burn_down", "warning_list"):
        assert client.get(reverse(f"healthfund:{name}") + f"?tinh={demo.pk}").status_code == status


def test_pages_render_for_manager(client, demo):
    login(client, "kontum.thuongtruc")
    facility = Facility.objects.get(code="62101")
    page = client.get(reverse("healthfund:facility_detail", args=[facility.pk]) + "?nam=2024")
    assert "Bình quân cùng nhóm" in page.content.decode()
    assert (
        "<svg"
        in client.get(
            reverse("healthfund:burn_down") + f"?tinh={demo.pk}&nam=2024"
        ).content.decode()
    )
    export = client.get(reverse("healthfund:facility_list") + f"?tinh={demo.pk}&xuat=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
