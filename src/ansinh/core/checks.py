"""System checks for settings that are dangerous together (run by `manage.py check`), and the
production machine's own checks (run by `ansinh check`, which adds Django's --deploy)."""

import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Info, Warning, register


@register()
def ansinh_settings(app_configs, **kwargs):
    problems = []
    demo_key = settings.SECRET_KEY == "ansinh-demo-only-not-secret"
    if demo_key and not (settings.DEMO or settings.TESTING):
        problems.append(
            Error(
                "SECRET_KEY is the demo key outside the demo.",
                id="ansinh.E001",
                hint="Set SECRET_KEY in the environment.",
            )
        )
    if settings.DEBUG and not (settings.DEMO or settings.TESTING):
        problems.append(
            Warning(
                "DEBUG is on outside the demo.",
                id="ansinh.W001",
                hint="Unset DEBUG in production: it shows code and settings on errors.",
            )
        )
    engine = settings.DATABASES["default"]["ENGINE"]
    if not (settings.DEMO or settings.TESTING or settings.DEBUG) and engine.endswith("sqlite3"):
        problems.append(
            Warning(
                "Production on SQLite.",
                id="ansinh.W002",
                hint="Set DATABASE_URL to PostgreSQL; SQLite serves one machine only.",
            )
        )
    return problems


# --- run by `ansinh check` (Django's --deploy): things only the production machine can answer ---


@register(deploy=True)
def ansinh_environment(app_configs, **kwargs):
    """Redis reachable when configured, MEDIA_ROOT writable, data folder readable, LibreOffice."""
    from ansinh.core.views_health import redis_ping

    problems = []
    if settings.REDIS_URL:
        try:
            redis_ping(settings.REDIS_URL)
        except Exception as exc:
            problems.append(
                Error(
                    f"Không kết nối được Redis ở REDIS_URL ({type(exc).__name__}).",
                    id="ansinh.E002",
                    hint="Redis giữ bộ nhớ đệm và hàng đợi việc nền: kiểm tra REDIS_URL, "
                    "tường lửa và dịch vụ redis-server.",
                )
            )
    media = Path(settings.MEDIA_ROOT)
    if not _writable_folder(media):
        problems.append(
            Error(
                f"Không ghi được vào thư mục tệp tải lên MEDIA_ROOT ({media}).",
                id="ansinh.E003",
                hint="Tạo thư mục và cho tài khoản chạy ansinh quyền ghi.",
            )
        )
    data = Path(settings.SEED_DATA_DIR)
    if not (data.is_dir() and os.access(data, os.R_OK | os.X_OK)):
        problems.append(
            Error(
                f"Không đọc được thư mục dữ liệu ({data}): chế độ, chỉ tiêu, mẫu tỉnh nằm ở đó.",
                id="ansinh.E004",
                hint="Đặt ANSINH_SEED_DIR đúng thư mục data/ của ansinh.",
            )
        )
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        problems.append(
            Info(
                "Không có LibreOffice: báo cáo tổng hợp chỉ có bản Word, không có bản PDF.",
                id="ansinh.I001",
                hint="apt-get install --no-install-recommends libreoffice-writer-nogui "
                "fonts-liberation (docs/operations.md).",
            )
        )
    return problems


def _writable_folder(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".ansinh-check-"):
            return True
    except OSError:
        return False
