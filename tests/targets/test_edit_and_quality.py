"""Editing one target in the browser; the data-quality page and its Excel export."""

from decimal import Decimal
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from ansinh.core.periods import Period, PeriodKind
from ansinh.targets.importers.values import ValueRow
from ansinh.targets.models import Measure, MeasureValue, Target
from ansinh.targets.services import values_apply
from tests.conftest import login


def _target(dak_ha, code="bhxh"):
    return Target.objects.get(admin_unit=dak_ha, indicator__code=code, year=2024)


def _edit_url(target):
    return reverse("targets:target_edit", args=[target.pk])


def test_standing_officer_edits_a_target_with_vietnamese_input_and_sees_history(
    client, demo, dak_ha
):
    login(client, "kontum.thuongtruc")
    target = _target(dak_ha)
    listing = client.get(reverse("targets:target_list"), {"nam": 2024}).content.decode()
    assert _edit_url(target) in listing
    page = client.get(_edit_url(target)).content.decode()
    assert "Sửa chỉ tiêu" in page and target.percent_display.replace(" %", "") in page
    response = client.post(_edit_url(target), {"percent": "24,88", "source": "QĐ số 1"})
    assert response.status_code == 302 and "nam=2024" in response["Location"]
    target.refresh_from_db()
    assert target.percent == Decimal("24.88") and target.source == "QĐ số 1"
    html = client.get(
        reverse("targets:unit_detail", args=[dak_ha.pk]), {"ngay": "31/10/2024"}
    ).content.decode()
    assert "24.88" in html or "24,88" in html
    assert "kontum.thuongtruc" in html or "Kon Tum" in html  # actor shown in the history


def test_target_form_explains_bad_input_in_vietnamese(client, demo, dak_ha):
    login(client, "kontum.thuongtruc")
    target = _target(dak_ha)
    before = target.percent
    for raw, message in [
        ("nhiều", "không phải là số"),
        ("101", "từ 0 đến 100"),
        ("-3", "từ 0 đến 100"),
        ("24,885", "hai chữ số thập phân"),
        ("", "Nhập chỉ tiêu"),
    ]:
        response = client.post(_edit_url(target), {"percent": raw})
        assert response.status_code == 200
        assert message in response.content.decode(), raw
    target.refresh_from_db()
    assert target.percent == before


def test_only_standing_officers_edit_targets(client, demo, dak_ha, district_officer):
    target = _target(dak_ha)
    client.force_login(district_officer)
    assert client.get(_edit_url(target)).status_code == 403
    assert client.post(_edit_url(target), {"percent": "50"}).status_code == 403
    login(client, "kontum.lanhdao")
    assert client.post(_edit_url(target), {"percent": "50"}).status_code == 403
    assert (
        _edit_url(target)
        not in client.get(reverse("targets:target_list"), {"nam": 2024}).content.decode()
    )
    login(client, "thanhhoa.thuongtruc")
    assert client.post(_edit_url(target), {"percent": "50"}).status_code == 404
    client.logout()
    assert client.get(_edit_url(target)).status_code == 302
    target.refresh_from_db()
    assert target.percent != Decimal("50")


def _bad_values(dak_ha):
    """Stored values breaking each rule for Đăk Hà, November 2024."""
    measures = {m.code: m for m in Measure.objects.all()}
    period = Period(2024, PeriodKind.MONTH, 11)
    rows = [
        ValueRow(measures["bhxh"], dak_ha, period, 90_000),  # > labour force, jump
        ValueRow(measures["bhxh_tn"], dak_ha, period, 95_000),  # > all BHXH
        ValueRow(measures["llld"], dak_ha, period, 40_000),
        ValueRow(measures["bhyt"], dak_ha, period, 50_000),  # no population this month
    ]
    values_apply(rows=rows)


def test_quality_page_lists_flags_of_stored_values_and_exports_excel(client, demo, dak_ha):
    _bad_values(dak_ha)
    login(client, "kontum.thuongtruc")
    response = client.get(reverse("targets:quality"), {"nam": 2024})
    html = response.content.decode()
    for rule in ("Số thành phần lớn hơn tổng", "Tỷ lệ trên 100 %", "Thiếu mẫu số",
                 "Tăng, giảm đột biến"):  # fmt: skip
        assert rule in html
    assert "Huyện Đăk Hà" in html and "Tháng 11/2024" in html and "90.000" in html
    assert "Huyện Kon Plông" in html  # the demo's anomaly in June
    # shown, never fixed
    assert MeasureValue.objects.get(admin_unit=dak_ha, measure__code="bhxh_tn",
                                    period_number=11).value == 95_000  # fmt: skip
    export = client.get(reverse("targets:quality"), {"nam": 2024, "xuat": "excel"})
    sheet = load_workbook(BytesIO(export.content)).active
    assert sheet["A1"].value.startswith("CẢNH BÁO CHẤT LƯỢNG SỐ LIỆU NĂM 2024")
    cells = [c for row in sheet.iter_rows(min_row=5, values_only=True) for c in row]
    assert "Huyện Đăk Hà" in cells and "Thiếu mẫu số" in cells and "Tháng 11/2024" in cells
    attainment = client.get(reverse("targets:attainment"), {"ngay": "30/11/2024"}).content
    assert reverse("targets:quality").encode() in attainment
    assert "cảnh báo chất lượng số liệu".encode() in attainment


def test_quality_page_access(client, demo, kon_tum, dak_ha, district_officer):
    _bad_values(dak_ha)
    client.force_login(district_officer)
    html = client.get(reverse("targets:quality"), {"nam": 2024}).content.decode()
    assert "Huyện Đăk Hà" in html and "Huyện Kon Plông" not in html
    login(client, "kontum.lanhdao")
    html = client.get(reverse("targets:quality"), {"nam": 2024}).content.decode()
    assert "Huyện Kon Plông" in html
    login(client, "thanhhoa.lanhdao")
    assert client.get(reverse("targets:quality"), {"tinh": kon_tum.pk}).status_code == 404
    client.logout()
    assert client.get(reverse("targets:quality")).status_code == 302


def test_attainment_has_no_quality_link_without_flags(client, seed):
    login(client, "kontum.thuongtruc")
    html = client.get(reverse("targets:attainment"), {"ngay": "31/10/2024"}).content.decode()
    assert "cảnh báo chất lượng số liệu" not in html
