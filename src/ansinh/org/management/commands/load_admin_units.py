import time

from django.core.management.base import BaseCommand, CommandError

from ansinh.core.vnformat import format_number
from ansinh.org.importers.admin_units import admin_units_load


class Command(BaseCommand):
    help = (
        "Nạp danh mục đơn vị hành chính trước (63 tỉnh) và sau sắp xếp 2025 (34 tỉnh) "
        "cùng quan hệ kế thừa giữa chúng. Chạy lại nhiều lần không tạo bản ghi trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            dest="provinces",
            action="extend",
            nargs="+",
            metavar="MÃ",
            help="Chỉ nạp các tỉnh này (mã năm 2024, ví dụ 62 là Kon Tum) và tỉnh mới kế thừa.",
        )

    def handle(self, *args, provinces=None, **options):
        started = time.perf_counter()
        try:
            counts = admin_units_load(province_codes_2024=provinces)
        except ValueError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started

        def n(key: str) -> str:
            return format_number(counts.get(key, 0))

        self.stdout.write(
            f"2024: {n('2024_province')} tỉnh, {n('2024_district')} huyện, "
            f"{n('2024_commune')} xã; 2025: {n('2025_province')} tỉnh, {n('2025_commune')} xã; "
            f"{n('successions')} quan hệ kế thừa."
        )
        self.stdout.write(
            f"Thêm mới {n('created')}, cập nhật {n('updated')} đơn vị "
            f"trong {format_number(elapsed, 1)} giây."
        )
        if counts.get("unmapped"):
            self.stderr.write(
                self.style.WARNING(f"{n('unmapped')} đơn vị năm 2024 chưa có đơn vị kế thừa.")
            )
        if counts.get("stale"):
            self.stderr.write(
                self.style.WARNING(
                    f"{n('stale')} đơn vị trong cơ sở dữ liệu không còn trong danh mục nguồn "
                    "(được giữ lại vì có thể đang được dùng)."
                )
            )
