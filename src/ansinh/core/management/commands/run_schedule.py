import signal
import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from ansinh.core import schedule


class Command(BaseCommand):
    help = (
        "Đưa các việc định kỳ (core/schedule.py) đã đến giờ vào hàng đợi: --once một lần rồi "
        "thoát (dùng với cron), không có --once thì kiểm tra mỗi phút cho đến khi bị dừng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Kiểm tra một lần rồi thoát")
        parser.add_argument(
            "--interval", type=int, default=60, help="Số giây giữa hai lần kiểm tra (mặc định 60)"
        )

    def handle(self, *args, once, interval, **options):
        if once:
            self._check()
            return
        self.stdout.write("Lịch việc định kỳ (giờ Việt Nam):")
        for job in schedule.JOBS:
            self.stdout.write(f"  {job.at:%H:%M}  {job.label}  ({job.task})")
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        try:
            while not stopping:
                self._check()
                for _ in range(max(interval, 1)):
                    if stopping:
                        break
                    time.sleep(1)
        except KeyboardInterrupt:
            pass
        self.stdout.write("Đã dừng lịch việc định kỳ.")

    def _check(self):
        for entry in schedule.run_due(now=timezone.now()):
            when = f"{entry.job.label}, ngày {entry.day:%d/%m/%Y}"
            if entry.error:
                self.stderr.write(f"Lỗi khi đưa vào hàng đợi: {when}: {entry.error}")
            else:
                self.stdout.write(f"Đã đưa vào hàng đợi: {when} (mã {entry.result_id}).")
