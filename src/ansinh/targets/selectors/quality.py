"""Which stored values of a province the data-quality rules run over."""

from ansinh.org.models import AdminUnit
from ansinh.targets.quality import Flag, stored_quality_flags
from ansinh.targets.selectors.attainment import province_row_units, value_unit_ids


def province_unit_ids(province: AdminUnit, unit_ids: set[int] | None = None) -> list[int]:
    """The province, its row units and the 2024 communes under them; only the visible rows
    (and what is under them) when `unit_ids` is given."""
    rows = province_row_units(province)
    if unit_ids is not None:
        return value_unit_ids([u for u in rows if u.pk in unit_ids])
    return [province.pk, *value_unit_ids(rows)]


def province_flags(*, province: AdminUnit, year: int, unit_ids=None) -> list[Flag]:
    return stored_quality_flags(unit_ids=province_unit_ids(province, unit_ids), year=year)
