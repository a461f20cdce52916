from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ansinh.meetings.demo import DemoProblem, load_file


class Command(BaseCommand):
    help = (
        "Nạp các cuộc họp demo (data/meetings/*.yaml): quy tắc họp, một cuộc họp đã diễn ra "
        "(điểm danh, biểu quyết) và cuộc họp sắp tới. Chạy lại không tạo trùng."
    )

    def handle(self, *args, **options):
        for path in sorted((settings.SEED_DATA_DIR / "meetings").glob("*.yaml")):
            try:
                lines = load_file(path)
            except DemoProblem as problem:
                raise CommandError(str(problem)) from problem
            for line in lines:
                self.stdout.write(f"Cuộc họp ({path.name}) {line}")
