from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ansinh.org.importers.province_file import province_file_load_path
from ansinh.org.importers.yamlfile import FileProblems


class Command(BaseCommand):
    help = "Nạp tệp dữ liệu của một tỉnh (docs/data-format.md): cơ quan, Ban Chỉ đạo, quy chế."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Kiểm tra và đếm, không ghi gì vào cơ sở dữ liệu.",
        )

    def handle(self, *args, files, dry_run, **options):
        for path in files:
            if not path.exists():
                raise CommandError(f"Không tìm thấy tệp {path}")
            try:
                report = province_file_load_path(path=path, dry_run=dry_run)
            except FileProblems as exc:
                for message in exc.messages:
                    self.stderr.write(message)
                raise CommandError(
                    f"{path.name}: {len(exc.problems)} lỗi, không nạp gì từ tệp này."
                ) from exc
            verb = "Kiểm tra xong (không ghi)" if dry_run else "Đã nạp"
            self.stdout.write(f"{verb} {path.name}: {report.summary()}")
