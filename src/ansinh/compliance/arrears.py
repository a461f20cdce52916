"""Arrears arithmetic of one unit's line in the BHXH office's statement (C12-TS-style export).

The rules, as users see them on the statement page:

- **Closing balance.** Số phải đóng cuối kỳ = đầu kỳ + phải đóng trong kỳ + điều chỉnh − đã đóng.
  The file's own closing figure is kept; a line whose figure differs from this sum is flagged
  (not refused) and listed, since the office's export may carry corrections we cannot see.
- **Months late.** The file's closing balance ÷ the monthly amount due, rounded to 0,1 month.
  A statement covering `period_months` months (1 by default) has a monthly amount due of
  "phải đóng trong kỳ" ÷ months. When nothing was due in the period (a unit that stopped
  declaring), the file's "tỷ lệ nợ / số tháng nợ" column is read as months; without it, 0.
- **Class.** < 3 months, 3 to < 6, 6 to < 12, ≥ 12 (ArrearsClass); a line with 0 months or
  a closing balance of 0 or less owes nothing.
- **Late interest.** The months owed are taken to be the most recent ones: the month of the
  data date, then the month before, and so on, each owing one monthly amount and the oldest the
  remainder. Each month's contribution is due on its due day (the last day of that month,
  data/compliance/late-interest.yaml `due_day`) and owed from the next day to the data date
  inclusive. Interest = Σ share × daily rate × days, with the daily rate in force on each day
  (`config.interest_rate_on`, held as data with its legal reference), rounded to the đồng once
  at the end. Without a monthly amount (nothing due and no months in the file), no interest is
  computed.
"""

import calendar
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from ansinh.compliance.config import InterestRate, interest_rate_on, interest_rates
from ansinh.compliance.enums import ArrearsClass

TENTH = Decimal("0.1")
MAX_MONTHS = 240
CLASS_BOUNDS = ((Decimal(12), ArrearsClass.OVER_12), (Decimal(6), ArrearsClass.FROM_6),
                (Decimal(3), ArrearsClass.FROM_3))  # fmt: skip
ORDER = [ArrearsClass.NONE, ArrearsClass.UNDER_3, ArrearsClass.FROM_3, ArrearsClass.FROM_6,
         ArrearsClass.OVER_12]  # fmt: skip


def computed_closing(*, opening: int, due: int, adjustments: int, paid: int) -> int:
    return opening + due + adjustments - paid


def monthly_due(*, due: int, period_months: int = 1) -> Decimal:
    return Decimal(due) / Decimal(max(period_months, 1)) if due > 0 else Decimal(0)


def months_late(
    *, closing: int, due: int, period_months: int = 1, ratio: Decimal | None = None
) -> Decimal:
    if closing <= 0:
        return Decimal(0)
    monthly = monthly_due(due=due, period_months=period_months)
    if monthly > 0:
        months = Decimal(closing) / monthly
    elif ratio is not None and ratio > 0:
        months = Decimal(ratio)
    else:
        months = Decimal(0)
    return months.quantize(TENTH, rounding=ROUND_HALF_UP)


def arrears_class(*, months: Decimal, closing: int) -> ArrearsClass:
    if closing <= 0 or months <= 0:
        return ArrearsClass.NONE
    for bound, klass in CLASS_BOUNDS:
        if months >= bound:
            return klass
    return ArrearsClass.UNDER_3


def at_least(klass: str, minimum: str) -> bool:
    """Whether an arrears class is `minimum` or worse."""
    return ORDER.index(ArrearsClass(klass)) >= ORDER.index(ArrearsClass(minimum))


def classes_from(minimum: str) -> list[str]:
    return [k.value for k in ORDER[ORDER.index(ArrearsClass(minimum)) :]]


def due_day(year: int, month: int) -> dt.date:
    """The day a month's contributions are due: its last day (late-interest.yaml `due_day`)."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_back(year: int, month: int, back: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - back
    return index // 12, index % 12 + 1


def _rate_days(start: dt.date, end: dt.date) -> Decimal:
    """Σ daily rate (as a fraction) over the days start..end inclusive, rate by rate."""
    total, day = Decimal(0), start
    # Rates are few and change rarely: walk rate periods, not days.
    boundaries = sorted({r.starts for r in interest_rates() if start < r.starts <= end})
    for next_start in [*boundaries, end + dt.timedelta(days=1)]:
        days = (next_start - day).days
        if days > 0:
            total += interest_rate_on(day).daily_percent / 100 * days
        day = next_start
    return total


def owed_months(*, closing: int, monthly: Decimal, as_of: dt.date) -> list[tuple[dt.date, Decimal]]:
    """(due day, amount) of each month owed, most recent first; shares sum to `closing`."""
    if closing <= 0 or monthly <= 0:
        return []
    shares, left, back = [], Decimal(closing), 0
    while left > 0:
        # A tiny monthly amount against a large debt would list centuries: stop at MAX_MONTHS,
        # the oldest month then carrying the rest.
        share = left if back == MAX_MONTHS - 1 else min(monthly, left)
        year, month = _month_back(as_of.year, as_of.month, back)
        shares.append((due_day(year, month), share))
        left -= share
        back += 1
    return shares


def late_interest(
    *, closing: int, due: int, as_of: dt.date, period_months: int = 1,
    ratio: Decimal | None = None,
) -> int:  # fmt: skip
    monthly = monthly_due(due=due, period_months=period_months)
    if monthly <= 0 and ratio is not None and ratio > 0:
        monthly = Decimal(closing) / Decimal(ratio)
    total = Decimal(0)
    for day, share in owed_months(closing=closing, monthly=monthly, as_of=as_of):
        start = day + dt.timedelta(days=1)
        if start <= as_of:
            total += share * _rate_days(start, as_of)
    return int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def rate_in_force(day: dt.date) -> InterestRate:
    return interest_rate_on(day)
