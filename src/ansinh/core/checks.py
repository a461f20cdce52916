"""System checks for settings that are dangerous together (run by `manage.py check`)."""

from django.conf import settings
from django.core.checks import Error, Warning, register


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
