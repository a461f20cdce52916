"""Load the 2024 and 2025 administrative structures and how one became the other.

Sources (see docs/decisions/0004-administrative-units.md):
- 2024 (63 provinces, 3 levels): `vietnamadminunits`, table `admin_units_legacy`;
- 2025 (34 provinces, 2 levels): `vietnam_provinces`, whose codes follow the official list;
- 2024 → 2025: the tables behind `vietnamadminunits.convert_address`, which know every split
  commune (the function itself only returns the "default" successor of a split commune).
"""

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from vietnam_provinces import Province, VietNamDivisionType, Ward
from vietnamadminunits.converter import converter_2025
from vietnamadminunits.database import get_data

from ansinh.org.enums import AdminEdition, AdminLevel
from ansinh.org.models import AdminUnit, AdminUnitSuccession
from ansinh.org.text import admin_unit_search_name, compact_key

Y2024, Y2025 = AdminEdition.Y2024.value, AdminEdition.Y2025.value
PROVINCE, DISTRICT, COMMUNE = (
    AdminLevel.PROVINCE.value,
    AdminLevel.DISTRICT.value,
    AdminLevel.COMMUNE.value,
)
BATCH_SIZE = 1000

_TYPE_2025 = {
    VietNamDivisionType.TINH: "Tỉnh",
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: "Thành phố",
    VietNamDivisionType.XA: "Xã",
    VietNamDivisionType.PHUONG: "Phường",
    VietNamDivisionType.DAC_KHU: "Đặc khu",
}

Key = tuple[str, str, str]  # (edition, level, code)


@dataclass(frozen=True)
class _Unit:
    edition: str
    level: str
    code: str
    name: str
    division_type: str
    parent: Key | None

    def __post_init__(self):
        object.__setattr__(self, "name", _clean(self.name))
        object.__setattr__(self, "division_type", _clean(self.division_type))

    @property
    def key(self) -> Key:
        return (self.edition, self.level, self.code)


def _clean(name: str) -> str:
    # The sources carry stray spaces ("Xã  Phú Hữu") and mixed Unicode forms.
    return " ".join(unicodedata.normalize("NFC", name or "").split())


def _name_key(name: str) -> str:
    return _clean(name).casefold()


def _search_name(division_type: str, name: str) -> str:
    # Must stay identical to AdminUnit.save(), or rows saved later would search differently.
    return admin_unit_search_name(division_type, name)


class _Structure2025:
    """The 2025 units of `vietnam_provinces`, findable by the keys the converter uses."""

    def __init__(self):
        self.provinces = {f"{int(p.code):02d}": p for p in Province.iter_all()}
        self.wards = list(Ward.iter_all())
        self.province_of_ward = {
            f"{int(w.code):05d}": f"{int(w.province_code):02d}" for w in self.wards
        }
        exact, loose = {}, defaultdict(list)
        for ward in self.wards:
            province = f"{int(ward.province_code):02d}"
            exact[(province, _name_key(ward.name))] = ward
            loose[(province, compact_key(ward.name))].append(ward)
        # vietnamadminunits numbers some 2025 communes (123 in 1.0.4) unlike the official list
        # and spells some names differently ("Hòa"/"Hoà"), so its communes are matched by name;
        # exact spelling first, because a few provinces have both "Tân Thành" and "Tân Thạnh".
        self.ward_code_by_key: dict[tuple[str, str], str] = {}
        self.province_code_by_key: dict[str, str] = {}
        for row in get_data(["provinceCode", "provinceKey", "ward", "wardKey"], "admin_units"):
            province = row["provinceCode"]
            self.province_code_by_key[row["provinceKey"]] = province
            ward = exact.get((province, _name_key(row["ward"])))
            candidates = loose.get((province, compact_key(row["ward"])), [])
            if ward is None and len(candidates) == 1:
                ward = candidates[0]
            if ward is not None:
                self.ward_code_by_key[(row["provinceKey"], row["wardKey"])] = (
                    f"{int(ward.code):05d}"
                )

    def units(self, province_codes: set[str] | None) -> list[_Unit]:
        units = []
        for code, province in self.provinces.items():
            if province_codes is None or code in province_codes:
                kind = _TYPE_2025[province.division_type]
                name = (
                    province.name if province.name.startswith(kind) else f"{kind} {province.name}"
                )
                units.append(_Unit(Y2025, PROVINCE, code, name, kind, None))
        for ward in self.wards:
            province = f"{int(ward.province_code):02d}"
            if province_codes is None or province in province_codes:
                units.append(
                    _Unit(
                        Y2025,
                        COMMUNE,
                        f"{int(ward.code):05d}",
                        ward.name,
                        _TYPE_2025[ward.division_type],
                        (Y2025, PROVINCE, province),
                    )
                )
        return units


