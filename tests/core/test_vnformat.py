import datetime as dt
from decimal import Decimal

import pytest

from ansinh.core.periods import Period, PeriodKind
from ansinh.core.vnformat import format_date, format_number, format_percent, parse_number


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1017308, 0, "1.017.308"),
        (Decimal("24.88"), 2, "24,88"),
        (Decimal("-0.4"), 1, "-0,4"),
        (999, 0, "999"),
        (Decimal("1234567.891"), 2, "1.234.567,89"),
    ],
)
def test_numbers_read_the_vietnamese_way(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_percent_and_date():
    assert format_percent(Decimal("24.88")) == "24,88 %"
    assert format_date(dt.date(2025, 4, 5)) == "05/04/2025"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24,88", Decimal("24.88")),
        ("1.017.308", Decimal("1017308")),
        ("24.88", Decimal("24.88")),
        ("94,15%", Decimal("94.15")),
        (" 1.000,5 ", Decimal("1000.5")),
        (12, Decimal("12")),
    ],
)
def test_vietnamese_number_input_is_understood(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "1.2.3,4.5"])
def test_unreadable_numbers_are_refused_with_a_message(text):
    with pytest.raises(ValueError, match=r"số"):
        parse_number(text)


def test_periods_are_labelled_the_vietnamese_way():
    assert Period(2024, PeriodKind.QUARTER, 2).label == "Quý 2/2024"
    assert Period(2024, PeriodKind.HALF, 1).label == "6 tháng đầu năm 2024"
    assert Period(2024, PeriodKind.YEAR).label == "Năm 2024"
    assert Period(2024, PeriodKind.MONTH, 8).label == "Tháng 8/2024"


def test_period_bounds_and_sequence():
    q2 = Period(2024, PeriodKind.QUARTER, 2)
    assert (q2.start, q2.end) == (dt.date(2024, 4, 1), dt.date(2024, 6, 30))
    assert Period(2024, PeriodKind.MONTH, 2).end == dt.date(2024, 2, 29)
    assert Period(2024, PeriodKind.QUARTER, 4).next() == Period(2025, PeriodKind.QUARTER, 1)
    assert Period.containing(dt.date(2024, 8, 31), PeriodKind.HALF).label == "6 tháng cuối năm 2024"
    with pytest.raises(ValueError, match="Quý số 5"):
        Period(2024, PeriodKind.QUARTER, 5)
