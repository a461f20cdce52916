from django.apps import AppConfig


class RewardsConfig(AppConfig):
    name = "ansinh.rewards"
    label = "rewards"
    verbose_name = "Khen thưởng"
