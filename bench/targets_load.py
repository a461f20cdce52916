"""Benchmark: load a generated workbook of every 2025 commune (3,321) × 4 indicators (their 7
counts) × 12 months through the targets importer (read, check, quality flags, bulk write with
history), beside openpyxl's read-only read of the same file; prints both and the ratio.

    .venv/bin/python bench/targets_load.py
"""

import time
from io import BytesIO

from targets_common import communes_2025, count, setup_django


def generate(units) -> bytes:
    from openpyxl import Workbook

    from ansinh.targets.models import Measure

    bases = {"llld": 6000, "llld_bhtn": 5800, "dan_so": 10000, "bhxh": 1500, "bhxh_tn": 300,
             "bhyt": 9300, "bhtn": 1000}  # fmt: skip
    # The counts of the rate indicators; count/amount measures are not part of this benchmark.
    measures = list(Measure.objects.filter(code__in=bases).order_by("position"))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Số liệu")
    sheet.append(["SỐ LIỆU THAM GIA BHXH, BHYT, BHTN – TOÀN QUỐC (sinh tự động)"])
    sheet.append(["Mã ĐVHC", "Đơn vị", "Kỳ"] + [m.code for m in measures])
    for index, unit in enumerate(units):
        for month in range(1, 13):
            sheet.append(
                [unit.code, unit.name, f"Tháng {month}/2024"]
                + [count(index * 12 + month, bases[m.code]) for m in measures]
            )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main():
    setup_django()
    from openpyxl import load_workbook

    from ansinh.targets.importers.values import values_read_workbook
    from ansinh.targets.quality import quality_flags
    from ansinh.targets.services import values_apply

    units = communes_2025()
    content = generate(units)
    print(f"Workbook: {len(units)} communes × 12 months, {len(content) / 1e6:.1f} MB")

    started = time.perf_counter()
    workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    cells = sum(len(row) for row in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    raw = time.perf_counter() - started

    started = time.perf_counter()
    parsed = values_read_workbook(content=content, province=None)
    read = time.perf_counter() - started
    flags = quality_flags(parsed.rows)
    checked = time.perf_counter() - started
    summary = values_apply(rows=parsed.rows)
    total = time.perf_counter() - started

    print(f"openpyxl read-only read ({cells:,} cells): {raw:.2f} s")
    print(f"import, read + check rows:                 {read:.2f} s")
    print(f"import, + quality flags ({len(flags)} flags):     {checked:.2f} s")
    print(f"import, + bulk write with history:        {total:.2f} s  ({summary})")
    print(
        f"ratio import / openpyxl read: {total / raw:.1f}×  (read + check only: {read / raw:.1f}×)"
    )


if __name__ == "__main__":
    main()
