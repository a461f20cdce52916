from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ansinh.plans.importers.draft import draft_summary
from ansinh.plans.importers.read import plan_file_read
from ansinh.plans.models import Plan
from ansinh.plans.services import plan_import


class Command(BaseCommand):
    help = "Nạp các kế hoạch demo (data/plans/*.yaml); kế hoạch đã có thì bỏ qua."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Tệp kế hoạch; mặc định data/plans/*.yaml")

    def handle(self, *args, files, **options):
        paths = [Path(f) for f in files] or sorted(
            (Path(settings.SEED_DATA_DIR) / "plans").glob("*.yaml")
        )
        for path in paths:
            draft = plan_file_read(
                data=path.read_bytes(), filename=path.name, committee=None, year=0
            )
            plan = draft["plan"]
            if Plan.objects.filter(
                committee_id=plan.get("committee"), year=plan["year"], title=plan.get("title")
            ).exists():
                self.stdout.write(f"Kế hoạch {path.name}: đã có, bỏ qua.")
                continue
            if draft["errors"]:
                raise CommandError("\n".join(draft["errors"]))
            plan_import(draft=draft, user=None)
            self.stdout.write(f"Kế hoạch {path.name}: {draft_summary(draft)}.")
