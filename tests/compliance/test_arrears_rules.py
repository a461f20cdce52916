"""The arithmetic of a line: closing balance, months late, class and late interest."""

import datetime as dt
from decimal import Decimal

import pytest

from ansinh.compliance import arrears
from ansinh.compliance.enums import ArrearsClass

M = 10_000_000  # a unit's monthly contributions, in đồng


def test_closing_is_opening_plus_due_plus_adjustments_minus_paid():
    assert arrears.computed_closing(opening=20, due=10, adjustments=-3, paid=5) == 22


@pytest.mark.parametrize(
    ("closing", "due", "period", "ratio", "months"),
    [
        (3 * M, M, 1, None, Decimal("3.0")),
        (int(2.96 * M), M, 1, None, Decimal("3.0")),  # rounded to 0,1 month
        (int(2.94 * M), M, 1, None, Decimal("2.9")),
        (6 * M, 3 * M, 3, None, Decimal("6.0")),  # a quarterly statement: due ÷ 3 per month
        (5 * M, 0, 1, Decimal("7.5"), Decimal("7.5")),  # nothing due: the file's months
        (5 * M, 0, 1, None, Decimal("0")),
        (0, M, 1, None, Decimal("0")),
        (-M, M, 1, None, Decimal("0")),  # paid ahead
    ],
)
def test_months_late(closing, due, period, ratio, months):
    got = arrears.months_late(closing=closing, due=due, period_months=period, ratio=ratio)
    assert got == months


@pytest.mark.parametrize(
    ("months", "closing", "klass"),
    [
        ("0", M, ArrearsClass.NONE),
        ("0.5", M, ArrearsClass.UNDER_3),
        ("2.9", M, ArrearsClass.UNDER_3),
        ("3", M, ArrearsClass.FROM_3),
        ("5.9", M, ArrearsClass.FROM_3),
        ("6", M, ArrearsClass.FROM_6),
        ("11.9", M, ArrearsClass.FROM_6),
        ("12", M, ArrearsClass.OVER_12),
        ("40", M, ArrearsClass.OVER_12),
        ("4", 0, ArrearsClass.NONE),
    ],
)
def test_class_by_months_late(months, closing, klass):
    assert arrears.arrears_class(months=Decimal(months), closing=closing) == klass


def test_classes_are_ordered():
    assert arrears.at_least(ArrearsClass.FROM_6, ArrearsClass.FROM_3)
    assert not arrears.at_least(ArrearsClass.UNDER_3, ArrearsClass.FROM_3)
    assert arrears.classes_from(ArrearsClass.FROM_6) == ["6_12", "tren_12"]


def test_owed_months_are_the_most_recent_the_oldest_carrying_the_remainder():
    shares = arrears.owed_months(closing=25_000_000, monthly=Decimal(M), as_of=dt.date(2026, 3, 15))
    assert shares == [
        (dt.date(2026, 3, 31), M),
        (dt.date(2026, 2, 28), M),
        (dt.date(2026, 1, 31), 5_000_000),
    ]


def test_interest_counts_days_from_the_day_after_each_due_day_to_the_data_date():
    # 3 months owed at 30/11/2026: November is not late yet, October 30 days, September 61.
    interest = arrears.late_interest(closing=3 * M, due=M, as_of=dt.date(2026, 11, 30))
    assert interest == round(M * Decimal("0.0003") * (30 + 61))
    assert interest == 273_000


def test_interest_of_a_unit_that_owes_nothing_is_zero():
    assert arrears.late_interest(closing=0, due=M, as_of=dt.date(2026, 11, 30)) == 0
    assert arrears.late_interest(closing=M, due=0, as_of=dt.date(2026, 11, 30)) == 0


def test_interest_uses_the_file_months_when_nothing_was_due():
    # 2 months in the file: 5.000.000 a month, November (not late yet) and October (30 days).
    interest = arrears.late_interest(
        closing=M, due=0, as_of=dt.date(2026, 11, 30), ratio=Decimal(2)
    )
    assert interest == round(5_000_000 * Decimal("0.0003") * 30) == 45_000


def test_interest_follows_the_rate_in_force_each_day(monkeypatch):
    from ansinh.compliance.config import InterestRate

    rates = (
        InterestRate(dt.date(2026, 11, 1), Decimal("0.05"), "mức mới"),
        InterestRate(dt.date(2016, 1, 1), Decimal("0.03"), "mức cũ"),
    )
    monkeypatch.setattr(arrears, "interest_rates", lambda: rates)
    monkeypatch.setattr(
        arrears, "interest_rate_on", lambda day: next(r for r in rates if r.starts <= day)
    )
    # November not late; October's share: 1/11–30/11 at 0,05 %; September's: 1/10–31/10 at
    # 0,03 %, then 1/11–30/11 at 0,05 %.
    interest = arrears.late_interest(closing=3 * M, due=M, as_of=dt.date(2026, 11, 30))
    expected = M * (Decimal("0.0005") * 30) + M * (Decimal("0.0003") * 31 + Decimal("0.0005") * 30)
    assert interest == round(expected)


def test_the_rate_in_force_comes_with_its_legal_reference():
    rate = arrears.rate_in_force(dt.date(2026, 1, 1))
    assert rate.daily_percent == Decimal("0.03")
    assert "41/2024/QH15" in rate.reference
