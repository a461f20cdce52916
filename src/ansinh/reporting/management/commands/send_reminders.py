from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ansinh.core.vnformat import parse_date
from ansinh.reporting.services.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc hạn báo cáo của một ngày (mặc định hôm nay): mỗi người nhiều nhất một thư "
        "mỗi ngày, qua e-mail và thông báo trên hệ thống. --dry-run chỉ in ra những thư sẽ gửi."
    )

    def add_arguments(self, parser):
        parser.add_argument("--day", help="Ngày nhắc, dạng dd/mm/yyyy (mặc định hôm nay)")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in ra, không gửi")

    def handle(self, *args, day, dry_run, **options):
        try:
            when = parse_date(day) if day else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--day: {error}") from None
        outcomes = reminders_send(day=when, dry_run=dry_run)
        title = "Chạy thử, không gửi gì" if dry_run else "Thư nhắc"
        self.stdout.write(f"{title} ngày {when:%d/%m/%Y}: {len(outcomes)} người nhận.")
        for outcome in outcomes:
            user = outcome.user
            email = user.email or "không có e-mail"
            self.stdout.write(f"- {user.username} ({email}): {outcome.label}. {outcome.subject}")
            for line in outcome.lines:
                self.stdout.write(f"    · {line.title}: {line.when}; {line.status}")
                if line.agencies:
                    self.stdout.write("      chưa gửi: " + ", ".join(line.agencies))
            if outcome.error:
                self.stdout.write(f"    lỗi e-mail: {outcome.error}")
