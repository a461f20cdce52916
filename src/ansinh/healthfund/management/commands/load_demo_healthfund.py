from django.core.management.base import BaseCommand

from ansinh.healthfund.demo import demo_load


class Command(BaseCommand):
    help = (
        "Nạp bộ dữ liệu minh họa quỹ KCB BHYT (data/healthfund/demo.yaml): cơ sở KCB, dự toán và "
        "dự kiến chi, số liệu chi 12 tháng. Sinh với hạt cố định; chạy lại không tạo bản trùng."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Quỹ KCB BHYT (dữ liệu minh họa): {demo_load()}.")
