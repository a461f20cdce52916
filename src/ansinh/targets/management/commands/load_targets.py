from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ansinh.org.importers.yamlfile import FileProblems
from ansinh.targets import services
from ansinh.targets.importers.common import ImportProblems
from ansinh.targets.importers.targets import read_yaml_or_raise


class Command(BaseCommand):
    help = "Nạp chỉ số (indicators.yaml) hoặc chỉ tiêu (tệp YAML theo docs/targets-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")

    def handle(self, *args, files, **options):
        for name in files:
            path = Path(name)
            text = path.read_text("utf-8")
            try:
                if "indicators:" in text and "measures:" in text:
                    summary = services.indicators_load(text=text, filename=path.name)
                else:
                    summary = services.targets_apply(
                        target_file=read_yaml_or_raise(text, path.name)
                    )
            except (ImportProblems, FileProblems) as exc:
                raise CommandError(f"{path.name}: {exc}") from exc
            self.stdout.write(f"{path.name}: {summary}.")
