from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ansinh.accounts.models import User
from ansinh.accounts.services import user_create, user_set_password
from ansinh.org.enums import AdminEdition, AdminLevel
from ansinh.org.models import Agency


class Command(BaseCommand):
    help = "Tạo các tài khoản demo từ data/demo-users.yaml và in ra danh sách."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=settings.SEED_DATA_DIR / "demo-users.yaml")

    def handle(self, *args, file, **options):
        spec = yaml.safe_load(file.read_text(encoding="utf-8"))
        password = spec["password"]
        rows = []
        for index, entry in enumerate(spec["users"]):
            agency = None
            if entry.get("agency"):
                agency = Agency.objects.filter(
                    province__edition=entry.get("edition", AdminEdition.Y2024),
                    province__level=AdminLevel.PROVINCE,
                    province__code=str(entry["province"]),
                    key=entry["agency"],
                ).first()
                if agency is None:
                    raise CommandError(
                        f"{file.name}, users[{index}]: không có cơ quan “{entry['agency']}” ở tỉnh "
                        f"mã {entry['province']} — hãy nạp tệp dữ liệu của tỉnh trước."
                    )
            user = User.objects.filter(username=entry["username"]).first()
            if user is None:
                user = user_create(
                    username=entry["username"],
                    password=password,
                    role=entry["role"],
                    agency=agency,
                    full_name=entry.get("full_name", ""),
                )
            else:
                user_set_password(user=user, password=password)
            rows.append((user.username, user.get_role_display(), str(agency or "—")))
        width = max(len(r[0]) for r in rows)
        self.stdout.write(f"Tài khoản demo (mật khẩu chung: {password}):")
        for username, role, agency in rows:
            self.stdout.write(f"  {username.ljust(width)}  {role} — {agency}")
