from django.apps import AppConfig


class HealthfundConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ansinh.healthfund"
    verbose_name = "Quỹ khám chữa bệnh BHYT"
