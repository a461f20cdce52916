import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError

from ansinh.core.national import PASSWORD, Size, generate
from ansinh.core.vnformat import format_number


class Command(BaseCommand):
    help = (
        "Sinh bộ dữ liệu giả lập quy mô toàn quốc (34 tỉnh theo cấu trúc 2025): cơ quan, Ban Chỉ "
        "đạo, người dùng, kế hoạch, chỉ tiêu và số liệu tháng của từng xã, chế độ báo cáo và báo "
        "cáo đã gửi. Dùng cho đo tải, không dùng cho bản demo. Tỉnh đã có Ban Chỉ đạo được bỏ qua."
    )

    def add_arguments(self, parser):
        parser.add_argument("--provinces", type=int, default=34, help="Số tỉnh (1–34).")
        parser.add_argument("--years", type=int, default=5, help="Số năm số liệu, kế hoạch.")
        parser.add_argument("--seed", type=int, default=1, help="Hạt giống ngẫu nhiên.")
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Hệ số quy mô mỗi tỉnh (1,0 = ~40 cơ quan, ~80 nhiệm vụ, mọi xã; 0,05 = rất nhỏ).",
        )
        parser.add_argument("--users-per-agency", type=int, default=3)
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, help="Ngày hiện tại (YYYY-MM-DD)."
        )

    def handle(self, *args, provinces, years, seed, scale, users_per_agency, today, **options):
        if not 1 <= provinces <= 34:
            raise CommandError("Số tỉnh phải từ 1 đến 34.")
        if not 1 <= years <= 20 or not 0 < scale <= 1 or users_per_agency < 1:
            raise CommandError(
                "Số năm từ 1 đến 20, hệ số quy mô trong (0; 1], ít nhất 1 người dùng."
            )
        size = Size(
            provinces=provinces, years=years, scale=scale, seed=seed,
            users_per_agency=users_per_agency, today=today or dt.date.today(),
        )  # fmt: skip
        started = time.perf_counter()
        counts = generate(size=size, out=self.stdout.write)
        elapsed = time.perf_counter() - started
        for name, n in counts.items():
            self.stdout.write(f"  {name}: {format_number(n)}")
        total = sum(n for name, n in counts.items() if name not in ("tỉnh", "xã có số liệu"))
        self.stdout.write(
            f"Đã ghi {format_number(total)} bản ghi trong {format_number(elapsed, 1)} giây "
            f"({format_number(total / max(elapsed, 1e-9))} bản ghi/giây). "
            f"Mật khẩu của mọi tài khoản sinh ra: {PASSWORD}"
        )
