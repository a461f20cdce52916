"""`ansinh check`: Django's system checks with --deploy, which include ansinh's own
(core/checks.py), after a short summary of what this installation uses. Accepts every argument
of Django's `check` (app labels, --tag, --fail-level, …); exits non-zero on errors."""

import shutil

from django.conf import settings
from django.core.management.commands.check import Command as CheckCommand

from ansinh.core.backup import ENGINE_LABELS, BackupError, engine_of


class Command(CheckCommand):
    help = (
        "Kiểm tra cài đặt trước khi chạy thật: các kiểm tra của Django (--deploy) và của ansinh "
        "(khoá bí mật, DEBUG, ALLOWED_HOSTS, cơ sở dữ liệu, Redis, thư mục tệp, LibreOffice)."
    )

    def handle(self, *app_labels, **options):
        for line in self.summary():
            self.stdout.write(line)
        options["deploy"] = True
        super().handle(*app_labels, **options)

    def summary(self) -> list[str]:
        try:
            database = ENGINE_LABELS[engine_of(settings.DATABASES["default"])]
        except BackupError:
            database = settings.DATABASES["default"]["ENGINE"]
        backend = settings.TASKS["default"]["BACKEND"].rsplit(".", 1)[-1]
        queue = f"{backend} (Redis)" if backend == "RQBackend" else f"{backend} (trong tiến trình)"
        office = shutil.which("soffice") or shutil.which("libreoffice")
        mode = "demo" if settings.DEMO else "thử nghiệm" if settings.TESTING else "chạy thật"
        return [
            f"Cơ sở dữ liệu: {database}",
            f"Bộ nhớ đệm: {'Redis' if settings.REDIS_URL else 'trong tiến trình'}",
            f"Hàng đợi việc nền: {queue}",
            f"LibreOffice (bản PDF của báo cáo): {office or 'không có'}",
            f"Nhật ký: {settings.LOG_FORMAT}",
            f"Chế độ: {mode}",
            "",
        ]