def _successors(structure: _Structure2025) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Map old province keys to 2025 province codes, old commune keys to 2025 commune codes."""
    province_by_old_key = {}
    for new_key, old_keys in converter_2025.DICT_PROVINCE.items():
        for old_key in old_keys:
            province_by_old_key[old_key] = structure.province_code_by_key[new_key]
    communes_by_old_key: dict[str, list[str]] = defaultdict(list)
    for new_province, wards in converter_2025.DICT_PROVINCE_WARD_NO_DIVIDED.items():
        for new_ward, old_keys in wards.items():
            code = structure.ward_code_by_key.get((new_province, new_ward))
            for old_key in old_keys:
                if code:
                    communes_by_old_key[old_key].append(code)
    for new_province, splits in converter_2025.DICT_PROVINCE_WARD_DIVIDED.items():
        for old_key, parts in splits.items():
            for part in parts:
                code = structure.ward_code_by_key.get((new_province, part["newWardKey"]))
                if code and code not in communes_by_old_key[old_key]:
                    communes_by_old_key[old_key].append(code)
    return province_by_old_key, communes_by_old_key


def _plan(province_codes_2024: set[str] | None):
    """Everything to load: the units of both editions, and each 2024 unit's successors."""
    structure = _Structure2025()
    province_by_old_key, communes_by_old_key = _successors(structure)
    fields = [
        "provinceCode", "province", "provinceKey",
        "districtCode", "district", "districtType", "districtKey",
        "wardCode", "ward", "wardType", "wardKey",
    ]  # fmt: skip
    rows = get_data(fields, "admin_units_legacy")
    if province_codes_2024 is not None:
        unknown = province_codes_2024 - {r["provinceCode"] for r in rows}
        if unknown:
            raise ValueError(f"Không có tỉnh mã {', '.join(sorted(unknown))} trong cấu trúc 2024.")
        rows = [r for r in rows if r["provinceCode"] in province_codes_2024]

    units: dict[Key, _Unit] = {}
    links: dict[Key, set[Key]] = defaultdict(set)
    for row in rows:
        province = (Y2024, PROVINCE, row["provinceCode"])
        district = (Y2024, DISTRICT, row["districtCode"])
        kind = "Thành phố" if row["province"].startswith("Thành phố") else "Tỉnh"
        units[province] = _Unit(*province, row["province"], kind, None)
        units[district] = _Unit(*district, row["district"], row["districtType"], province)
        new_province = province_by_old_key.get(row["provinceKey"])
        if new_province:
            links[province].add((Y2025, PROVINCE, new_province))
        # Island districts without communes have a row with no commune; the converter maps it
        # to the 2025 special zone, which still tells us the district's new province.
        old_key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey'] or ''}"
        new_communes = [(Y2025, COMMUNE, c) for c in communes_by_old_key.get(old_key, [])]
        if row["wardCode"]:
            commune = (Y2024, COMMUNE, row["wardCode"])
            units[commune] = _Unit(*commune, row["ward"], row["wardType"], district)
            links[commune].update(new_communes)
        links[district].update(
            (Y2025, PROVINCE, structure.province_of_ward[c[2]]) for c in new_communes
        )

    for key in units:
        links.setdefault(key, set())  # so a unit that lost all its successors is synced too
    new_provinces = {s[2] for p, succ in links.items() if p[1] == PROVINCE for s in succ}
    for unit in structure.units(None if province_codes_2024 is None else new_provinces):
        units[unit.key] = unit
    return units, links


