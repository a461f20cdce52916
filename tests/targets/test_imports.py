"""Uploading targets and periodic values: preview with row/column problems, then apply once."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from ansinh.core.models import ImportBatch
from ansinh.targets.models import MeasureValue, Target
from ansinh.targets.selectors.consistency import target_consistency
from tests.conftest import login
from tests.spreadsheets import xlsx


def upload(client, kind, province, content, name="tep.xlsx"):
    return client.post(
        reverse("targets:import_upload", args=[kind]),
        {"province": province.pk, "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


VALUES_HEADER = ["Mã ĐVHC", "Đơn vị", "Kỳ", "bhxh", "bhxh_tn", "llld"]


def test_bad_values_workbook_names_row_and_column_and_writes_nothing(client, demo, kon_tum):
    login(client, "kontum.thuongtruc")
    before = MeasureValue.objects.count()
    content = xlsx(
        [
            ["SỐ LIỆU"],
            VALUES_HEADER,
            ["", "Huyện Không Có", "Tháng 11/2024", 1, 1, 10],
            ["615", "", "Tháng 11/2024", "nhiều", 1, 10],
            ["615", "", "Tháng 11/2024", 5, 1, 10],
            ["616", "", "Tháng 11/2024", "96,5%", 1, 10],
            ["617", "", "Tháng 11/2024", 101.5, 1, 10],
        ]
    )
    html = upload(client, "so-lieu", kon_tum, content).content.decode()
    assert "không có đơn vị “Huyện Không Có”" in html and "dòng 3, cột Đơn vị" in html
    assert "dòng 4, cột bhxh" in html and "không phải là số" in html
    assert "dòng 5, cột Mã ĐVHC" in html and "dòng trùng" in html
    assert "dòng 6, cột bhxh" in html and "không phải tỷ lệ phần trăm" in html
    assert "dòng 7, cột bhxh" in html and "có phải là tỷ lệ %" in html
    assert "Xác nhận nạp" not in html
    assert MeasureValue.objects.count() == before


def test_values_preview_flags_quality_then_apply_writes_with_history(client, demo, kon_tum):
    user = login(client, "kontum.thuongtruc")
    content = xlsx(
        [
            VALUES_HEADER,
            ["615", "Huyện Đăk Hà", "Tháng 11/2024", "30.000", "31.000", "1.017.308"],
            ["618", "", "T11/2024", 200, 10, ""],
        ]
    )
    html = upload(client, "so-lieu", kon_tum, content).content.decode()
    assert "Tệp hợp lệ" in html and "6 số liệu" not in html
    assert "Số thành phần lớn hơn tổng" in html  # voluntary above all BHXH
    assert "Tăng, giảm đột biến" in html  # 30.000 against ~16.000 in October
    assert "Thiếu mẫu số" in html  # Ia H'Drai without labour force
    batch = ImportBatch.objects.get(kind="target_values")
    client.post(reverse("targets:import_apply", args=["so-lieu", batch.pk]))
    value = MeasureValue.objects.get(
        admin_unit__code="615", measure__code="llld", year=2024, period_number=11
    )
    assert value.value == 1_017_308 and value.period_end == dt.date(2024, 11, 30)
    entry = LogEntry.objects.get_for_object(value).get()
    assert entry.actor == user and entry.changes["value"] == ["None", "1017308"]
    # applying twice writes nothing more
    client.post(reverse("targets:import_apply", args=["so-lieu", batch.pk]))
    assert LogEntry.objects.get_for_object(value).count() == 1


def test_targets_from_downloaded_template_with_vietnamese_numbers(client, demo, kon_tum):
    login(client, "kontum.thuongtruc")
    response = client.get(
        reverse("targets:template", args=["chi-tieu"]), {"tinh": kon_tum.pk, "nam": 2025}
    )
    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook.active
    assert [c.value for c in sheet[4]][:4] == ["Năm", "Mã ĐVHC", "Đơn vị", "BHXH (%)"]
    sheet["D5"] = "26,5"
    sheet["D6"] = "35,10"
    buffer = BytesIO()
    workbook.save(buffer)
    upload(client, "chi-tieu", kon_tum, buffer.getvalue())
    batch = ImportBatch.objects.get(kind="targets")
    assert batch.problems == [] and "2 chỉ tiêu" in batch.summary
    client.post(reverse("targets:import_apply", args=["chi-tieu", batch.pk]))
    target = Target.objects.get(admin_unit=kon_tum, year=2025, indicator__code="bhxh")
    assert target.percent == Decimal("26.50")


def test_target_above_100_and_duplicate_unit_are_refused(client, demo, kon_tum):
    login(client, "kontum.thuongtruc")
    content = xlsx(
        [
            ["Năm", "Mã ĐVHC", "Đơn vị", "BHYT (%)"],
            [2025, "", "Huyện Đăk Hà", "101,2"],
            [2025, "", "Huyện Sa Thầy", "99"],
            [2025, "616", "", "98"],
        ]
    )
    html = upload(client, "chi-tieu", kon_tum, content).content.decode()
    assert "dòng 2, cột BHYT (%)" in html and "ngoài khoảng 0–100" in html
    assert "đã có chỉ tiêu BHYT năm 2025 ở dòng 3" in html


def test_target_change_is_in_history(client, demo, kon_tum):
    login(client, "kontum.thuongtruc")
    content = xlsx([["Năm", "Đơn vị", "BHXH"], [2024, "Toàn tỉnh", "25,10"]])
    upload(client, "chi-tieu", kon_tum, content)
    batch = ImportBatch.objects.get(kind="targets")
    client.post(reverse("targets:import_apply", args=["chi-tieu", batch.pk]))
    target = Target.objects.get(admin_unit=kon_tum, year=2024, indicator__code="bhxh")
    changes = LogEntry.objects.get_for_object(target).order_by("-timestamp").first().changes
    assert changes["percent"] == ["24.88", "25.10"]
    html = client.get(reverse("targets:unit_detail", args=[kon_tum.pk])).content.decode()
    assert "24.88 → 25.10" in html


def test_only_standing_officers_upload(client, demo, kon_tum):
    for username in ("kontum.lanhdao", "kontum.sotttt", "thanhhoa.thuongtruc"):
        login(client, username)
        response = client.post(
            reverse("targets:import_upload", args=["so-lieu"]),
            {"province": kon_tum.pk, "file": SimpleUploadedFile("a.xlsx", b"x")},
        )
        assert response.status_code in (200, 403, 404)
        assert not ImportBatch.objects.filter(kind="target_values").exists()


def test_consistency_converts_district_targets_with_their_denominators(demo, kon_tum):
    results = {c.indicator.code: c for c in target_consistency(province=kon_tum, year=2024)}
    bhxh = results["bhxh"]
    assert bhxh.units_with_target == 10 and not bhxh.missing_denominator
    implied = bhxh.implied_participants / bhxh.denominator
    assert bhxh.implied_rate == implied
    assert bhxh.difference_points == implied - Decimal("24.88")
    assert bhxh.difference_display.endswith("người")


def test_target_list_shows_phu_luc_1_and_consistency(client, demo):
    login(client, "kontum.lanhdao")
    html = client.get(reverse("targets:target_list"), {"nam": 2024}).content.decode()
    assert "Phụ lục 1" in html and "54,61 %" in html and "100,00 %" in html
    assert "Tỷ lệ từ chỉ tiêu các đơn vị" in html
