"""Counts at two levels of one branch are refused; split 2024 communes in the national roll-up."""

import datetime as dt

import pytest

from ansinh.core.periods import Period, PeriodKind
from ansinh.org.enums import AdminEdition, AdminLevel
from ansinh.org.models import AdminUnit, AdminUnitSuccession
from ansinh.targets.importers.values import ValueRow
from ansinh.targets.models import Measure, MeasureValue
from ansinh.targets.selectors.sums import SPLIT, province_2025_row, split_units, sums
from ansinh.targets.services import values_apply
from tests.conftest import login
from tests.targets.test_imports import VALUES_HEADER, upload, xlsx


@pytest.fixture
def commune(dak_ha):
    return AdminUnit.objects.filter(parent=dak_ha).order_by("code").first()


def test_upload_refuses_commune_counts_when_the_district_has_them(client, demo, commune):
    login(client, "kontum.thuongtruc")
    before = MeasureValue.objects.count()
    content = xlsx([VALUES_HEADER, [commune.code, "", "Tháng 9/2024", 1_000, 100, ""]])
    html = upload(client, "so-lieu", commune.parent.parent, content).content.decode()
    assert "dòng 2, cột bhxh" in html and "tính trùng" in html
    assert "đã có số liệu của Huyện Đăk Hà" in html
    assert "Xác nhận nạp" not in html
    assert MeasureValue.objects.count() == before


def test_upload_refuses_district_and_its_commune_in_one_file(client, demo, commune):
    login(client, "kontum.thuongtruc")
    content = xlsx(
        [
            VALUES_HEADER,
            ["615", "", "Tháng 1/2025", 1_000, 100, 9_000],
            [commune.code, "", "Tháng 1/2025", 100, 10, ""],
        ]
    )
    html = upload(client, "so-lieu", commune.parent.parent, content).content.decode()
    assert "dòng 3, cột bhxh" in html and "tệp cũng có số liệu của Huyện Đăk Hà (dòng 2)" in html
    assert not MeasureValue.objects.filter(year=2025).exists()


def test_district_counts_refused_when_its_communes_have_them(demo, kon_tum, dak_ha, commune):
    from ansinh.targets.importers.overlap import overlap_problems

    bhxh = Measure.objects.get(code="bhxh")
    period = Period(2024, PeriodKind.MONTH, 3)
    values_apply(rows=[ValueRow(bhxh, commune, period, 500)])
    problems = overlap_problems([ValueRow(bhxh, dak_ha, period, 5_000, 7)])
    assert len(problems) == 1 and str(problems[0]).startswith("dòng 7, cột bhxh")
    assert commune.name in str(problems[0])
    other_period = Period(2024, PeriodKind.MONTH, 4)
    assert overlap_problems([ValueRow(bhxh, dak_ha, other_period, 5_000, 7)]) == []


@pytest.mark.urls("tests.targets.urls_with_api")
def test_api_refuses_double_counting(client, demo, kon_tum, commune):
    login(client, "kontum.thuongtruc")
    rows = [{"unit": commune.code, "measure": "bhxh", "period": "Tháng 9/2024", "value": 5}]
    response = client.post(
        "/api/v1/targets/values/",
        {"province": kon_tum.pk, "rows": rows},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "tính trùng" in response.json()["rows"][0]
    assert not MeasureValue.objects.filter(admin_unit=commune).exists()


def test_split_commune_goes_to_no_province_and_is_listed(demo, dak_ha, commune):
    """A 2024 commune split between two 2025 provinces: its counts are listed as "chia tách"
    instead of going wholly to the first successor."""
    own = AdminUnitSuccession.objects.filter(
        predecessor=commune, successor__level=AdminLevel.COMMUNE
    ).select_related("successor")
    home = own.first().successor.parent
    elsewhere = (
        AdminUnit.objects.filter(edition=AdminEdition.Y2025, level=AdminLevel.COMMUNE)
        .exclude(parent=home)
        .first()
    )
    bhxh = Measure.objects.get(code="bhxh")
    period = Period(2022, PeriodKind.MONTH, 3)
    neighbour = AdminUnit.objects.filter(parent=dak_ha).exclude(pk=commune.pk).first()
    values_apply(
        rows=[ValueRow(bhxh, commune, period, 500), ValueRow(bhxh, neighbour, period, 300)]
    )
    day = dt.date(2022, 3, 31)
    whole = sums(year=2022, day=day, row=province_2025_row())
    assert whole[(bhxh.pk, home.pk)].total == 800  # not yet split: all goes to its province
    own.update(is_whole=False)
    AdminUnitSuccession.objects.create(predecessor=commune, successor=elsewhere, is_whole=False)
    split = sums(year=2022, day=day, row=province_2025_row())
    assert split[(bhxh.pk, home.pk)].total == 300
    assert (bhxh.pk, elsewhere.parent_id) not in split
    assert split[(bhxh.pk, SPLIT)].total == 500
    listed = split_units(year=2022, day=day)
    assert [e["unit"] for e in listed] == [commune]
    assert set(listed[0]["provinces"]) == {home.name, elsewhere.parent.name}
