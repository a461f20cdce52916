from django.core.management.base import BaseCommand, CommandError

from ansinh.rewards.config import data_files
from ansinh.rewards.demo import DemoProblem, load_file


class Command(BaseCommand):
    help = (
        "Nạp đợt xét khen thưởng demo (phần demo của data/rewards/*.yaml): mở đợt, thêm và gửi "
        "các đề nghị. Chạy lại không tạo trùng."
    )

    def handle(self, *args, **options):
        for path in data_files():
            try:
                lines = load_file(path)
            except DemoProblem as problem:
                raise CommandError(str(problem)) from problem
            for line in lines:
                self.stdout.write(f"Khen thưởng ({path.name}): {line}")
