"""The administrative-unit catalogue as a user meets it: right names, right successors."""

import time
from io import StringIO

import pytest
from django.core.management import call_command

from ansinh.org.enums import AdminEdition, AdminLevel
from ansinh.org.importers.admin_units import admin_units_load
from ansinh.org.models import AdminUnit, AdminUnitSuccession
from ansinh.org.selectors.admin_units import (
    admin_unit_children,
    admin_unit_current,
    admin_unit_predecessors,
    admin_unit_province_for,
    admin_unit_search,
    admin_unit_successors,
)

KON_TUM, THANH_HOA, DA_NANG = "62", "38", "48"
Y2024, Y2025 = AdminEdition.Y2024, AdminEdition.Y2025


def unit(edition, level, name) -> AdminUnit:
    return AdminUnit.objects.get(edition=edition, level=level, name=name)


@pytest.fixture
def kon_tum(empty_db):
    return admin_units_load(province_codes_2024=[KON_TUM])


def test_kon_tum_2024_has_its_ten_districts(kon_tum):
    province = unit(Y2024, AdminLevel.PROVINCE, "Tỉnh Kon Tum")
    assert province.code == KON_TUM
    assert {d.name for d in admin_unit_children(province)} == {
        "Thành phố Kon Tum",
        "Huyện Đắk Glei",
        "Huyện Ngọc Hồi",
        "Huyện Đắk Tô",
        "Huyện Kon Plông",
        "Huyện Kon Rẫy",
        "Huyện Đăk Hà",
        "Huyện Sa Thầy",
        "Huyện Tu Mơ Rông",
        "Huyện Ia H'Drai",
    }
    city = unit(Y2024, AdminLevel.DISTRICT, "Thành phố Kon Tum")
    assert (city.division_type, city.short_name) == ("Thành phố", "Kon Tum")
    assert admin_unit_children(city).filter(level=AdminLevel.COMMUNE).count() > 10


@pytest.mark.django_db
def test_thanh_hoa_2024_has_its_districts_and_stays_thanh_hoa():
    counts = admin_units_load(province_codes_2024=[THANH_HOA])
    province = unit(Y2024, AdminLevel.PROVINCE, "Tỉnh Thanh Hóa")
    names = {d.name for d in admin_unit_children(province)}
    # Đông Sơn joined Thanh Hóa city on 1/1/2025, before the 2025 reform: 26 remain.
    assert len(names) == counts["2024_district"] == 26
    assert {
        "Thành phố Thanh Hóa",
        "Thành phố Sầm Sơn",
        "Thị xã Bỉm Sơn",
        "Thị xã Nghi Sơn",
    } <= names
    assert {"Huyện Mường Lát", "Huyện Quan Hóa", "Huyện Hoằng Hóa"} <= names
    assert [p.name for p in admin_unit_current(province)] == ["Tỉnh Thanh Hóa"]
    assert counts["2025_province"] == 1
    assert counts["unmapped"] == 0


@pytest.mark.parametrize("query", ["dak glei", "Đăk Glei", "ĐẮK GLEI", "huyen dak glei"])
def test_search_ignores_accents_and_case(kon_tum, query):
    results = list(admin_unit_search(query=query, level=AdminLevel.DISTRICT))
    assert [u.name for u in results] == ["Huyện Đắk Glei"]


@pytest.mark.parametrize("query", ["iahdrai", "ia h drai", "Ia H'Drai", "ia hdrai"])
def test_search_ignores_spacing_and_apostrophes(kon_tum, query):
    names = [u.name for u in admin_unit_search(query=query)]
    assert "Huyện Ia H'Drai" in names


def test_search_ranks_whole_names_first_and_filters(kon_tum):
    names = [u.name for u in admin_unit_search(query="kon tum", edition=Y2024)]
    assert set(names[:2]) == {"Tỉnh Kon Tum", "Thành phố Kon Tum"}
    province = unit(Y2024, AdminLevel.PROVINCE, "Tỉnh Kon Tum")
    in_province = admin_unit_search(query="dak", parent=province, level=AdminLevel.COMMUNE)
    assert in_province and all(u.edition == Y2024 for u in in_province)
    # Same letters, different accents: the spelling typed comes first.
    assert admin_unit_search(query="đăk glei")[0].name == "Thị trấn Đăk Glei"
    assert admin_unit_search(query="Đắk Glei")[0].name == "Huyện Đắk Glei"
    assert list(admin_unit_search(query="  ")) == []
    assert len(admin_unit_search(query="xa", limit=5)) == 5


def test_kon_tum_province_and_district_map_to_quang_ngai(kon_tum):
    quang_ngai = unit(Y2025, AdminLevel.PROVINCE, "Tỉnh Quảng Ngãi")
    assert quang_ngai.code == "51"
    kon_tum_2024 = unit(Y2024, AdminLevel.PROVINCE, "Tỉnh Kon Tum")
    assert list(admin_unit_successors(kon_tum_2024)) == [quang_ngai]
    dak_glei = unit(Y2024, AdminLevel.DISTRICT, "Huyện Đắk Glei")
    assert list(admin_unit_current(dak_glei)) == [quang_ngai]
    assert kon_tum_2024 in admin_unit_predecessors(quang_ngai)
    # Both halves of the new province are there: Kon Tum's communes and Quảng Ngãi's own.
    assert kon_tum["2025_commune"] == admin_unit_children(quang_ngai).count() == 96


