"""Deadlines as data: the date X of "trước ngày X" for a report kind and a period, pure functions.

A rule is either *relative* — day `day` of the month `offset_months` after the period's last month
(Thanh Hóa's quarterly report: day 5 of the first month of the next quarter, offset 1) — or
*fixed* — day `day` of month `month` of the period's year plus `year_offset` (10/6; 20/01 of the
next year). The regime's `reading` says whether the report may still be sent on day X.
"""

import datetime as dt

from ansinh.core.periods import Period, PeriodKind
from ansinh.reporting.enums import CutoffRule, DeadlineReading, DeadlineRule


class RuleError(ValueError):
    pass


def deadline_for(
    *,
    rule: str,
    period: Period,
    day: int | None,
    offset_months: int | None = None,
    month: int | None = None,
    year_offset: int = 0,
) -> dt.date:
    """The date X of "trước ngày X" for `period`; RuleError when the rule names no real day."""
    if rule == DeadlineRule.RELATIVE:
        index = period.end.year * 12 + period.end.month - 1 + (offset_months or 0)
        year, month = divmod(index, 12)
        month += 1
    elif rule == DeadlineRule.FIXED:
        year = period.year + year_offset
    else:
        raise RuleError("Loại báo cáo này không có hạn định kỳ.")
    try:
        return dt.date(year, month or 0, day or 0)
    except ValueError:
        raise RuleError(f"Không có ngày {day} tháng {month} năm {year}.") from None


def last_day(*, due: dt.date, reading: str) -> dt.date:
    """The last day a report counts as on time."""
    return due - dt.timedelta(days=1) if reading == DeadlineReading.STRICTLY_BEFORE else due


def deadline_words(*, due: dt.date, reading: str) -> str:
    """The deadline as users read it, with the regime's reading stated."""
    if reading == DeadlineReading.STRICTLY_BEFORE:
        last = last_day(due=due, reading=reading)
        return f"hạn gửi: trước ngày {due:%d/%m/%Y} (chậm nhất ngày {last:%d/%m/%Y})"
    return f"hạn gửi: trước ngày {due:%d/%m/%Y} (chậm nhất trong ngày {due:%d/%m/%Y})"


def cutoff_for(*, rule: str, period: Period) -> dt.date:
    """The last day of data the report covers."""
    if rule == CutoffRule.DAY_14:
        return period.end.replace(day=14)
    return period.end


def periods_of(*, kind: str, year: int) -> list[Period]:
    count = {PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 1}.get(kind, 0)
    return [Period(year, PeriodKind(kind), n) for n in range(1, count + 1)]


def rule_problems(
    *,
    rule: str,
    period_kind: str,
    day: int | None,
    offset_months: int | None = None,
    month: int | None = None,
    year_offset: int = 0,
    numbers: list[int] | None = None,
) -> list[str]:
    """Why a rule cannot be satisfied in some year (leap or not), or nothing."""
    if rule == DeadlineRule.NONE:
        return []
    problems = []
    for year in (2025, 2028):  # a common year and a leap year
        for period in periods_of(kind=period_kind, year=year):
            if numbers and period.number not in numbers:
                continue
            try:
                due = deadline_for(
                    rule=rule,
                    period=period,
                    day=day,
                    offset_months=offset_months,
                    month=month,
                    year_offset=year_offset,
                )
            except RuleError as error:
                problems.append(f"{period.label}: {error}")
                continue
            if due <= period.start:
                problems.append(f"{period.label}: hạn {due:%d/%m/%Y} không sau ngày đầu kỳ.")
    return sorted(set(problems))
