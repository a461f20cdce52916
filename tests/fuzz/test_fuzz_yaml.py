"""The YAML data-file importers on broken files: a province's organisation file, the indicator
list, targets and values, a plan, and a reporting regime. Each loads, or refuses with its
documented problem type (FileProblems, ImportProblems, a draft's errors, CommandError) naming
the line or field, and writes nothing."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings as django_settings
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import settings as hsettings

from ansinh.org.importers.province_file import province_file_load
from ansinh.org.importers.yamlfile import FileProblems
from ansinh.org.models import Agency, AgencyGroup, Committee, Membership
from ansinh.plans.importers.read import plan_file_read
from ansinh.plans.models import Plan, Task
from ansinh.plans.services.imports import plan_import
from ansinh.reporting.management.commands.load_regime import load_regime_file
from ansinh.reporting.models import Obligation, ReportingRegime
from ansinh.targets.importers.common import ImportProblems
from ansinh.targets.importers.targets import read_yaml_or_raise
from ansinh.targets.importers.values import values_read_yaml
from ansinh.targets.models import Indicator, Measure, MeasureValue, Target
from ansinh.targets.services import indicators_load, targets_apply, values_apply
from tests.fuzz.files import attempt, yaml_text

DATA = Path(django_settings.SEED_DATA_DIR)


def _data(relative: str):
    return yaml.safe_load((DATA / relative).read_text("utf-8"))


# A whole province file takes a second or so to load; fewer examples keep the suite quick.
_fewer = hsettings(max_examples=max(5, hsettings.default.max_examples // 3))


@pytest.fixture
def indicators(seed):
    indicators_load(text=(DATA / "indicators.yaml").read_text("utf-8"), filename="i.yaml")


@_fewer
@given(text=yaml_text(_data("provinces/kon-tum.yaml")))
def test_province_file_loads_or_refuses(seed, text):
    attempt(
        lambda: province_file_load(text=text, filename="kon-tum.yaml"),
        models=[Committee, Agency, AgencyGroup, Membership],
        problems=(FileProblems,),
    )


@given(text=yaml_text(_data("indicators.yaml")))
def test_indicator_file_loads_or_refuses(seed, text):
    attempt(
        lambda: indicators_load(text=text, filename="indicators.yaml"),
        models=[Measure, Indicator],
        problems=(FileProblems,),
    )


@given(text=yaml_text(_data("targets/kon-tum-2024.yaml")))
def test_target_file_loads_or_refuses(indicators, text):
    attempt(
        lambda: targets_apply(target_file=read_yaml_or_raise(text, "t.yaml")),
        models=[Target],
        problems=(ImportProblems,),
    )


@given(text=yaml_text(_data("targets/values/kon-tum-2024-thu-tang-moi.yaml")))
def test_value_file_loads_or_refuses(indicators, text):
    attempt(
        lambda: values_apply(rows=values_read_yaml(text=text, filename="v.yaml").rows),
        models=[MeasureValue],
        problems=(ImportProblems, FileProblems),
    )


class DraftRefused(Exception):
    """The plan importers return a draft whose `errors` say it may not be written."""

    def __init__(self, errors):
        self.messages = errors
        super().__init__("; ".join(errors))


def _plan_from(data: bytes, filename: str):
    committee = Committee.objects.get(province__code="62", province__edition="2024", key="bcd-tinh")
    draft = plan_file_read(data=data, filename=filename, committee=committee, year=2024)
    if draft["errors"]:
        raise DraftRefused(draft["errors"])
    return plan_import(draft=draft)


@given(text=yaml_text(_data("plans/kon-tum-2024.yaml")))
def test_plan_yaml_loads_or_refuses(seed, text):
    attempt(
        lambda: _plan_from(text.encode("utf-8"), "plan.yaml"),
        models=[Plan, Task],
        problems=(DraftRefused,),
    )


@given(text=yaml_text(_data("regimes/kon-tum-trao-doi-du-lieu.yaml")))
def test_regime_file_loads_or_refuses(seed, text, tmp_path_factory):
    path = tmp_path_factory.mktemp("regime") / "regime.yaml"
    path.write_text(text, encoding="utf-8")
    attempt(
        lambda: load_regime_file(path=path, stdout=open("/dev/null", "w")),  # noqa: SIM115
        models=[ReportingRegime, Obligation],
        problems=(CommandError,),
    )
