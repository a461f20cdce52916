from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ansinh.core.backup import ENGINE_LABELS, BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu (SQLite hoặc PostgreSQL) và các tệp đã tải lên (MEDIA_ROOT) vào "
        "một tệp .tar.gz. Chạy được khi máy chủ đang phục vụ."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="Tệp sao lưu sẽ ghi (mặc định: ansinh-YYYYMMDD-HHMMSS.tar.gz ở thư mục hiện tại)",
        )

    def handle(self, *args, output, **options):
        path = Path(output or f"ansinh-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz")
        try:
            manifest = backup_create(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        migrations = sum(len(names) for names in manifest.migrations.values())
        self.stdout.write(
            f"Đã sao lưu vào {path}: cơ sở dữ liệu {ENGINE_LABELS[manifest.engine]} "
            f"({migrations} migration), {manifest.media_files} tệp tải lên, "
            f"ansinh {manifest.ansinh_version}."
        )
