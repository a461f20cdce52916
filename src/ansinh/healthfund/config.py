"""The data that shapes this capability (data/healthfund/): cost groups, cost indicators and
which agency is the health department. Read once per process; a bad file is a clear error."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

BASE_FIELDS = {
    "outpatient_visits": "Lượt khám ngoại trú",
    "inpatient_days": "Ngày giường",
    "inpatient_cases": "Lượt điều trị nội trú",
    "total_cost": "Tổng chi phí",
    "outpatient_cost": "Chi phí ngoại trú",
    "insured_cost": "BHYT thanh toán",
}
GROUP_PREFIX = "nhom:"


@dataclass(frozen=True)
class CostIndicator:
    code: str
    name: str
    unit: str
    numerator: tuple[str, ...]
    subtract: tuple[str, ...]
    denominator: str
    factor: Decimal

    @property
    def fields(self) -> set[str]:
        return {*self.numerator, *self.subtract, self.denominator}


def _read(name: str):
    path = settings.SEED_DATA_DIR / "healthfund" / name
    return yaml.safe_load(path.read_text("utf-8"))


@cache
def cost_groups() -> dict[str, str]:
    return {row["code"]: row["name"] for row in _read("cost_groups.yaml")}


def field_label(field: str) -> str:
    if field.startswith(GROUP_PREFIX):
        return "Chi " + cost_groups().get(field[len(GROUP_PREFIX) :], field).lower()
    return BASE_FIELDS[field]


@cache
def indicators() -> tuple[CostIndicator, ...]:
    known = set(BASE_FIELDS) | {GROUP_PREFIX + code for code in cost_groups()}
    found = []
    for row in _read("indicators.yaml"):
        indicator = CostIndicator(
            code=row["code"],
            name=row["name"],
            unit=row.get("unit", ""),
            numerator=tuple(row["numerator"]),
            subtract=tuple(row.get("subtract", ())),
            denominator=row["denominator"],
            factor=Decimal(str(row.get("factor", 1))),
        )
        if unknown := indicator.fields - known:
            raise ImproperlyConfigured(
                f"data/healthfund/indicators.yaml, chỉ số {indicator.code}: không có trường "
                f"{', '.join(sorted(unknown))}"
            )
        found.append(indicator)
    return tuple(found)


def indicator_by_code() -> dict[str, CostIndicator]:
    return {i.code: i for i in indicators()}


@cache
def fund_settings() -> dict:
    return _read("settings.yaml")
