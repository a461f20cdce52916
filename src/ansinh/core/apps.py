from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ansinh.core"
    label = "core"
    verbose_name = "Nền tảng"

    def ready(self):
        from ansinh.core import checks  # noqa: F401 - registers the system checks
