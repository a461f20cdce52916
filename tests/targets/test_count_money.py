"""Targets counted in money or people: progress in "% kế hoạch", sums, lights, imports, API."""

import datetime as dt
from io import BytesIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from ansinh.core.models import ImportBatch
from ansinh.org.importers.yamlfile import FileProblems
from ansinh.org.models import AdminUnit
from ansinh.targets import services
from ansinh.targets.enums import Light
from ansinh.targets.importers.common import ImportProblems
from ansinh.targets.importers.targets import targets_read_yaml
from ansinh.targets.models import Indicator, Target
from ansinh.targets.quality import stored_quality_flags
from ansinh.targets.selectors.attainment import attainment_table
from tests.conftest import login
from tests.targets.test_imports import upload, xlsx

DAY = dt.date(2024, 10, 31)


def cell(row, code):
    return next(c for c in row.cells if c.indicator.code == code)


def by_unit(table, name):
    return next(r for r in table.rows if r.unit.name == name)


def test_money_target_shows_the_amount_and_percent_of_plan(client, demo, dak_ha):
    login(client, "kontum.thuongtruc")
    html = client.get(reverse("targets:attainment"), {"ngay": "31/10/2024"}).content.decode()
    assert "143.000.000.000 đ" in html and "220.000.000.000 đ" in html
    assert "% kế hoạch" in html and "65,0 %" in html
    assert "kỳ vọng tại 31/10/2024 = chỉ tiêu năm 2024 × 305/366" in html
    page = client.get(reverse("targets:unit_detail", args=[dak_ha.pk]), {"ngay": "31/10/2024"})
    text = page.content.decode()
    assert "đạt 65,0 % kế hoạch" in text and "chỉ tiêu 220.000.000.000 đ" in text
    assert "chỉ tiêu 480" in text  # new voluntary participants: a whole count


def test_province_figure_is_the_sum_of_its_units(demo, kon_tum):
    table = attainment_table(province=kon_tum, day=DAY)
    for code in ("so_thu", "bhxh_tn_moi"):
        total = cell(table.total, code)
        assert total.actual == sum(cell(r, code).actual for r in table.rows)
    money = cell(table.total, "so_thu")
    assert money.target == 1_651_000_000_000 and money.rate_display.endswith(" đ")
    assert money.progress_display.startswith("đạt ") and money.denominator is None


def test_province_without_own_target_gets_the_sum_of_unit_targets(demo, kon_tum):
    Target.objects.filter(admin_unit=kon_tum, indicator__code="bhxh_tn_moi").delete()
    table = attainment_table(province=kon_tum, day=DAY)
    units = sum(cell(r, "bhxh_tn_moi").target for r in table.rows)
    assert cell(table.total, "bhxh_tn_moi").target == units == 3_590


@time_machine.travel(dt.datetime(2024, 10, 31, 9, 0))
def test_lights_follow_the_share_of_the_year_elapsed(client, demo, kon_tum):
    login(client, "kontum.thuongtruc")
    html = client.get(reverse("targets:attainment")).content.decode()  # today: 31/10/2024
    assert "305/366" in html and "Chậm dưới 1 điểm % (tỷ lệ hoặc % kế hoạch)" in html
    table = attainment_table(province=kon_tum, day=dt.date.today())
    lights = {r.unit.name: cell(r, "so_thu") for r in table.rows}
    assert lights["Huyện Đăk Hà"].light == Light.RED  # 65 % of plan, 83,3 % expected
    assert lights["Huyện Kon Plông"].light == Light.YELLOW  # 82,75 %: under 1 point behind
    assert lights["Thành phố Kon Tum"].light == Light.GREEN  # 86 %
    hà = lights["Huyện Đăk Hà"]
    assert float(hà.expected) == pytest.approx(220_000_000_000 * 305 / 366)
    assert hà.gap_to_expected_display.startswith("−") and hà.gap_to_expected_display.endswith("đ")
    assert hà.is_lagging and not lights["Thành phố Kon Tum"].is_lagging


