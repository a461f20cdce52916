"""Shared fixtures: the two seed provinces as the demo has them, and users of every role."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from ansinh.org.importers.admin_units import admin_units_load
from ansinh.org.importers.province_file import province_file_load_path

SEED_PROVINCES = {"38": "thanh-hoa.yaml", "62": "kon-tum.yaml"}
DEMO_PASSWORD = "AnSinh@2024-demo"


def load_seed(codes=("38", "62"), *, users: bool = True):
    admin_units_load(province_codes_2024=list(codes))
    for code in codes:
        province_file_load_path(
            path=Path(settings.SEED_DATA_DIR) / "provinces" / SEED_PROVINCES[code]
        )
    if users:
        call_command("load_demo_users", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def seed(db):
    """Both seed provinces, loaded from data/ exactly as the demo loads them, with demo users."""
    load_seed()


@pytest.fixture
def thanh_hoa(db):
    load_seed(("38",), users=False)
    from ansinh.org.models import Committee

    return Committee.objects.get(province__code="38", province__edition="2024")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded and generated files go to a per-test folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


def login(client, username: str):
    from ansinh.accounts.models import User

    user = User.objects.get(username=username)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return user
