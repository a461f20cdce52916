from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ansinh.org.importers.yamlfile import FileProblems
from ansinh.reporting.importers import FIRST_YEAR, LAST_YEAR, regime_file_read
from ansinh.reporting.services import obligations_generate, regime_load


class Command(BaseCommand):
    help = "Nạp một chế độ báo cáo từ tệp YAML (data/regimes/) và sinh nghĩa vụ báo cáo."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", type=int, action="append", help="Năm sinh nghĩa vụ")

    def handle(self, *args, file, year, **options):
        load_regime_file(path=file, years=year, stdout=self.stdout)


def load_regime_file(*, path: Path, years=None, stdout) -> None:
    """Load the regime and its obligations, or refuse (CommandError naming the file and the
    entry) having written nothing."""
    for year in years or []:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise CommandError(f"--year {year}: năm phải từ {FIRST_YEAR} đến {LAST_YEAR}.")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CommandError(f"{path.name}: tệp phải mã hóa UTF-8.") from None
    try:
        data = regime_file_read(text=text, filename=path.name)
        # One transaction: obligations failing after the regime is written undo the regime too.
        with transaction.atomic():
            regime = regime_load(data=data)
            years = years or data.get("years") or _default_years(regime)
            created = sum(obligations_generate(regime=regime, year=y) for y in years)
    except FileProblems as exc:
        raise CommandError("\n".join(exc.messages)) from None
    except ValidationError as error:
        raise CommandError(f"{path.name}: " + "; ".join(error.messages)) from None
    stdout.write(f"Chế độ báo cáo {path.name}: {regime.name}; {created} nghĩa vụ mới.")


def _default_years(regime) -> list[int]:
    return [regime.plan.year] if regime.plan else [2024, 2025]
