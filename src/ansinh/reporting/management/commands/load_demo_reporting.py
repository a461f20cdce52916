from django.conf import settings
from django.core.management.base import BaseCommand

from ansinh.reporting.management.commands.load_regime import load_regime_file


class Command(BaseCommand):
    help = "Nạp các chế độ báo cáo demo (data/regimes/*.yaml); chạy lại không tạo trùng."

    def handle(self, *args, **options):
        for path in sorted((settings.SEED_DATA_DIR / "regimes").glob("*.yaml")):
            load_regime_file(path=path, stdout=self.stdout)
