import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ansinh.accounts.enums import UserRole
from ansinh.accounts.services import user_create
from ansinh.org.models import Agency


class Command(BaseCommand):
    help = "Tạo tài khoản người dùng gắn với một cơ quan."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=UserRole.values, required=True)
        parser.add_argument("--agency-id", type=int, help="Mã số (id) của cơ quan")
        parser.add_argument("--full-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="Nếu bỏ trống sẽ được hỏi")

    def handle(self, *args, username, role, agency_id, full_name, email, password, **options):
        agency = None
        if agency_id is not None:
            agency = Agency.objects.filter(pk=agency_id).first()
            if agency is None:
                raise CommandError(f"Không có cơ quan id={agency_id}.")
        if password is None:
            password = getpass.getpass("Mật khẩu: ")
        try:
            user = user_create(
                username=username,
                password=password,
                role=role,
                agency=agency,
                full_name=full_name,
                email=email,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"Đã tạo tài khoản {user.username} ({user.get_role_display()}).")
