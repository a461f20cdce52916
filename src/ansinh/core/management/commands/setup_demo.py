from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from ansinh.org.models import AdminUnit


class Command(BaseCommand):
    help = "Chuẩn bị bản demo: cơ sở dữ liệu, đơn vị hành chính, hai tỉnh mẫu, tài khoản demo."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Cơ sở dữ liệu: đã cập nhật cấu trúc.")
        if not AdminUnit.objects.exists():
            call_command("load_admin_units", stdout=self.stdout)
        else:
            self.stdout.write("Đơn vị hành chính: đã có, bỏ qua.")
        files = sorted((settings.SEED_DATA_DIR / "provinces").glob("*.yaml"))
        call_command("load_province", *[str(f) for f in files], stdout=self.stdout)
        call_command("load_demo_users", stdout=self.stdout)
