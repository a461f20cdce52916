import sys
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ansinh.core.backup import (
    ENGINE_LABELS,
    BackupError,
    backup_restore,
    manifest_read,
    restore_problems,
)


def created_at(value: str) -> str:
    try:
        return f"{datetime.fromisoformat(value):%H:%M %d/%m/%Y}"
    except ValueError:
        return value


YES = {"co", "có", "c", "y", "yes"}


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu của `ansinh backup`: THAY TOÀN BỘ cơ sở dữ liệu và các tệp đã "
        "tải lên bằng nội dung của bản sao lưu. Nên dừng máy chủ và các worker trước."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp sao lưu (.tar.gz)")
        parser.add_argument("--yes", action="store_true", help="Không hỏi xác nhận")

    def handle(self, *args, file, yes, **options):
        path = Path(file)
        try:
            manifest = manifest_read(path)
            problems = restore_problems(manifest, settings.DATABASES["default"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if problems:
            raise CommandError("Không khôi phục: " + " ".join(problems))
        self.stdout.write(
            f"Bản sao lưu {path.name}: tạo lúc {created_at(manifest.created_at)}, ansinh "
            f"{manifest.ansinh_version}, cơ sở dữ liệu {ENGINE_LABELS[manifest.engine]}, "
            f"{manifest.media_files} tệp tải lên."
        )
        if not yes and not self._confirmed():
            raise CommandError("Đã huỷ: không có gì bị thay đổi.")
        try:
            backup_restore(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            "Đã khôi phục. Chạy `ansinh migrate` nếu bản sao lưu cũ hơn phiên bản đang cài, "
            "rồi khởi động lại máy chủ và các worker."
        )

    def _confirmed(self) -> bool:
        if not sys.stdin.isatty():
            raise CommandError(
                "Khôi phục sẽ thay toàn bộ dữ liệu hiện có; chạy lại với --yes để xác nhận."
            )
        answer = input(
            "Toàn bộ dữ liệu hiện có và các tệp đã tải lên sẽ bị thay bằng bản sao lưu. "
            "Gõ 'co' để tiếp tục: "
        )
        return answer.strip().lower() in YES
