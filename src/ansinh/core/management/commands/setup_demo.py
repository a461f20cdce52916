import io

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

from ansinh.org.models import AdminUnit

DEMO_REMINDER_DAY = "05/04/2025"
DEMO_LOADERS = [
    "load_demo_plans",
    "load_demo_targets",
    "load_demo_reporting",
    "load_demo_healthfund",
    # A synthetic province of employers, partner lists and arrears (Kon Tum), reconciled.
    "load_demo_compliance",
]


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
        # Each capability that has demo data of its own (a plan, targets…) provides a command
        # named load_demo_<app>; they run after the provinces they belong to.
        available = get_commands()
        for name in DEMO_LOADERS:
            if name in available:
                call_command(name, stdout=self.stdout)
        # The demo's reports are for 2024–2025, so today's schedule would remind of nothing; the
        # reminders of a day just after the Q1/2025 deadline fill the users' notices instead.
        # They need the accounts, and run quietly so the accounts stay the console's last lines.
        call_command("load_demo_users", stdout=io.StringIO())
        call_command("send_reminders", "--day", DEMO_REMINDER_DAY, stdout=io.StringIO())
        # Meetings and commendation proposals send notices to the demo accounts.
        for name in ("load_demo_meetings", "load_demo_rewards"):
            if name in available:
                call_command(name, stdout=io.StringIO())
        call_command("load_demo_users", stdout=self.stdout)
