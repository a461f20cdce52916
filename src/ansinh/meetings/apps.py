from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "ansinh.meetings"
    label = "meetings"
    verbose_name = "Họp Ban Chỉ đạo"