def test_kon_tum_commune_maps_to_a_quang_ngai_commune(kon_tum):
    dak_pek = AdminUnit.objects.get(edition=Y2024, level=AdminLevel.COMMUNE, code="23353")
    assert dak_pek.name == "Xã Đăk Pék"
    [current] = admin_unit_current(dak_pek)
    assert (current.edition, current.level, current.name) == (Y2025, "commune", "Xã Đăk Pék")
    assert admin_unit_province_for(current).name == "Tỉnh Quảng Ngãi"
    assert AdminUnitSuccession.objects.get(predecessor=dak_pek).is_whole
    assert kon_tum["unmapped"] == 0


@pytest.mark.django_db
def test_split_commune_has_several_partial_successors():
    admin_units_load(province_codes_2024=[DA_NANG])
    hoa_lien = AdminUnit.objects.get(edition=Y2024, level=AdminLevel.COMMUNE, code="20296")
    assert hoa_lien.name == "Xã Hòa Liên"
    assert {u.name for u in admin_unit_current(hoa_lien)} == {
        "Phường Hải Vân",
        "Phường Liên Chiểu",
    }
    assert not AdminUnitSuccession.objects.filter(predecessor=hoa_lien, is_whole=True).exists()


def test_province_for_walks_up_without_n_plus_one(kon_tum, django_assert_num_queries):
    commune = AdminUnit.objects.filter(edition=Y2024, level=AdminLevel.COMMUNE).first()
    with django_assert_num_queries(1):
        assert admin_unit_province_for(commune).name == "Tỉnh Kon Tum"
    loaded = AdminUnit.objects.select_related("parent__parent").get(pk=commune.pk)
    with django_assert_num_queries(0):
        assert admin_unit_province_for(loaded).name == "Tỉnh Kon Tum"
        assert admin_unit_province_for(loaded.parent.parent) == loaded.parent.parent


def test_loading_twice_changes_nothing(kon_tum):
    units = AdminUnit.objects.count()
    pairs = set(AdminUnitSuccession.objects.values_list("predecessor_id", "successor_id"))
    AdminUnit.objects.filter(name="Huyện Đắk Glei").update(name="Đắk Glei cũ", search_name="x")
    # A hand-made wrong link disappears, a deleted right one comes back.
    wrong = AdminUnitSuccession.objects.filter(predecessor__level="commune").first()
    AdminUnitSuccession.objects.create(
        predecessor=wrong.predecessor, successor=unit(Y2025, AdminLevel.PROVINCE, "Tỉnh Quảng Ngãi")
    )
    AdminUnitSuccession.objects.filter(predecessor__level="province").delete()
    again = admin_units_load(province_codes_2024=[KON_TUM])
    assert (again["created"], again["updated"]) == (0, 1)
    assert AdminUnit.objects.count() == units
    assert set(AdminUnitSuccession.objects.values_list("predecessor_id", "successor_id")) == pairs
    assert [u.name for u in admin_unit_search(query="dak glei", level="district")] == [
        "Huyện Đắk Glei"
    ]


@pytest.mark.django_db
def test_unknown_province_code_is_refused():
    with pytest.raises(ValueError, match="99"):
        admin_units_load(province_codes_2024=["99"])


@pytest.mark.django_db
def test_command_prints_counts_in_vietnamese():
    out = StringIO()
    call_command("load_admin_units", "--province", KON_TUM, stdout=out)
    assert "2024: 1 tỉnh, 10 huyện, 102 xã; 2025: 1 tỉnh, 96 xã;" in out.getvalue()


@pytest.mark.django_db
def test_full_load_has_the_whole_country():
    """The one full load in the suite (a few seconds): proof every province is there."""
    started = time.perf_counter()
    counts = admin_units_load()
    elapsed = time.perf_counter() - started
    assert counts["2024_province"] == 63
    assert counts["2024_district"] == 696
    assert counts["2024_commune"] == 10_035
    assert counts["2025_province"] == 34
    assert counts["2025_commune"] == 3_321
    assert counts["unmapped"] == counts["stale"] == 0
    assert AdminUnit.objects.count() == 63 + 696 + 10_035 + 34 + 3_321
    assert AdminUnitSuccession.objects.count() == counts["successions"]
    # Every 2025 commune but the five island special zones (whose 2024 districts had no
    # communes) took over at least one 2024 commune.
    orphans = AdminUnit.objects.filter(
        edition=Y2025, level=AdminLevel.COMMUNE, predecessions__isnull=True
    )
    assert {u.division_type for u in orphans} == {"Đặc khu"} and orphans.count() == 5
    assert elapsed < 30, f"full load took {elapsed:.1f} s"
