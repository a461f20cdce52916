from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice

from ansinh.accounts import second_factor
from ansinh.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "role", "agency", "is_active", "has_second_factor"]
    list_filter = ["role", "is_active"]
    raw_id_fields = ["agency"]
    filter_horizontal = ["extra_provinces", "groups", "user_permissions"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        ("ansinh", {"fields": ["full_name", "role", "agency", "extra_provinces"]}),
    ]
    actions = ["reset_second_factor"]

    def get_queryset(self, request):
        devices = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(_second_factor=Exists(devices))

    @admin.display(boolean=True, description="xác thực hai bước", ordering="_second_factor")
    def has_second_factor(self, obj) -> bool:
        return obj._second_factor

    @admin.action(
        description="Đặt lại xác thực hai bước (người dùng mất điện thoại)",
        permissions=["change"],
    )
    def reset_second_factor(self, request, queryset):
        # Recorded in the change history with the administrator as the actor.
        names = []
        for user in queryset:
            if second_factor.user_disable_second_factor(user=user, by=request.user):
                names.append(user.username)
        if names:
            self.message_user(
                request,
                "Đã đặt lại xác thực hai bước cho: "
                + ", ".join(names)
                + ". Lần đăng nhập sau họ chỉ cần mật khẩu (quản trị sẽ được yêu cầu đăng ký lại).",
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request, "Không tài khoản nào đã chọn có xác thực hai bước.", messages.INFO
            )