def _upsert_level(level: str, units: list[_Unit], ids: dict[Key, int]) -> tuple[int, int]:
    existing = {(u.edition, u.level, u.code): u for u in AdminUnit.objects.filter(level=level)}
    to_create, to_update = [], []
    for unit in units:
        parent_id = ids[unit.parent] if unit.parent else None
        search_name = _search_name(unit.division_type, unit.name)
        current = existing.get(unit.key)
        if current is None:
            to_create.append(
                AdminUnit(
                    edition=unit.edition,
                    level=unit.level,
                    code=unit.code,
                    name=unit.name,
                    division_type=unit.division_type,
                    parent_id=parent_id,
                    search_name=search_name,
                )
            )
        elif (current.name, current.division_type, current.parent_id, current.search_name) != (
            unit.name, unit.division_type, parent_id, search_name,
        ):  # fmt: skip
            current.name, current.division_type = unit.name, unit.division_type
            current.parent_id, current.search_name = parent_id, search_name
            to_update.append(current)
    AdminUnit.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    AdminUnit.objects.bulk_update(
        to_update, ["name", "division_type", "parent", "search_name"], batch_size=BATCH_SIZE
    )
    # Re-read ids rather than trust bulk_create to set them: not every backend returns them.
    rows = AdminUnit.objects.filter(level=level).values_list("edition", "level", "code", "pk")
    ids.update({(e, lv, c): pk for e, lv, c, pk in rows})
    return len(to_create), len(to_update)


def _sync_successions(links: dict[Key, set[Key]], ids: dict[Key, int]) -> int:
    wanted = {}
    for predecessor, successors in links.items():
        for successor in successors:
            if successor in ids:
                wanted[(ids[predecessor], ids[successor])] = len(successors) == 1
    in_scope = {ids[p] for p in links}
    existing = {
        (s.predecessor_id, s.successor_id): s
        for s in AdminUnitSuccession.objects.filter(predecessor__edition=Y2024)
        if s.predecessor_id in in_scope
    }
    obsolete = [s.pk for pair, s in existing.items() if pair not in wanted]
    for start in range(0, len(obsolete), BATCH_SIZE):
        AdminUnitSuccession.objects.filter(pk__in=obsolete[start : start + BATCH_SIZE]).delete()
    changed = []
    for pair, is_whole in wanted.items():
        if pair in existing and existing[pair].is_whole != is_whole:
            existing[pair].is_whole = is_whole
            changed.append(existing[pair])
    AdminUnitSuccession.objects.bulk_update(changed, ["is_whole"], batch_size=BATCH_SIZE)
    AdminUnitSuccession.objects.bulk_create(
        [
            AdminUnitSuccession(predecessor_id=p, successor_id=s, is_whole=w)
            for (p, s), w in wanted.items()
            if (p, s) not in existing
        ],
        batch_size=BATCH_SIZE,
    )
    return len(wanted)


def admin_units_load(*, province_codes_2024: Iterable[str] | None = None) -> dict[str, int]:
    """Create or update both structures and their successions; safe to run again.

    `province_codes_2024` limits the load to those 2024 provinces and the 2025 provinces that
    took them over (with all of their communes). Units that vanished from the sources are kept,
    because agencies and committees point at them; a full load counts them as `stale`.
    """
    scope = None if province_codes_2024 is None else {str(c).zfill(2) for c in province_codes_2024}
    units, links = _plan(scope)
    ids: dict[Key, int] = {}
    counts: dict[str, int] = defaultdict(int)
    with transaction.atomic():
        for level in (PROVINCE, DISTRICT, COMMUNE):
            same_level = [u for u in units.values() if u.level == level]
            created, updated = _upsert_level(level, same_level, ids)
            counts["created"] += created
            counts["updated"] += updated
        counts["successions"] = _sync_successions(links, ids)
    for unit in units.values():
        counts[f"{unit.edition}_{unit.level}"] += 1
    counts["unmapped"] = sum(
        1 for u in units.values() if u.edition == Y2024 and not links.get(u.key)
    )
    if scope is None:
        counts["stale"] = AdminUnit.objects.filter(edition__in=[Y2024, Y2025]).count() - len(units)
    return dict(counts)
