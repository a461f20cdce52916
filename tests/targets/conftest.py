"""Fixtures: Kon Tum with its 2024 targets and the illustrative values, and a district officer."""

import pytest
from django.core.management import call_command

from ansinh.accounts.enums import UserRole
from ansinh.accounts.models import User
from ansinh.org.enums import AdminLevel
from ansinh.org.models import AdminUnit


@pytest.fixture
def demo(seed):
    call_command("load_demo_targets", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def kon_tum(seed) -> AdminUnit:
    return AdminUnit.objects.get(edition="2024", level=AdminLevel.PROVINCE, code="62")


@pytest.fixture
def dak_ha(kon_tum) -> AdminUnit:
    return AdminUnit.objects.get(parent=kon_tum, code="615")


@pytest.fixture
def district_officer(seed, dak_ha):
    """The demo's officer of Ủy ban nhân dân huyện Đăk Hà (data/demo-users.yaml)."""
    user = User.objects.get(username="kontum.dakha")
    assert user.role == UserRole.AGENCY_OFFICER and user.agency.admin_unit == dak_ha
    return user
