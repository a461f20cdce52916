"""Reconcile partners' lists against the insured employers of a province, with a progress bar
in the console.

    ansinh reconcile --province 62
"""

from django.core.management.base import BaseCommand, CommandError

from ansinh.compliance.services_reconcile import reconciliation_run
from ansinh.org.models import AdminUnit

BAR = 30


class Command(BaseCommand):
    help = "Đối chiếu danh sách doanh nghiệp của các cơ quan phối hợp với đơn vị tham gia BHXH."

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help="Mã tỉnh, ví dụ 62 (Kon Tum).")

    def handle(self, *args, province, **options):
        unit = AdminUnit.objects.filter(code=province, level="province").order_by("edition").first()
        if unit is None:
            raise CommandError(f"Không có tỉnh mã {province}.")

        def progress(percent: int, stage: str) -> None:
            filled = BAR * percent // 100
            self.stdout.write(f"[{'#' * filled}{'.' * (BAR - filled)}] {percent:3d}% {stage}")

        run = reconciliation_run(province=unit, progress=progress)
        counts = run.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts.get('dong', 0)} dòng của {counts.get('danh_sach', 0)} danh sách; "
                f"{counts.get('khop', 0)} cặp, {counts.get('tu_dong', 0)} tự động, "
                f"{counts.get('cho_xet', 0)} chờ xem xét."
            )
        )
