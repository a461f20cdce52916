"""Run in a separate process by tests/core/test_killed_import.py, on the database DATABASE_URL
names: `setup`, `snapshot` (prints a digest of every table), or `import <kind>` of a generated
file, where KILLED_IMPORT_PAUSE=1 makes it announce "WRITING" after its first bulk write and
wait there to be killed. The pause is this script's own patch, not a hook in ansinh."""

import datetime as dt
import hashlib
import io
import json
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")
django.setup()

from django.apps import apps  # noqa: E402
from django.db.models.query import QuerySet  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from ansinh.org.models import AdminUnit  # noqa: E402

ROWS = 3000


def _xlsx(rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _province():
    return AdminUnit.objects.get(code="62", edition="2024")


def setup():
    from ansinh.healthfund.models import Facility

    for number in range(1, 51):
        Facility.objects.get_or_create(
            province=_province(), code=f"62{number:03d}",
            defaults={"name": f"Cơ sở {number}", "tier": "district", "rank": "3",
                      "specialty": "general", "ownership": "public"},
        )  # fmt: skip


def import_arrears():
    from ansinh.compliance.services_arrears import arrears_import

    header = ["STT", "Mã đơn vị", "Tên đơn vị", "Địa chỉ", "Mã số thuế", "Địa bàn",
              "Số phải đóng đầu kỳ", "Phải đóng trong kỳ", "Điều chỉnh", "Số đã đóng",
              "Số phải đóng cuối kỳ", "Tỷ lệ nợ", "Số lao động"]  # fmt: skip
    rows = [header] + [
        [n, f"TZ{n:05d}", f"Công ty số {n}", "Kon Tum", "", "", 20_000_000, 10_000_000, 0, 0,
         30_000_000, 3, 10]
        for n in range(1, ROWS + 1)
    ]  # fmt: skip
    arrears_import(
        province=_province(), as_of=dt.date(2026, 11, 30), filename="c12.xlsx",
        content=_xlsx(rows), user=None,
    )  # fmt: skip


def import_spending():
    from ansinh.core.tables import read_table
    from ansinh.healthfund.importers.spending import guess_mapping, spending_read
    from ansinh.healthfund.services import spending_apply

    header = ["Mã CSKCB", "Tháng", "Lượt khám", "Tổng chi phí", "BHYT thanh toán"]
    rows = [header] + [
        [f"62{f:03d}", m, 100 + f, 1_000_000 * f, 900_000 * f]
        for f in range(1, 51)
        for m in range(1, 13)
    ]
    table = read_table(filename="chi.xlsx", content=_xlsx(rows))
    parsed = spending_read(
        table=table, mapping=guess_mapping(table.headers), province=_province(), year=2026
    )
    spending_apply(province=_province(), spending_file=parsed, replace=False)


def snapshot():
    """Row count and digest of every table, to compare the database before and after."""
    digest = {}
    for model in apps.get_models():
        rows = sorted(repr(row) for row in model.objects.values_list())
        digest[model._meta.label] = [len(rows), hashlib.sha256("".join(rows).encode()).hexdigest()]
    print(json.dumps(digest))


def _pause_after_first_bulk_write():
    original = QuerySet.bulk_create

    def bulk_create(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        print("WRITING", flush=True)
        time.sleep(120)
        return result

    QuerySet.bulk_create = bulk_create


if __name__ == "__main__":
    action = sys.argv[1]
    if action == "setup":
        setup()
    elif action == "snapshot":
        snapshot()
    else:
        if os.environ.get("KILLED_IMPORT_PAUSE"):
            _pause_after_first_bulk_write()
        {"arrears": import_arrears, "spending": import_spending}[sys.argv[2]]()
        print("DONE", flush=True)
