from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ansinh.compliance"
    verbose_name = "Đôn đốc thu, chậm đóng, trốn đóng"
