from django.conf import settings
from django.core.management.base import BaseCommand

from ansinh.org.enums import AdminEdition, AdminLevel
from ansinh.org.models import AdminUnit
from ansinh.targets import services
from ansinh.targets.demo import demo_rows
from ansinh.targets.importers.targets import read_yaml_or_raise
from ansinh.targets.importers.values import values_read_yaml


class Command(BaseCommand):
    help = (
        "Nạp chỉ số (data/indicators.yaml), chỉ tiêu (data/targets/*.yaml), số liệu kỳ từ tệp "
        "(data/targets/values/*.yaml) và số liệu minh họa của tỉnh Kon Tum năm 2023–2024. Chạy "
        "lại không tạo bản trùng."
    )

    def handle(self, *args, **options):
        path = settings.SEED_DATA_DIR / "indicators.yaml"
        summary = services.indicators_load(text=path.read_text("utf-8"), filename=path.name)
        self.stdout.write(f"Chỉ số: {summary}.")
        for path in sorted((settings.SEED_DATA_DIR / "targets").glob("*.yaml")):
            target_file = read_yaml_or_raise(path.read_text("utf-8"), path.name)
            summary = services.targets_apply(target_file=target_file)
            self.stdout.write(f"Chỉ tiêu {path.name}: {summary}.")
        for path in sorted((settings.SEED_DATA_DIR / "targets" / "values").glob("*.yaml")):
            value_file = values_read_yaml(text=path.read_text("utf-8"), filename=path.name)
            summary = services.values_apply(
                rows=value_file.rows, illustrative=value_file.illustrative
            )
            self.stdout.write(f"Số liệu {path.name}: {summary}.")
        province = AdminUnit.objects.filter(
            edition=AdminEdition.Y2024, level=AdminLevel.PROVINCE, code="62"
        ).first()
        if province is None:
            self.stdout.write("Chưa có tỉnh Kon Tum, bỏ qua số liệu minh họa.")
            return
        summary = services.values_apply(rows=demo_rows(province=province), illustrative=True)
        self.stdout.write(f"Số liệu minh họa Kon Tum (dữ liệu minh họa): {summary}.")
