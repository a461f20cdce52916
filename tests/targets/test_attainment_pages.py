"""The attainment table, lagging list and unit page as each kind of user sees them."""

import datetime as dt
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from ansinh.targets.models import MeasureValue
from tests.conftest import login

DAY = "31/10/2024"


def get(client, name, **params):
    return client.get(reverse(f"targets:{name}"), {"ngay": DAY, **params})


def test_standing_officer_sees_every_district_with_rates_targets_and_the_rule(client, demo):
    login(client, "kontum.thuongtruc")
    html = get(client, "attainment").content.decode()
    assert "Dữ liệu minh họa" in html
    for name in ("Thành phố Kon Tum", "Huyện Đăk Hà", "Huyện Ia H&#x27;Drai", "Toàn tỉnh"):
        assert name in html
    assert "24,88 %" in html and "94,15 %" in html  # province targets of Phụ lục 1
    assert "điểm %" in html
    assert "Tỷ lệ kỳ vọng tại 31/10/2024" in html and "305/366" in html
    assert "Chậm tiến độ" in html and "Đúng tiến độ" in html


def test_province_rate_is_sum_of_numerators_over_sum_of_denominators(demo, kon_tum):
    from ansinh.targets.selectors.attainment import attainment_table

    table = attainment_table(province=kon_tum, day=dt.date(2024, 10, 31))
    bhyt = next(c for c in table.total.cells if c.indicator.code == "bhyt")
    units = [next(c for c in r.cells if c.indicator.code == "bhyt") for r in table.rows]
    assert bhyt.numerator == sum(c.numerator for c in units)
    assert bhyt.denominator == sum(c.denominator for c in units)
    mean = sum(c.rate for c in units) / len(units)
    assert abs(bhyt.rate - mean) > 0  # not the mean of rates
    assert float(bhyt.rate) == pytest.approx(bhyt.numerator * 100 / bhyt.denominator)


def test_a_districts_own_reading_gives_the_same_row_as_the_province_table(demo, kon_tum):
    """A district's report reads only its own row; it must say what the table says."""
    from ansinh.targets.selectors.attainment import attainment_row, attainment_table

    day = dt.date(2024, 10, 31)
    table = attainment_table(province=kon_tum, day=day)
    assert len(table.rows) > 5
    for row in table.rows:
        alone = attainment_row(province=kon_tum, day=day, unit=row.unit)
        shown = [(c.indicator.code, c.rate_display, c.target_display, c.light) for c in row.cells]
        assert shown == [
            (c.indicator.code, c.rate_display, c.target_display, c.light) for c in alone.cells
        ]
        assert [c.explanation for c in alone.cells] == [c.explanation for c in row.cells]
    assert attainment_row(province=kon_tum, day=day, unit=kon_tum) is None


def test_on_track_follows_the_path_from_last_year_to_the_target(demo, kon_tum):
    from ansinh.targets.selectors.attainment import attainment_table

    table = attainment_table(province=kon_tum, day=dt.date(2024, 10, 31))
    for row in table.rows:
        for cell in row.cells:
            expected = cell.last_year + (cell.target - cell.last_year) * 305 / 366
            assert float(cell.expected) == pytest.approx(float(expected))
            assert cell.is_lagging == (cell.rate < cell.expected)
    assert table.lagging and len(table.lagging) < len(table.rows) + 1


def test_district_officer_sees_own_district_and_province_total_only(client, demo, district_officer):
    client.force_login(district_officer)
    html = get(client, "attainment").content.decode()
    assert "Huyện Đăk Hà" in html and "Toàn tỉnh" in html
    assert "Huyện Sa Thầy" not in html and "Thành phố Kon Tum" not in html
    sa_thay = MeasureValue.objects.filter(admin_unit__name="Huyện Sa Thầy").first().admin_unit
    assert client.get(reverse("targets:unit_detail", args=[sa_thay.pk])).status_code == 403


def test_provincial_department_sees_province_total_leader_sees_all(client, demo):
    login(client, "kontum.sotttt")
    html = get(client, "attainment").content.decode()
    assert "Toàn tỉnh" in html and "Huyện Sa Thầy" not in html
    login(client, "kontum.lanhdao")
    html = get(client, "attainment").content.decode()
    assert "Huyện Sa Thầy" in html and "Nạp số liệu" not in html


def test_another_province_sees_nothing(client, demo, kon_tum):
    login(client, "thanhhoa.lanhdao")
    assert get(client, "attainment", tinh=kon_tum.pk).status_code == 404
    assert get(client, "lagging", tinh=kon_tum.pk).status_code == 404
    html = get(client, "attainment").content.decode()
    assert "Kon Tum" not in html


def test_anonymous_is_sent_to_login(client, demo):
    assert get(client, "attainment").status_code == 302


def test_attainment_query_budget(client, demo, django_assert_max_num_queries):
    login(client, "kontum.thuongtruc")
    with django_assert_max_num_queries(24):  # +4: the data-quality flag count
        assert get(client, "attainment").status_code == 200


def test_htmx_request_gets_the_table_fragment(client, demo):
    login(client, "kontum.thuongtruc")
    response = client.get(
        reverse("targets:attainment"), {"ngay": "30/06/2024"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="table">') and "30/06/2024" in html


def test_attainment_excel(client, demo):
    login(client, "kontum.lanhdao")
    response = get(client, "attainment", xuat="excel")
    sheet = load_workbook(BytesIO(response.content)).active
    assert "minh họa" in sheet["A2"].value
    rows = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[1]]
    assert rows[0][1] == "Thành phố Kon Tum" and rows[0][3] == "33,95 %"
    assert rows[10][1] == "Tỉnh Kon Tum"


def test_lagging_list_page_excel_and_word(client, demo):
    login(client, "kontum.thuongtruc")
    html = get(client, "lagging").content.decode()
    assert "Quy tắc áp dụng" in html and "đơn vị có ít nhất một chỉ tiêu chậm tiến độ" in html
    sheet = load_workbook(BytesIO(get(client, "lagging", xuat="excel").content)).active
    assert sheet["A1"].value.startswith("DANH SÁCH ĐỊA PHƯƠNG CHẬM TIẾN ĐỘ")
    listed = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[2]]
    assert listed and all(r[7] and "Chậm" in r[7] for r in listed)
    response = get(client, "lagging", xuat="word")
    document = Document(BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Tỷ lệ kỳ vọng tại 31/10/2024" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Thấp hơn kỳ vọng" in cells


@time_machine.travel(dt.date(2024, 10, 31))
def test_unit_page_has_chart_with_target_line_and_history(client, demo, dak_ha):
    login(client, "kontum.thuongtruc")
    html = client.get(reverse("targets:unit_detail", args=[dak_ha.pk])).content.decode()
    # one chart per active indicator: 4 rates and the 2 count/amount indicators of the demo
    assert html.count("<svg") == 6 and "Chỉ tiêu 97,59 %" in html
    assert "Tháng 10/2024" in html and "Lịch sử thay đổi" in html
    assert "Tạo" in html or "create" in html.lower()


def test_unit_page_query_budget(client, demo, dak_ha, django_assert_max_num_queries):
    login(client, "kontum.thuongtruc")
    # +7: the series of the 2 count/amount indicators, the attainment row for the progress lines
    with django_assert_max_num_queries(35):
        client.get(reverse("targets:unit_detail", args=[dak_ha.pk]), {"ngay": DAY})
