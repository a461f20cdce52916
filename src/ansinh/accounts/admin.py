from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from ansinh.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "role", "agency", "is_active"]
    list_filter = ["role", "is_active"]
    raw_id_fields = ["agency"]
    filter_horizontal = ["extra_provinces", "groups", "user_permissions"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        ("ansinh", {"fields": ["full_name", "role", "agency", "extra_provinces"]}),
    ]
