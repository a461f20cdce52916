"""Shared set-up of the targets benchmarks: a throw-away SQLite database with the 2025
administrative units and the indicators."""

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO)]


def setup_django() -> Path:
    data_dir = Path(tempfile.mkdtemp(prefix="ansinh-bench-targets-"))
    os.environ["ANSINH_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("ANSINH_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False  # as in production: no SQL logging on every one of ~8,000 inserts
    call_command("migrate", verbosity=0)
    from ansinh.org.importers.admin_units import admin_units_load
    from ansinh.targets.services import indicators_load

    admin_units_load()
    path = settings.SEED_DATA_DIR / "indicators.yaml"
    indicators_load(text=path.read_text("utf-8"), filename=path.name)
    return data_dir


def communes_2025():
    from ansinh.org.models import AdminUnit

    return list(AdminUnit.objects.filter(edition="2025", level="commune").order_by("code"))


def count(seed: int, base: int) -> int:
    """A deterministic count around `base`."""
    return base + (seed * 7919) % (base // 5 + 1)
