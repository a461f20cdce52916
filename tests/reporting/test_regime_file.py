"""A regime data file of the wrong shape: refused naming the file, the entry and its line, with
nothing written."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ansinh.reporting.models import Obligation, ReportingRegime
from tests.reporting.conftest import quiet

GOOD = """\
format: ansinh.regime/1
province: {code: "38", edition: "2024"}
committee: bcd-tinh
key: thu
name: Báo cáo thử
years: [2025]
reporters:
  groups: [ubnd-cac-huyen]
kinds:
  - {name: Báo cáo năm, period: year, level: agency, deadline: {month: 12, day: 10}}
"""


def _load(tmp_path, text):
    path = tmp_path / "thu.yaml"
    path.write_text(text, encoding="utf-8")
    call_command("load_regime", str(path), stdout=quiet())


def test_the_good_file_loads(thanh_hoa, tmp_path):
    _load(tmp_path, GOOD)
    regime = ReportingRegime.objects.get(key="thu")
    assert Obligation.objects.filter(kind__regime=regime).exists()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (  # the list of kinds written as a mapping
            "  - {name: Báo cáo năm,",
            "  nam: {name: Báo cáo năm,",
            "thu.yaml, dòng 10 (kinds): cần một danh sách",
        ),
        (
            "reporters:\n  groups: [ubnd-cac-huyen]",
            "reporters: ubnd-cac-huyen",
            "thu.yaml, dòng 7 (reporters): cần một nhóm trường (khóa: giá trị)",
        ),
        (  # a kind written as a plain line of text
            "  - {name: Báo cáo năm, period: year, level: agency, deadline: {month: 12, day: 10}}",
            "  - Báo cáo năm",
            "thu.yaml, dòng 10 (kinds[0]): cần một nhóm trường",
        ),
        ("key: thu\n", "", "thu.yaml, dòng 1: thiếu trường “key”"),
        ("name: Báo cáo thử", "name: [Báo cáo, thử]", "thu.yaml, dòng 5 (name): cần một đoạn chữ"),
        (
            "day: 10}",
            "day: mười}",
            "dòng 10 (kinds[0].deadline.day): cần một số nguyên từ 1 đến 31, gặp “mười”",
        ),
        ("years: [2025]", "years: 2025", "thu.yaml, dòng 6 (years): cần một danh sách"),
        ("period: year", "period: month", "(kinds[0].period): “month” không hợp lệ"),
        ("format: ansinh.regime/1\n", "format: [", "thu.yaml, dòng 2: tệp không đọc được"),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused_naming_the_entry(
    thanh_hoa, tmp_path, old, new, expected
):
    assert old in GOOD
    with pytest.raises(CommandError) as error:
        _load(tmp_path, GOOD.replace(old, new, 1))
    assert expected in str(error.value)
    assert not ReportingRegime.objects.filter(key="thu").exists()
    assert not Obligation.objects.filter(kind__regime__key="thu").exists()
