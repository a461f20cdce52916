"""Fixtures of the plans tests: the Kon Tum 2024 plan loaded as the demo loads it."""

import pytest
from django.core.management import call_command

from ansinh.plans.models import Plan


@pytest.fixture
def plan(seed):
    call_command("load_demo_plans", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Plan.objects.get(committee__province__code="62", year=2024)
