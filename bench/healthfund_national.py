"""Benchmark: a year of monthly spending at national scale (1,500 facilities × 20 cost groups ×
12 months) on a throw-away SQLite database.

1. The spending import (read the workbook, check every cell, bulk write) beside openpyxl's
   read-only read of the same file.
2. The peer averages of every month of the year (`selectors.exceedances`: every facility's
   indicators, month and year to date, against Σ numerator / Σ denominator of its tier, class
   and specialty) beside the same aggregation done in DuckDB on the same rows; the two must
   give the same peer averages.

Prints the figures and the ratios.

    .venv/bin/python bench/healthfund_national.py [--facilities 1500]
"""

import argparse
import csv
import os
import sys
import tempfile
import time
from decimal import Decimal
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO)]

YEAR = 2025
GROUPS = 20
BASE = ["outpatient_visits", "inpatient_days", "inpatient_cases", "total_cost",
        "outpatient_cost", "insured_cost"]  # fmt: skip


def setup_django():
    os.environ["ANSINH_DATA_DIR"] = tempfile.mkdtemp(prefix="ansinh-bench-healthfund-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("ANSINH_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False  # as in production: no SQL logging
    call_command("migrate", verbosity=0)


def group_codes() -> list[str]:
    """The configured cost groups (the indicators use some), then made-up ones up to 20: the
    importer keeps every mapped group column."""
    from ansinh.healthfund.config import cost_groups

    codes = list(cost_groups())
    return codes + [f"nhom_{n}" for n in range(len(codes) + 1, GROUPS + 1)]


def facilities_create(count: int):
    from ansinh.healthfund.enums import Ownership, Rank, Specialty, Tier
    from ansinh.healthfund.models import Facility
    from ansinh.org.models import AdminUnit

    province = AdminUnit.objects.create(edition="2025", level="province", code="99",
                                        name="Tỉnh thử nghiệm", division_type="Tỉnh")  # fmt: skip
    tiers, ranks, specialties = list(Tier), list(Rank), list(Specialty)
    Facility.objects.bulk_create(
        Facility(province=province, code=f"{i:05d}", name=f"Cơ sở KCB số {i}",
                 tier=tiers[i % len(tiers)], rank=ranks[i // 4 % len(ranks)],
                 specialty=specialties[i // 24 % len(specialties)], ownership=Ownership.PUBLIC)
        for i in range(1, count + 1)
    )  # fmt: skip
    return province, list(Facility.objects.filter(province=province))


def amount(seed: int, base: int) -> int:
    """A deterministic amount around `base`."""
    return base + (seed * 7919) % (base // 3 + 1)


def generate(facilities, codes) -> tuple[bytes, dict]:
    from openpyxl import Workbook

    headers = ["Mã CSKCB", "Tháng", "Lượt khám", "Ngày giường", "Lượt nội trú", "Tổng chi phí",
               "Chi ngoại trú", "Quỹ BHYT thanh toán"] + [f"Chi {c}" for c in codes]  # fmt: skip
    mapping = dict(zip(["facility", "month", *BASE], headers, strict=False))
    mapping |= {f"nhom:{c}": f"Chi {c}" for c in codes}
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Chi KCB")
    sheet.append([f"SỐ LIỆU CHI KCB BHYT NĂM {YEAR} (sinh tự động)"])
    sheet.append(headers)
    for index, facility in enumerate(facilities):
        for month in range(1, 13):
            seed = index * 12 + month
            total = amount(seed, 2_000_000_000)
            groups = [amount(seed + g, total // (2 * len(codes))) for g in range(len(codes))]
            sheet.append([facility.code, f"T{month}/{YEAR}", amount(seed, 3000), amount(seed, 900),
                          amount(seed, 150), total, total * 45 // 100, total * 92 // 100,
                          *groups])  # fmt: skip
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), mapping


def import_bench(province, facilities, codes):
    from openpyxl import load_workbook

    from ansinh.healthfund.importers.common import read_table
    from ansinh.healthfund.importers.spending import spending_read
    from ansinh.healthfund.services import spending_apply

    content, mapping = generate(facilities, codes)
    print(f"Workbook: {len(facilities):,} facilities × 12 months × {len(codes)} cost groups, "
          f"{len(content) / 1e6:.1f} MB")  # fmt: skip

    started = time.perf_counter()
    workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    cells = sum(len(row) for row in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    raw = time.perf_counter() - started

    started = time.perf_counter()
    table = read_table(filename="chi.xlsx", content=content)
    read = time.perf_counter() - started
    parsed = spending_read(table=table, mapping=mapping, province=province, year=YEAR)
    checked = time.perf_counter() - started
    summary = spending_apply(province=province, spending_file=parsed, replace=False)
    total = time.perf_counter() - started

    print(f"openpyxl read-only read ({cells:,} cells): {raw:.2f} s")
    print(f"import, read the table:                    {read:.2f} s")
    print(f"import, + check every cell:                {checked:.2f} s")
    print(f"import, + bulk write:                      {total:.2f} s  ({summary})")
    print(f"ratio import / openpyxl read: {total / raw:.1f}×")


def ours(province):
    """Timed: the exceedances of every month. Then (not timed) the peer averages they rest on,
    for the comparison with DuckDB."""
    from ansinh.healthfund import selectors
    from ansinh.healthfund.models import Facility

    started = time.perf_counter()
    found = sum(
        len(selectors.exceedances(province=province, year=YEAR, month=month))
        for month in range(1, 13)
    )
    elapsed = time.perf_counter() - started
    facilities, averages = list(Facility.objects.filter(province=province)), {}
    for month in range(1, 13):
        for f in selectors.figures(facilities=facilities, peers=facilities, year=YEAR,
                                   month=month):  # fmt: skip
            averages[(month, str(f.span), f.indicator.code, f.facility.peer_key)] = f.peer_average
    return elapsed, found, averages


def duckdb_load(province, codes):
    """The stored rows, with each cost group as a column, in an in-memory DuckDB (not timed)."""
    import duckdb

    from ansinh.healthfund.models import MonthlySpending

    rows = MonthlySpending.objects.filter(facility__province=province, year=YEAR).values_list(
        "facility__tier", "facility__rank", "facility__specialty", "facility_id", "month",
        *BASE, "cost_groups",
    )  # fmt: skip
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="") as handle:
        writer = csv.writer(handle)
        for *values, groups in rows:
            writer.writerow([*values, *(groups.get(c, 0) for c in codes)])
    columns = {"tier": "VARCHAR", "rank": "VARCHAR", "specialty": "VARCHAR", "facility": "INT",
               "month": "INT"} | dict.fromkeys(BASE, "BIGINT")  # fmt: skip
    columns |= {f"g_{c}": "BIGINT" for c in codes}
    db = duckdb.connect()
    db.execute(f"create table s as select * from read_csv(?, header=false, columns={columns!r})",
               [handle.name])  # fmt: skip
    return db


def column(field: str) -> str:
    return f"g_{field.removeprefix('nhom:')}" if field.startswith("nhom:") else field


def duckdb_query() -> tuple[list[str], str]:
    """Per span, every indicator's Σ numerator / Σ denominator per facility and per peer group
    — the figures the selectors compute for month $m."""
    from ansinh.healthfund.config import indicators

    codes, ratios = [], []
    for ind in indicators():
        num = " + ".join(f"sum({column(f)})" for f in ind.numerator)
        sub = "".join(f" - sum({column(f)})" for f in ind.subtract)
        den = f"sum({column(ind.denominator)})"
        codes.append(ind.code)
        ratios.append(f"({num}{sub}) * {ind.factor} / nullif({den}, 0) as {ind.code}")
    values = ", ".join(ratios)
    return (
        codes,
        f"""
with spans as (
    select *, 'month' as span from s where month = $m
    union all select *, 'ytd' as span from s where month <= $m
), own as (
    select facility, tier, rank, specialty, span, {values}
    from spans group by facility, tier, rank, specialty, span
), peers as (
    select tier, rank, specialty, span, {values}
    from spans group by tier, rank, specialty, span
)
select peers.*, own.* exclude (tier, rank, specialty, span)
from own join peers using (tier, rank, specialty, span)
""",
    )


def peer_bench(province, codes):
    orm, found, averages = ours(province)

    db = duckdb_load(province, codes)
    indicator_codes, query = duckdb_query()
    n = len(indicator_codes)
    started = time.perf_counter()
    result = {}
    for month in range(1, 13):
        for row in db.execute(query, {"m": month}).fetchall():
            tier, rank, specialty, span, *peer = row[: 4 + n]
            for code, value in zip(indicator_codes, peer, strict=True):
                result[(month, span, code, (tier, rank, specialty))] = value
    duck = time.perf_counter() - started

    differ = sum(
        1
        for key, value in averages.items()
        if (value is None) != (result.get(key) is None)
        or (value is not None and abs(Decimal(str(result[key])) - value) > Decimal("0.01"))
    )
    groups = len({key[3] for key in averages})
    print(f"peer averages, 12 months (exceedances of every facility, {groups} peer groups, "
          f"{found:,} exceedances): {orm:.2f} s")  # fmt: skip
    print(f"same aggregation in DuckDB (facility and peer sums, ratios): {duck:.2f} s")
    print(f"ratio ours / DuckDB: {orm / duck:.1f}×  ({len(averages):,} peer averages compared, "
          f"{differ} differ)")  # fmt: skip


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--facilities", type=int, default=1500)
    args = parser.parse_args()
    setup_django()
    codes = group_codes()
    province, facilities = facilities_create(args.facilities)
    import_bench(province, facilities, codes)
    peer_bench(province, codes)


if __name__ == "__main__":
    main()
