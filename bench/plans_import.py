"""Benchmark: import a generated 2,000-task plan workbook (the ansinh Excel template).

Times the whole import — openpyxl read, unit matching, timeframe parsing, the draft, then the
writes in one transaction — on a fresh SQLite database holding the two seed provinces, beside
the time openpyxl alone needs to read the same workbook in read-only mode, and prints the ratio.

    .venv/bin/python bench/plans_import.py [--tasks 2000]
"""

import argparse
import os
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO)]

UNITS = [
    "Sở Thông tin và Truyền thông",
    "Bảo hiểm xã hội tỉnh",
    "Sở Y tế",
    "Sở Tư pháp",
    "Ban Dân tộc",
    "Các Sở, ban, ngành, Hội, đoàn thể liên quan",
    "Ủy ban nhân dân các huyện, thành phố",
    "Cục Thuế tỉnh",
]
TIMEFRAMES = ["Thường xuyên", "Quý 2/2024", "Tháng 8/2024", "6 tháng đầu năm 2024", "", "Năm 2024"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def generate(tasks: int) -> bytes:
    from ansinh.plans.exports import template_workbook

    workbook = template_workbook()
    sheet = workbook["Kế hoạch"]
    sheet.delete_rows(5, sheet.max_row)
    per_group = max(1, tasks // (len(ROMAN) * 4))
    number = 0
    for roman in ROMAN:
        sheet.append([roman, "", f"Nhóm nhiệm vụ {roman}", "", "", "", ""])
        for letter in "abcd":
            sheet.append([f"{letter})", "", f"Nhóm con {letter} của nhóm {roman}", "", "", "", ""])
            for _ in range(per_group):
                if number >= tasks:
                    break
                number += 1
                sheet.append(
                    [
                        "",
                        str(number),
                        f"Nhiệm vụ số {number}: tăng cường tuyên truyền, đôn đốc, kiểm tra "
                        "việc thực hiện chính sách BHXH, BHYT, BHTN trên địa bàn.",
                        UNITS[number % 5],
                        ", ".join(UNITS[(number + k) % len(UNITS)] for k in (5, 6, 7)),
                        TIMEFRAMES[number % len(TIMEFRAMES)],
                        "Quyết định số 248/QĐ-UBND",
                    ]
                )
    while number < tasks:
        number += 1
        sheet.append(["", str(number), f"Nhiệm vụ số {number}", UNITS[1], "", "", ""])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=2000)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="ansinh-bench-")
    os.environ.update(
        {
            "ANSINH_DEMO": "1",
            "DJANGO_SETTINGS_MODULE": "ansinh.settings",
            "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
            "ANSINH_DATA_DIR": workdir,
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tests.conftest import load_seed

    load_seed(users=False)

    from openpyxl import load_workbook

    from ansinh.org.models import Committee
    from ansinh.plans.importers.excel import plan_excel_read
    from ansinh.plans.models import Task
    from ansinh.plans.services import plan_import

    data = generate(args.tasks)
    committee = Committee.objects.get(province__code="62", key="bcd-tinh")

    started = time.perf_counter()
    workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    rows = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    read_only = time.perf_counter() - started

    started = time.perf_counter()
    draft = plan_excel_read(
        data=data, filename="bench.xlsx", committee=committee, year=2024, title="Bench"
    )
    parsed = time.perf_counter() - started
    plan_import(draft=draft, user=None)
    total = time.perf_counter() - started

    written = Task.objects.filter(plan__title="Bench").count()
    assert written == args.tasks, (written, draft["errors"][:3])
    print(f"Workbook: {len(data) / 1024:.0f} KiB, {rows} rows, {args.tasks} tasks")
    print(f"openpyxl read-only read:        {read_only:8.3f} s")
    print(f"ansinh import (parse + write):  {total:8.3f} s  (parse {parsed:.3f} s)")
    print(f"ratio import / read:            {total / read_only:8.1f} x")


if __name__ == "__main__":
    main()
