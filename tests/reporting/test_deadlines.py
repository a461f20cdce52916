"""Deadlines computed from the two seed calendars, and rules refused before they are used."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from ansinh.core.periods import Period, PeriodKind
from ansinh.reporting.enums import ReportLevel, ReportPeriod
from ansinh.reporting.models import Obligation
from ansinh.reporting.services import regime_load
from tests.reporting.conftest import quiet

Q1_2025 = Period(2025, PeriodKind.QUARTER, 1)
H1_2025 = Period(2025, PeriodKind.HALF, 1)


def words(regime, period_kind, level, period):
    kind = regime.kinds.get(period_kind=period_kind, level=level)
    return f"trước ngày {kind.due_for(period):%d/%m/%Y}"


def test_thanh_hoa_calendar(thanh_hoa_regime):
    r = thanh_hoa_regime
    assert words(r, "quarter", "agency", Q1_2025) == "trước ngày 05/04/2025"
    assert words(r, "half", "agency", H1_2025) == "trước ngày 10/06/2025"
    assert words(r, "year", "agency", Period(2025, PeriodKind.YEAR)) == "trước ngày 10/12/2025"
    assert words(r, "quarter", "standing", Q1_2025) == "trước ngày 10/04/2025"
    assert words(r, "quarter", "agency", Period(2025, PeriodKind.QUARTER, 4)) == (
        "trước ngày 05/01/2026"
    )


def test_kon_tum_calendar(kon_tum_regime):
    r = kon_tum_regime
    assert words(r, "half", "agency", Period(2024, PeriodKind.HALF, 1)) == "trước ngày 20/07/2024"
    assert words(r, "year", "agency", Period(2024, PeriodKind.YEAR)) == "trước ngày 20/01/2025"
    assert r.plan is not None and r.plan.year == 2024


def test_every_reporter_owes_each_period_and_the_deadline_is_said_in_words(thanh_hoa_regime):
    ob = Obligation.objects.get(
        kind__regime=thanh_hoa_regime,
        kind__period_kind=ReportPeriod.QUARTER,
        kind__level=ReportLevel.AGENCY,
        agency__key="so-y-te",
        period_year=2025,
        period_number=1,
    )
    assert ob.deadline_words == "hạn gửi: trước ngày 05/04/2025 (chậm nhất ngày 04/04/2025)"
    districts = Obligation.objects.filter(
        kind=ob.kind, period_year=2025, period_number=1, agency__kind="district_people_committee"
    )
    assert districts.count() > 20  # the group "UBND các huyện" expanded to its agencies
    standing = Obligation.objects.filter(kind__level=ReportLevel.STANDING, period_year=2025)
    assert {o.agency.key for o in standing} == {"bhxh-tinh"}


def test_loading_twice_creates_nothing_new(seed):
    call_command("load_demo_reporting", stdout=quiet())
    count = Obligation.objects.count()
    call_command("load_demo_reporting", stdout=quiet())
    assert Obligation.objects.count() == count


def _spec(**changes):
    spec = {
        "province": {"code": "38"},
        "committee": "bcd-tinh",
        "key": "thu",
        "name": "Thử",
        "reporters": {"groups": ["ubnd-cac-huyen"]},
        "kinds": [
            {
                "name": "Quý",
                "period": "quarter",
                "level": "agency",
                "deadline": {"after_period_months": 2, "day": 31},
            },
        ],
    }
    spec.update(changes)
    return spec


def test_an_impossible_day_is_refused_with_the_period_named(thanh_hoa):
    with pytest.raises(ValidationError) as error:
        regime_load(data=_spec())
    # Two months after the quarter's end: May and August have a 31st, November does not.
    assert "Quý: Quý 3/2025: Không có ngày 31 tháng 11 năm 2025." in error.value.messages
    assert not any("Quý 1/2025" in m for m in error.value.messages)


def test_thirtieth_of_february_is_refused(thanh_hoa):
    kinds = [
        {"name": "Năm", "period": "year", "level": "agency", "deadline": {"month": 2, "day": 30}}
    ]
    with pytest.raises(ValidationError, match="Không có ngày 30 tháng 2"):
        regime_load(data=_spec(kinds=kinds))


def test_a_regime_without_reporters_is_refused(thanh_hoa, tmp_path):
    with pytest.raises(ValidationError, match="không có cơ quan báo cáo nào"):
        regime_load(
            data=_spec(
                reporters={},
                kinds=[
                    {
                        "name": "Năm",
                        "period": "year",
                        "level": "agency",
                        "deadline": {"month": 12, "day": 10},
                    }
                ],
            )
        )
    path = tmp_path / "x.yaml"
    path.write_text(
        "province: {code: '38'}\ncommittee: bcd-tinh\nkey: x\nname: X\nkinds:\n"
        "  - {name: Năm, period: year, level: agency, deadline: {month: 12, day: 10}}\n"
    )
    with pytest.raises(CommandError, match=r"x\.yaml: Chế độ báo cáo không có cơ quan"):
        call_command("load_regime", str(path), stdout=quiet())
