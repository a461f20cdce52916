from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ansinh.reporting.services import obligations_generate, regime_load


class Command(BaseCommand):
    help = "Nạp một chế độ báo cáo từ tệp YAML (data/regimes/) và sinh nghĩa vụ báo cáo."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", type=int, action="append", help="Năm sinh nghĩa vụ")

    def handle(self, *args, file, year, **options):
        load_regime_file(path=file, years=year, stdout=self.stdout)


def load_regime_file(*, path: Path, years=None, stdout) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        regime = regime_load(data=data)
    except ValidationError as error:
        raise CommandError(f"{path.name}: " + "; ".join(error.messages)) from None
    years = years or data.get("years") or ([regime.plan.year] if regime.plan else [2024, 2025])
    created = sum(obligations_generate(regime=regime, year=y) for y in years)
    stdout.write(f"Chế độ báo cáo {path.name}: {regime.name}; {created} nghĩa vụ mới.")
