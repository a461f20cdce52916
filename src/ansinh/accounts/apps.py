from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ansinh.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"

    def ready(self):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from ansinh.core.history import track

        # Turning the second factor on or off, and an administrator's reset, are in the change
        # history; the secret key and the counters are not.
        track(
            TOTPDevice,
            exclude_fields=[
                "key",
                "last_t",
                "drift",
                "throttling_failure_timestamp",
                "throttling_failure_count",
                "last_used_at",
            ],
        )