def test_lagging_list_excel_and_word_show_percent_of_plan(client, demo):
    login(client, "kontum.thuongtruc")
    url = reverse("targets:lagging")
    html = client.get(url, {"ngay": "31/10/2024"}).content.decode()
    assert "Số thu" in html and "đạt 65,0 % kế hoạch" in html
    book = client.get(reverse("targets:attainment"), {"ngay": "31/10/2024", "xuat": "excel"})
    headers = [c.value for c in load_workbook(BytesIO(book.content)).active[4]]
    assert "Số thu: % kế hoạch" in headers and "BHXH: % chỉ tiêu" in headers
    word = client.get(url, {"ngay": "31/10/2024", "xuat": "word"})
    document = Document(BytesIO(word.content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any("143.000.000.000 đ (đạt 65,0 % kế hoạch)" in c for c in cells)


def test_import_refuses_a_percent_for_a_count_indicator(client, demo, kon_tum):
    text = (
        'province: "62"\nyear: 2025\ncolumns: [bhxh, bhxh_tn_moi]\nunits:\n'
        '  - [Huyện Đăk Hà, "21,5", "12,5%"]\n'
        '  - [Huyện Sa Thầy, "15,6", "12,5"]\n'
    )
    with pytest.raises(ImportProblems) as caught:
        targets_read_yaml(text=text, filename="t.yaml")
    messages = caught.value.messages
    assert messages[0].startswith("dòng 5, cột bhxh_tn_moi") and "không phải tỷ lệ %" in messages[0]
    assert messages[1].startswith("dòng 6, cột bhxh_tn_moi") and "số nguyên" in messages[1]
    login(client, "kontum.thuongtruc")
    header = ["Năm", "Mã ĐVHC", "Đơn vị", "BHXH (%)", "BHXH tự nguyện tăng mới (người)"]
    content = xlsx([["CHỈ TIÊU"], header, [2025, "615", "", "21,5", "45%"]])
    html = upload(client, "chi-tieu", kon_tum, content).content.decode()
    assert "dòng 3, cột BHXH tự nguyện tăng mới (người)" in html and "Xác nhận nạp" not in html
    assert not Target.objects.filter(year=2025).exists()


def test_excel_template_round_trip_sets_an_amount_target(client, demo, kon_tum, dak_ha):
    login(client, "kontum.thuongtruc")
    template = client.get(reverse("targets:template", args=["chi-tieu"]), {"nam": 2025})
    sheet = load_workbook(BytesIO(template.content)).active
    headers = [c.value for c in sheet[4]]
    assert "Số thu (đồng)" in headers
    header = ["Năm", "Mã ĐVHC", "Đơn vị", "Số thu (đồng)"]
    content = xlsx([["CHỈ TIÊU"], header, [2025, "615", "", "250.000.000.000"]])
    html = upload(client, "chi-tieu", kon_tum, content).content.decode()
    assert "Xác nhận nạp" in html
    batch = ImportBatch.objects.latest("pk")
    client.post(reverse("targets:import_apply", args=["chi-tieu", batch.pk]))
    target = Target.objects.get(year=2025, admin_unit=dak_ha, indicator__code="so_thu")
    assert target.value == 250_000_000_000 and target.percent is None
    assert target.display == "250.000.000.000 đ"


def test_edit_form_takes_a_whole_amount_and_refuses_a_percent(client, demo, dak_ha):
    login(client, "kontum.thuongtruc")
    target = Target.objects.get(year=2024, admin_unit=dak_ha, indicator__code="so_thu")
    url = reverse("targets:target_edit", args=[target.pk])
    page = client.get(url).content.decode()
    assert "Chỉ tiêu (đồng)" in page and "220.000.000.000" in page
    response = client.post(url, {"value": "65%"})
    assert "không phải tỷ lệ %" in response.content.decode()
    response = client.post(url, {"value": "230.000.000.000", "source": "QĐ giao kế hoạch thu"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.value == 230_000_000_000 and target.source == "QĐ giao kế hoạch thu"


def test_model_and_database_keep_the_target_kind_consistent(demo, dak_ha):
    count = Indicator.objects.get(code="bhxh_tn_moi")
    wrong = Target(indicator=count, admin_unit=dak_ha, year=2026, percent=12)
    with pytest.raises(ValidationError) as caught:
        wrong.full_clean()
    assert "không phải tỷ lệ %" in str(caught.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(indicator=count, admin_unit=dak_ha, year=2026)
    text = (
        "measures:\n  - {code: so_thu, name: Số thu, kind: dong}\n"
        "  - {code: llld, name: Lao động, kind: persons}\n"
        "indicators:\n  - {code: so_thu, kind: amount, name: Số thu, short_name: Số thu, "
        "numerator: so_thu, denominator: llld}\n"
    )
    with pytest.raises(FileProblems) as caught:
        services.indicators_load(text=text, filename="indicators.yaml")
    assert "không có mẫu số" in str(caught.value)


def test_year_to_date_measures_are_not_flagged_as_jumps(demo, kon_tum):
    # Year-to-date sums double from January to February by design.
    units = AdminUnit.objects.filter(parent=kon_tum).values_list("pk", flat=True)
    flags = stored_quality_flags(unit_ids=units, year=2024)
    assert flags and not [f for f in flags if "Số thu" in f.measure or "tăng mới" in f.measure]


def every_page(client, url) -> list[dict]:
    rows = []
    while url:
        data = client.get(url).json()
        rows += data["results"] if isinstance(data, dict) else data
        url = data.get("next") if isinstance(data, dict) else None
    return rows


@pytest.mark.urls("tests.targets.urls_with_api")
def test_api_returns_the_kind_and_the_value(client, demo, dak_ha):
    login(client, "kontum.thuongtruc")
    rows = every_page(client, "/api/v1/targets/targets/?year=2024")
    money = next(r for r in rows if r["indicator"] == "so_thu" and r["admin_unit"] == dak_ha.pk)
    assert money["kind"] == "amount" and money["value"] == 220_000_000_000
    assert money["percent"] is None and money["display"] == "220.000.000.000 đ"
    rate = next(r for r in rows if r["indicator"] == "bhxh" and r["admin_unit"] == dak_ha.pk)
    assert rate["kind"] == "rate" and rate["percent"] == "20.72" and rate["value"] is None
    indicators = every_page(client, "/api/v1/targets/indicators/")
    count = next(i for i in indicators if i["code"] == "bhxh_tn_moi")
    assert count["kind"] == "count" and count["denominator"] is None
