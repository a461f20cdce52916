"""Fixtures of the reporting tests: both seed calendars loaded as the demo loads them."""

import pytest
from django.core.management import call_command


def quiet():
    return open("/dev/null", "w")


@pytest.fixture
def regimes(seed):
    call_command("load_demo_plans", stdout=quiet())
    call_command("load_demo_reporting", stdout=quiet())


@pytest.fixture
def thanh_hoa_regime(regimes):
    from ansinh.reporting.models import ReportingRegime

    return ReportingRegime.objects.get(committee__province__code="38")


@pytest.fixture
def kon_tum_regime(regimes):
    from ansinh.reporting.models import ReportingRegime

    return ReportingRegime.objects.get(committee__province__code="62")
