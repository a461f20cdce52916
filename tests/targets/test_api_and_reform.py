"""Values through the API; figures recorded against 2024 districts after the 2025 reform."""

import datetime as dt

import pytest

from ansinh.org.enums import AdminLevel
from ansinh.org.models import AdminUnit
from ansinh.targets.models import Measure, MeasureValue
from ansinh.targets.selectors.attainment import attainment_table
from tests.conftest import login

pytestmark = pytest.mark.urls("tests.targets.urls_with_api")


def test_standing_officer_posts_values_and_gets_quality_flags(client, demo, kon_tum):
    login(client, "kontum.thuongtruc")
    rows = [
        {"unit": "615", "measure": "llld", "period": "Tháng 11/2024", "value": "45.000"},
        {"unit": "Huyện Đăk Hà", "measure": "bhxh", "period": "Tháng 11/2024", "value": 60000},
    ]
    response = client.post(
        "/api/v1/targets/values/",
        {"province": kon_tum.pk, "rows": rows},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert any("trên 100 %" in f for f in response.json()["flags"])
    assert (
        MeasureValue.objects.get(
            admin_unit__code="615", measure__code="llld", period_number=11
        ).value
        == 45_000
    )


def test_api_refuses_bad_rows_and_other_users(client, demo, kon_tum):
    login(client, "kontum.thuongtruc")
    bad = [{"unit": "999", "measure": "llld", "period": "Tháng 13/2024", "value": "12,5"}]
    response = client.post(
        "/api/v1/targets/values/", {"province": kon_tum.pk, "rows": bad},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400 and "dòng 1" in response.json()["rows"][0]
    login(client, "kontum.lanhdao")
    ok = [{"unit": "615", "measure": "llld", "period": "Tháng 11/2024", "value": 1}]
    response = client.post(
        "/api/v1/targets/values/", {"province": kon_tum.pk, "rows": ok},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 403
    login(client, "thanhhoa.thuongtruc")
    assert client.get("/api/v1/targets/values/").json()["count"] == 0


def test_district_officer_reads_only_own_values(client, demo, district_officer, dak_ha):
    client.force_login(district_officer)
    data = client.get("/api/v1/targets/values/", {"year": 2024}).json()
    assert data["count"] > 0 and {r["admin_unit"] for r in data["results"]} == {dak_ha.pk}


def test_2024_district_values_roll_up_into_the_2025_province(client, demo, kon_tum):
    quang_ngai = AdminUnit.objects.get(
        edition="2025", level=AdminLevel.PROVINCE, predecessions__predecessor=kon_tum
    )
    before = attainment_table(province=kon_tum, day=dt.date(2024, 10, 31))
    after = attainment_table(province=quang_ngai, day=dt.date(2024, 10, 31))
    assert {r.unit.name for r in after.rows} == {r.unit.name for r in before.rows}
    for old, new in zip(before.total.cells, after.total.cells, strict=True):
        assert (old.numerator, old.denominator) == (new.numerator, new.denominator)
    login(client, "kontum.lanhdao")
    html = client.get("/chi-tieu/", {"tinh": quang_ngai.pk, "ngay": "31/10/2024"})
    assert "Huyện Đăk Hà" in html.content.decode()


def test_2025_province_with_communes_directly_under_it(demo, kon_tum):
    from ansinh.core.periods import Period, PeriodKind
    from ansinh.org.importers.admin_units import admin_units_load  # noqa: F401
    from ansinh.targets.importers.values import ValueRow
    from ansinh.targets.services import values_apply

    quang_ngai = AdminUnit.objects.get(
        edition="2025", level=AdminLevel.PROVINCE, predecessions__predecessor=kon_tum
    )
    communes = list(AdminUnit.objects.filter(parent=quang_ngai).order_by("code")[:2])
    bhyt, population = Measure.objects.get(code="bhyt"), Measure.objects.get(code="dan_so")
    period = Period(2025, PeriodKind.MONTH, 9)
    values_apply(
        rows=[
            ValueRow(bhyt, communes[0], period, 900),
            ValueRow(population, communes[0], period, 1000),
            ValueRow(bhyt, communes[1], period, 2850),
            ValueRow(population, communes[1], period, 3000),
        ]
    )  # fmt: skip
    table = attainment_table(province=quang_ngai, day=dt.date(2025, 9, 30))
    cells = {r.unit.pk: r.cells for r in table.rows}
    rate = next(c for c in cells[communes[0].pk] if c.indicator.code == "bhyt").rate
    assert rate == 90
    total = next(c for c in table.total.cells if c.indicator.code == "bhyt")
    assert total.rate == 3750 * 100 / 4000  # 93,75 %, not the mean 92,5 %
