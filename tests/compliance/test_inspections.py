"""Inspections: candidates ranked with their reasons, cases created from them with progress and
outcome recorded (constraint errors on the field to correct), read by leaders, refused to
others; the figures the consolidated report prints."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import docx
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from ansinh.compliance import services_inspections
from ansinh.compliance.enums import ArrearsClass, FindingKind, FindingStatus
from ansinh.compliance.models import (
    ArrearsLine,
    ArrearsStatement,
    Employer,
    Finding,
    InspectionCase,
)
from ansinh.compliance.selectors_inspections import inspection_candidates, inspection_figures
from ansinh.org.models import AdminUnit, Agency
from ansinh.reporting.consolidated_compliance import compliance_context
from ansinh.reporting.consolidated_sample import sample_context
from ansinh.reporting.docx_render import default_template, render_docx
from tests.conftest import login

JULY = dt.datetime(2025, 7, 15, 9)


def kon_tum():
    return AdminUnit.objects.get(code="62", edition="2024")


def employer(province, tax_code, name, insurer_code="", address="Phường Quyết Thắng, TP Kon Tum"):
    return Employer.objects.create(
        province=province,
        tax_code=tax_code,
        insurer_code=insurer_code or f"TA{tax_code[-4:]}",
        name=name,
        address=address,
    )


def statement_with(province, as_of, rows) -> ArrearsStatement:
    """`rows`: (employer, months late, closing)."""
    statement = ArrearsStatement.objects.create(province=province, as_of=as_of)
    for number, (unit, months, closing) in enumerate(rows, start=1):
        ArrearsLine.objects.create(
            statement=statement,
            employer=unit,
            row_number=number,
            closing=closing,
            computed_closing=closing,
            months_late=Decimal(months),
            arrears_class=ArrearsClass.OVER_12 if months else ArrearsClass.NONE,
        )
    return statement


def bhxh(province):
    return Agency.objects.get(province=province, key="bhxh-tinh")


@pytest.fixture
def units(seed):
    """Five employers of Kon Tum: A owes 12 months (200 million), B 3 months, C only a finding
    of suspected evasion, D owes but was inspected in May, E owes nothing."""
    province = kon_tum()
    a = employer(province, "6100000001", "Công ty TNHH Hòa Bình")
    b = employer(province, "6100000002", "Công ty CP Sông Đà")
    c = employer(province, "6100000003", "Doanh nghiệp tư nhân Minh Phát")
    d = employer(province, "6100000004", "Công ty TNHH Đăk Hà")
    e = employer(province, "6100000005", "Hợp tác xã Ngọc Hồi")
    statement_with(
        province,
        dt.date(2025, 6, 30),
        [(a, "12", 200_000_000), (b, "3", 5_000_000), (d, "4", 40_000_000), (e, "0", 0)],
    )
    Finding.objects.create(
        province=province,
        kind=FindingKind.HEADCOUNT_GAP,
        employer=c,
        name=c.name,
        tax_code=c.tax_code,
        evidence=[{"thue": 40, "bhxh": 12}],
    )
    Finding.objects.create(  # handled: no longer a reason
        province=province,
        kind=FindingKind.CLOSED_WITH_ACCOUNT,
        status=FindingStatus.RESOLVED,
        employer=b,
        name=b.name,
    )
    inspected = InspectionCase.objects.create(
        province=province,
        title="Kiểm tra tháng 5",
        team="Nguyễn Văn A — BHXH tỉnh",
        lead_agency=bhxh(province),
        starts_on=dt.date(2025, 5, 5),
        ends_on=dt.date(2025, 5, 9),
    )
    inspected.employers.set([d])
    return {"province": province, "a": a, "b": b, "c": c, "d": d, "e": e}


@time_machine.travel(JULY)
def test_candidates_are_ranked_with_their_reasons(units):
    candidates = inspection_candidates(province=units["province"], today=dt.date(2025, 7, 15))
    names = [c.employer.name for c in candidates]
    # A: 24 + 20 + 10; C: 25 + 10; D: 8 + 4 (inspected in May); B: 6 + 0 + 10.
    assert names == [
        "Công ty TNHH Hòa Bình",
        "Doanh nghiệp tư nhân Minh Phát",
        "Công ty CP Sông Đà",
        "Công ty TNHH Đăk Hà",
    ]
    assert [c.score for c in candidates] == [54, 35, 16, 12]
    first = [r.text for r in candidates[0].reasons]
    assert first == [
        "Chậm đóng 12,0 tháng (số liệu tại 30/06/2025)",
        "Số tiền chậm đóng 200.000.000 đồng",
        "Không được thanh tra, kiểm tra trong 12 tháng qua",
    ]
    assert "Đã thanh tra, kiểm tra (kết thúc 09/05/2025)" in candidates[3].reasons_text


@time_machine.travel(JULY)
def test_candidate_page_for_the_standing_agency_and_leaders_only(client, units):
    url = reverse("compliance:inspection_candidates") + f"?tinh={units['province'].pk}"
    login(client, "kontum.thuongtruc")
    page = client.get(url).content.decode()
    assert "Phát hiện: Số lao động theo thuế cao hơn số tham gia (nghi trốn đóng)" in page
    assert 'name="dv"' in page  # the standing agency selects candidates for a case
    assert "Hợp tác xã Ngọc Hồi" not in page  # owes nothing, no finding

    login(client, "kontum.lanhdao")
    page = client.get(url).content.decode()
    assert "Công ty TNHH Hòa Bình" in page and 'name="dv"' not in page

    login(client, "kontum.sokhdt")
    assert client.get(url).status_code == 403
    login(client, "thanhhoa.thuongtruc")
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


@time_machine.travel(JULY)
def test_candidates_export_to_excel(client, units):
    login(client, "kontum.lanhdao")
    response = client.get(
        reverse("compliance:inspection_candidates"), {"tinh": units["province"].pk, "xuat": "xlsx"}
    )
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["D5"].value == "Công ty TNHH Hòa Bình"
    assert sheet["H5"].value == 54
    assert "Chậm đóng 12,0 tháng" in sheet["I5"].value
    assert sheet.max_row == 8


def case_form(province, **extra):
    return {
        "title": "Thanh tra việc đóng BHXH quý III/2025",
        "decision_number": "125/QĐ-TTr",
        "lead_agency": Agency.objects.get(province=province, key="thanh-tra-tinh").pk,
        "team": "Trần Văn B — Thanh tra tỉnh\nLê Thị C — BHXH tỉnh",
        "starts_on": "01/08/2025",
        "ends_on": "15/08/2025",
        **extra,
    }


@time_machine.travel(JULY)
def test_case_created_from_selected_candidates_then_concluded(client, units):
    province = units["province"]
    login(client, "kontum.thuongtruc")
    create = reverse("compliance:inspection_create") + f"?tinh={province.pk}"
    page = client.get(create, {"dv": [units["a"].pk, units["c"].pk]}).content.decode()
    assert "Công ty TNHH Hòa Bình" in page and "Doanh nghiệp tư nhân Minh Phát" in page

    response = client.post(
        create,
        case_form(province, employers=[units["a"].pk], more_codes="6100000003"),
    )
    case = InspectionCase.objects.get(decision_number="125/QĐ-TTr")
    assert response.url == reverse("compliance:inspection_detail", args=[case.pk])
    assert {e.name for e in case.employers.all()} == {
        "Công ty TNHH Hòa Bình",
        "Doanh nghiệp tư nhân Minh Phát",
    }

    progress = reverse("compliance:inspection_progress", args=[case.pk])
    outcome = {
        "status": "ket_luan",
        "ends_on": "15/08/2025",
        "outcome": "chuyen_cong_an",
        "fined_amount": "50.000.000",
        "recovered_amount": "120.000.000",
        "follow_up": "Đôn đốc nộp số còn nợ trước 30/09/2025.",
    }
    response = client.post(progress, outcome)  # referral without its date: refused on the field
    assert response.status_code == 400
    assert "Chuyển cơ quan công an phải có ngày chuyển." in response.content.decode()
    case.refresh_from_db()
    assert case.outcome == "chua_co"

    response = client.post(progress, {**outcome, "ends_on": "31/07/2025"})
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()

    response = client.post(progress, {**outcome, "referred_on": "20/08/2025"})
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Chuyển cơ quan công an (BLHS Điều 214, 216), chuyển ngày 20/08/2025" in page
    assert "120.000.000 đồng" in page
    assert "Lịch sử thay đổi" in page and "kontum.thuongtruc" in page

    listing = reverse("compliance:inspection_list")
    page = client.get(listing, {"tinh": province.pk, "ket_qua": "chuyen_cong_an"}).content
    assert "Thanh tra việc đóng BHXH quý III/2025" in page.decode()
    page = client.get(listing, {"tinh": province.pk, "ket_qua": "xu_phat"}).content.decode()
    assert "Thanh tra việc đóng BHXH quý III/2025" not in page
    export = client.get(listing, {"tinh": province.pk, "nam": "2025", "xuat": "xlsx"})
    rows = list(
        load_workbook(BytesIO(export.content)).active.iter_rows(min_row=5, values_only=True)
    )
    assert [(r[0], r[5], r[8], r[10]) for r in rows] == [
        ("Thanh tra việc đóng BHXH quý III/2025", 2, 50_000_000, "20/08/2025"),
        ("Kiểm tra tháng 5", 1, 0, None),  # an empty cell
    ]


@time_machine.travel(JULY)
def test_case_form_names_what_is_wrong(client, units):
    province = units["province"]
    login(client, "kontum.thuongtruc")
    create = reverse("compliance:inspection_create") + f"?tinh={province.pk}"
    response = client.post(create, case_form(province, ends_on="20/07/2025", more_codes="123"))
    text = response.content.decode()
    assert response.status_code == 400
    assert "Không tìm thấy đơn vị của tỉnh có mã: 123." in text
    response = client.post(create, case_form(province, starts_on="32/08/2025"))
    assert "“32/08/2025” không phải ngày" in response.content.decode()
    response = client.post(create, case_form(province, employers=[units["a"].pk],
                                             ends_on="20/07/2025"))  # fmt: skip
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()
    assert not InspectionCase.objects.filter(title__startswith="Thanh tra việc").exists()


def test_only_the_standing_agency_manages_cases(client, units):
    province = units["province"]
    case = InspectionCase.objects.get(title="Kiểm tra tháng 5")
    login(client, "kontum.lanhdao")
    assert client.get(reverse("compliance:inspection_detail", args=[case.pk])).status_code == 200
    create = reverse("compliance:inspection_create") + f"?tinh={province.pk}"
    assert client.get(create).status_code == 403
    progress = reverse("compliance:inspection_progress", args=[case.pk])
    assert client.post(progress, {"status": "ket_luan"}).status_code == 403
    login(client, "kontum.dakha")
    assert client.get(reverse("compliance:inspection_detail", args=[case.pk])).status_code == 403
    login(client, "thanhhoa.thuongtruc")
    assert client.get(reverse("compliance:inspection_detail", args=[case.pk])).status_code == 404


def test_service_puts_constraint_errors_on_fields(units):
    case = InspectionCase.objects.get(title="Kiểm tra tháng 5")
    with pytest.raises(ValidationError) as caught:
        services_inspections.inspection_update(
            case=case, user=None, status="ket_luan", outcome="chuyen_cong_an"
        )
    assert caught.value.message_dict == {
        "referred_on": ["Chuyển cơ quan công an phải có ngày chuyển."]
    }
    with pytest.raises(ValidationError) as caught:
        services_inspections.inspection_update(case=case, user=None, fined_amount=-1)
    assert "Số tiền không được âm." in caught.value.message_dict["fined_amount"]
    with pytest.raises(ValidationError) as caught:
        services_inspections.inspection_update(
            case=case, user=None, status="ket_luan", outcome="xu_phat"
        )
    assert caught.value.message_dict == {
        "fined_amount": ["Kết quả xử phạt phải có số tiền xử phạt."]
    }


def test_figures_for_the_consolidated_report(units):
    province = units["province"]
    concluded = services_inspections.inspection_create(
        province=province, user=None, title="Thanh tra quý II", team="Đoàn liên ngành",
        lead_agency=bhxh(province), employers=[units["a"], units["b"], units["d"]],
        starts_on=dt.date(2025, 6, 20), ends_on=dt.date(2025, 7, 5),
    )  # fmt: skip
    services_inspections.inspection_update(
        case=concluded, user=None, status="ket_luan", outcome="chuyen_cong_an",
        fined_amount=30_000_000, recovered_amount=75_500_000, referred_on=dt.date(2025, 7, 10),
    )  # fmt: skip
    figures = inspection_figures(province=province, start=dt.date(2025, 7, 1),
                                 end=dt.date(2025, 9, 30))  # fmt: skip
    assert figures == {
        "started": 0,
        "concluded": 1,
        "employers": 3,
        "fined": 30_000_000,
        "recovered": 75_500_000,
        "referrals": 1,
    }
    quarter = compliance_context(
        province=province, start=dt.date(2025, 4, 1), end=dt.date(2025, 6, 30)
    )
    assert quarter["co_so_lieu"] and quarter["so_dot_bat_dau"] == 2
    assert quarter["so_don_vi"] == 3 and quarter["tien_phat"] == "0"
    empty = compliance_context(province=province, start=dt.date(2024, 1, 1),
                               end=dt.date(2024, 3, 31))  # fmt: skip
    assert not empty["co_so_lieu"] and empty["tu_ngay"] == "01/01/2024"


def test_default_report_template_prints_the_inspections():
    def text(context):
        document = docx.Document(BytesIO(render_docx(default_template(), context)))
        return "\n".join(p.text for p in document.paragraphs)

    context = sample_context()
    printed = text(context)
    assert "5. Thanh tra, kiểm tra việc đóng BHXH, BHYT, BHTN" in printed
    assert (
        "Từ ngày 01/01/2025 đến ngày 31/03/2025: bắt đầu 2 đợt thanh tra, kiểm tra, kết luận 1 "
        "đợt; 7 đơn vị sử dụng lao động được thanh tra, kiểm tra; xử phạt vi phạm hành chính "
        "85.000.000 đồng; thu hồi 1.240.500.000 đồng; chuyển cơ quan công an 1 hồ sơ"
    ) in printed
    context["thanh_tra"]["co_so_lieu"] = False
    assert "Thanh tra, kiểm tra việc đóng" not in text(context)
