"""The data that shapes this capability (data/compliance/): each province's data partners and
thresholds, and the late-payment interest rates with their legal references. Read once per
process; a bad file is a clear error naming it."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ansinh.compliance.enums import Source


@dataclass(frozen=True)
class Partner:
    source: str
    agency: str  # agency key in the province file
    regime: str  # reporting regime key; its kind `kind` is the quarterly list
    kind: str

    @property
    def source_label(self) -> str:
        return Source(self.source).label


@dataclass(frozen=True)
class ProvinceRules:
    code: str
    standing_agency: str
    partners: tuple[Partner, ...]
    gap_min_extra: int
    gap_min_ratio: Decimal
    long_arrears_months: int
    disclosure_min_months: int

    def partner_for(self, agency_key: str) -> tuple[Partner, ...]:
        return tuple(p for p in self.partners if p.agency == agency_key)


@dataclass(frozen=True)
class InterestRate:
    starts: dt.date
    daily_percent: Decimal
    reference: str


def _folder():
    return settings.SEED_DATA_DIR / "compliance"


@cache
def province_rules() -> dict[str, ProvinceRules]:
    """Rules by province code, from every data/compliance/*.yaml with format ansinh.compliance/1."""
    found = {}
    for path in sorted(_folder().glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        if not isinstance(data, dict) or data.get("format") != "ansinh.compliance/1":
            continue
        try:
            partners = tuple(
                Partner(
                    source=Source(p["source"]).value,
                    agency=p["agency"],
                    regime=p["regime"],
                    kind=p["kind"],
                )
                for p in data.get("partners", [])
            )
            gap = data.get("headcount_gap", {})
            rules = ProvinceRules(
                code=str(data["province"]["code"]),
                standing_agency=data.get("standing_agency", "bhxh-tinh"),
                partners=partners,
                gap_min_extra=int(gap.get("min_extra", 5)),
                gap_min_ratio=Decimal(str(gap.get("min_ratio", "1.2"))),
                long_arrears_months=int(data.get("long_arrears_months", 6)),
                disclosure_min_months=int(data.get("disclosure_min_months", 3)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ImproperlyConfigured(f"{path.name}: {exc}") from exc
        found[rules.code] = rules
    return found


def rules_for(province) -> ProvinceRules:
    """The rules of a province (an AdminUnit); a province with no file gets the defaults and no
    partners."""
    code = str(province.code)
    return province_rules().get(code) or ProvinceRules(
        code=code, standing_agency="bhxh-tinh", partners=(), gap_min_extra=5,
        gap_min_ratio=Decimal("1.2"), long_arrears_months=6, disclosure_min_months=3,
    )  # fmt: skip


@cache
def interest_rates() -> tuple[InterestRate, ...]:
    """Newest first."""
    path = _folder() / "late-interest.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    try:
        rates = [
            InterestRate(
                starts=row["from"] if isinstance(row["from"], dt.date)
                else dt.date.fromisoformat(str(row["from"])),
                daily_percent=Decimal(str(row["daily_percent"])),
                reference=" ".join(str(row["reference"]).split()),
            )
            for row in data["rates"]
        ]  # fmt: skip
    except (KeyError, TypeError, ValueError) as exc:
        raise ImproperlyConfigured(f"late-interest.yaml: {exc}") from exc
    return tuple(sorted(rates, key=lambda r: r.starts, reverse=True))


def interest_rate_on(day: dt.date) -> InterestRate:
    for rate in interest_rates():
        if rate.starts <= day:
            return rate
    return interest_rates()[-1]
