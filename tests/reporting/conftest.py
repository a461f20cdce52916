"""Fixtures of the reporting tests: both seed calendars loaded as the demo loads them."""

import pytest
from django.core.management import call_command


def quiet():
    return open("/dev/null", "w")


# The reporting calendars of the two seed documents; the quarterly lists of enterprises
# (data/regimes/*-trao-doi-du-lieu.yaml) belong to the compliance tests.
SEED_REGIMES = ("thanh-hoa.yaml", "kon-tum-2024.yaml")


@pytest.fixture
def regimes(seed):
    from django.conf import settings

    from ansinh.reporting.management.commands.load_regime import load_regime_file

    call_command("load_demo_plans", stdout=quiet())
    for name in SEED_REGIMES:
        load_regime_file(path=settings.SEED_DATA_DIR / "regimes" / name, stdout=quiet())


@pytest.fixture
def thanh_hoa_regime(regimes):
    from ansinh.reporting.models import ReportingRegime

    return ReportingRegime.objects.get(committee__province__code="38", key="quy-che-dieu-12")


@pytest.fixture
def kon_tum_regime(regimes):
    from ansinh.reporting.models import ReportingRegime

    return ReportingRegime.objects.get(committee__province__code="62", key="ke-hoach-2024")
