"""Shared fixtures: the two seed provinces as the demo has them, and users of every role."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import override_settings

from ansinh.org.importers.admin_units import admin_units_load
from ansinh.org.importers.province_file import province_file_load_path

SEED_PROVINCES = {"38": "thanh-hoa.yaml", "62": "kon-tum.yaml"}
DEMO_PASSWORD = "AnSinh@2024-demo"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load_seed(codes=("38", "62"), *, users: bool = True):
    admin_units_load(province_codes_2024=list(codes))
    for code in codes:
        province_file_load_path(
            path=Path(settings.SEED_DATA_DIR) / "provinces" / SEED_PROVINCES[code]
        )
    if users:
        call_command("load_demo_users", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Both seed provinces, loaded once into the test database exactly as the demo loads them,
    with the demo users. Every test runs in a transaction rolled back to this state, so loading
    them per test (about 1 s on SQLite, 2 s on PostgreSQL) is paid once per run."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        load_seed()


def pytest_collection_modifyitems(config, items):
    # Browser tests run on a live server, whose transactional teardown empties the database;
    # they go last so that no test after them finds the seed gone.
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


@pytest.fixture
def empty_db(db):
    """For tests of loading from nothing: the seed is removed inside the test's transaction,
    and comes back when it rolls back."""
    call_command("flush", interactive=False, verbosity=0)
    yield
    # The flush recreated the content types under new ids, which the rollback undoes; the
    # cached ids would otherwise point the change history of later tests at nothing.
    ContentType.objects.clear_cache()
    _stale["content_types"] = True


_stale = {"content_types": False}


@pytest.fixture(autouse=True)
def _warm_content_types(django_db_blocker):
    """After an `empty_db` test, read the content types again before the next test starts (its
    query budget counts a warm cache, as in a running server)."""
    if _stale["content_types"]:
        with django_db_blocker.unblock():
            ContentType.objects.get_for_models(*apps.get_models())
        _stale["content_types"] = False


@pytest.fixture
def seed(db):
    """Both seed provinces and the demo users (loaded once per run, see django_db_setup)."""


@pytest.fixture
def thanh_hoa(db):
    from ansinh.org.models import Committee

    return Committee.objects.get(province__code="38", province__edition="2024")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded and generated files go to a per-test folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


def login(client, username: str):
    from ansinh.accounts.models import User

    user = User.objects.get(username=username)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return user
