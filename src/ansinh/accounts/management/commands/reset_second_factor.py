from django.core.management.base import BaseCommand, CommandError

from ansinh.accounts import second_factor
from ansinh.accounts.models import User


class Command(BaseCommand):
    help = (
        "Đặt lại (xóa) xác thực hai bước của một tài khoản, khi người dùng mất điện thoại và "
        "không còn quản trị nào khác làm được việc này trên giao diện."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        count = second_factor.user_disable_second_factor(user=user, by=None)
        if count:
            self.stdout.write(f"Đã đặt lại xác thực hai bước của {username}.")
        else:
            self.stdout.write(f"Tài khoản {username} chưa bật xác thực hai bước.")
