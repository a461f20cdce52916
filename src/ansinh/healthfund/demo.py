"""A synthetic, deterministic data set (data/healthfund/demo.yaml): facilities of the province,
the year's budget split in proportion to each facility's size, and twelve months of spending
with a few facilities above their peers so that warnings appear. Marked illustrative."""

import random

import yaml
from django.conf import settings
from django.db import transaction

from ansinh.healthfund import services
from ansinh.healthfund.config import cost_groups
from ansinh.healthfund.importers.facilities import FacilityRow
from ansinh.healthfund.importers.spending import SpendingFile, SpendingRow
from ansinh.healthfund.models import Facility
from ansinh.org.enums import AdminEdition, AdminLevel
from ansinh.org.models import AdminUnit

SHARES = {"thuoc": 0.38, "xet_nghiem": 0.12, "cdha": 0.08, "giuong": 0.16, "vat_tu": 0.09,
          "mau": 0.02, "pttt": 0.09, "kham": 0.05, "van_chuyen": 0.01}  # fmt: skip


def demo_config() -> dict:
    path = settings.SEED_DATA_DIR / "healthfund" / "demo.yaml"
    return yaml.safe_load(path.read_text("utf-8"))


def _month(rng, monthly: int, factor: float) -> tuple[dict, dict]:
    total = int(monthly * rng.uniform(0.9, 1.1))
    visit_cost = rng.uniform(285_000, 295_000)
    outpatient = int(total * 0.45 * factor)
    visits = max(1, int(total * 0.45 / visit_cost))
    cases = max(1, int((total - outpatient) / rng.uniform(5_900_000, 6_100_000) / factor))
    groups = {c: int(total * SHARES.get(c, 0) * (factor if c == "thuoc" else 1))
              for c in cost_groups()}  # fmt: skip
    groups["thuoc"] = min(groups["thuoc"], total // 2)
    amounts = {"outpatient_visits": visits, "inpatient_cases": cases,
               "inpatient_days": cases * 6, "total_cost": total,
               "outpatient_cost": min(outpatient, total), "insured_cost": int(total * 0.92)}  # fmt: skip  # noqa: E501
    return amounts, groups


def demo_load() -> str:
    config = demo_config()
    province = AdminUnit.objects.filter(
        edition=AdminEdition.Y2024, level=AdminLevel.PROVINCE, code=config["province"]
    ).first()
    if province is None:
        return f"chưa có tỉnh mã {config['province']}, bỏ qua"
    rng = random.Random(config["seed"])
    districts = list(province.children.filter(level=AdminLevel.DISTRICT).order_by("code"))
    outliers = {(o["group"], o["index"]): o["factor"] for o in config["outliers"]}
    rows, sizes, factors = [], {}, {}
    for g_index, group in enumerate(config["groups"], start=1):
        for index in range(1, group["count"] + 1):
            code = f"{config['province']}{g_index}{index:02d}"
            unit = districts[(index - 1) % len(districts)] if districts else None
            name = group["name"] if group["count"] == 1 else f"{group['name']} số {index}"
            rows.append(FacilityRow(0, code, name, group["tier"], group["rank"],
                                    group["specialty"], group["ownership"], unit))  # fmt: skip
            sizes[code] = group["monthly"]
            factors[code] = outliers.get((g_index, index), 1.0)
    year = config["year"]
    with transaction.atomic():
        services.facilities_apply(province=province, rows=rows)
        facilities = {f.code: f for f in Facility.objects.filter(province=province, code__in=sizes)}
        Facility.objects.filter(pk__in=[f.pk for f in facilities.values()]).update(
            illustrative=True
        )
        budget = services.budget_save(province=province, year=year, amount=config["budget"],
                                      source_document=config["source_document"])  # fmt: skip
        total_size = sum(sizes.values()) * 12
        services.allocations_save(budget=budget, amounts={
            facilities[c].pk: int(config["budget"] * 0.97 * s * 12 / total_size // 1_000_000 * 1_000_000)  # noqa: E501
            for c, s in sizes.items()
        })  # fmt: skip
        spending = []
        for code, facility in facilities.items():
            for month in range(1, 13):
                amounts, groups = _month(rng, sizes[code], factors[code])
                spending.append(SpendingRow(0, facility, month, amounts, groups))
        services.spending_apply(province=province, replace=True,
                                spending_file=SpendingFile(year=year, rows=spending))  # fmt: skip
    return f"{len(facilities)} cơ sở, dự toán năm {year}, {len(spending)} dòng chi tháng"
