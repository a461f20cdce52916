"""The on-track rule and the thresholds, in one place, with the words shown to users."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from ansinh.core.vnformat import format_date, format_number, format_percent
from ansinh.targets.enums import IndicatorKind, Light

# Below the expected rate by less than this many points: yellow; by more: red. For a count or
# an amount the same margin applies to its "% kế hoạch" (value / target × 100).
YELLOW_MARGIN = Decimal("1")
HUNDRED = Decimal(100)
# A count that moves by more than this share against the previous period is flagged.
JUMP_THRESHOLD = Decimal("0.20")


def year_fraction(day: dt.date) -> tuple[int, int]:
    """Days of the year elapsed at the end of `day`, and the days in that year."""
    start = dt.date(day.year, 1, 1)
    days = (dt.date(day.year + 1, 1, 1) - start).days
    return (day - start).days + 1, days


def expected_rate(*, last_year: Decimal, target: Decimal, day: dt.date) -> Decimal:
    elapsed, days = year_fraction(day)
    return last_year + (target - last_year) * Decimal(elapsed) / Decimal(days)


def light(*, rate, target, last_year, expected) -> Light:
    if rate is None or target is None or last_year is None or expected is None:
        return Light.GREY
    if rate >= expected:
        return Light.GREEN
    if expected - rate < YELLOW_MARGIN:
        return Light.YELLOW
    return Light.RED


def expected_value(*, target: Decimal, day: dt.date) -> Decimal:
    """A yearly count or amount is cumulative from 1 January: it starts at 0."""
    return expected_rate(last_year=Decimal(0), target=target, day=day)


def value_light(*, value, target, expected) -> Light:
    """The rate rule applied to "% kế hoạch": value and expected value as shares of the target."""
    if value is None or not target or expected is None:
        return Light.GREY
    if value >= expected:
        return Light.GREEN
    if (Decimal(expected) - Decimal(value)) * HUNDRED / Decimal(target) < YELLOW_MARGIN:
        return Light.YELLOW
    return Light.RED


def value_rule_text(day: dt.date) -> str:
    elapsed, days = year_fraction(day)
    return (
        f"Chỉ tiêu số lượng, số tiền (cộng dồn từ đầu năm): kỳ vọng tại {format_date(day)} = "
        f"chỉ tiêu năm {day.year} × {elapsed}/{days} ngày đã qua của năm. Mức đạt = số thực hiện "
        f"/ chỉ tiêu × 100 (% kế hoạch). Số thực hiện bằng hoặc cao hơn kỳ vọng là đúng tiến độ "
        f"(xanh); thấp hơn kỳ vọng dưới {format_number(YELLOW_MARGIN)} điểm % kế hoạch: vàng; từ "
        f"{format_number(YELLOW_MARGIN)} điểm % kế hoạch trở lên: đỏ. Số của tỉnh = tổng số của "
        f"các đơn vị; chỉ tiêu của tỉnh là chỉ tiêu giao cho tỉnh, nếu chưa giao thì bằng tổng "
        f"chỉ tiêu các đơn vị."
    )


def rule_text(day: dt.date) -> str:
    elapsed, days = year_fraction(day)
    return (
        f"Tỷ lệ kỳ vọng tại {format_date(day)} = tỷ lệ thực hiện cuối năm {day.year - 1} + "
        f"(chỉ tiêu năm {day.year} − tỷ lệ cuối năm {day.year - 1}) × {elapsed}/{days} ngày đã "
        f"qua của năm. Đơn vị có tỷ lệ thực tế bằng hoặc cao hơn tỷ lệ kỳ vọng là đúng tiến độ "
        f"(xanh); thấp hơn là chậm tiến độ: vàng khi thấp hơn dưới "
        f"{format_number(YELLOW_MARGIN)} điểm %, đỏ khi thấp hơn từ "
        f"{format_number(YELLOW_MARGIN)} điểm % trở lên. Tỷ lệ thực tế = tổng tử số / tổng mẫu "
        f"số của các đơn vị, dùng số liệu kỳ gần nhất đến ngày {format_date(day)}."
    )


def format_points(value) -> str:
    """-0.4 → '−0,4 điểm %' (two decimals at most, no trailing zeros)."""
    if value is None:
        return ""
    rounded = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = format_number(abs(rounded), 2).rstrip("0").rstrip(",")
    sign = "−" if rounded < 0 else ("+" if rounded > 0 else "")
    return f"{sign}{text} điểm %"


def format_rate(value) -> str:
    return format_percent(value) if value is not None else ""


def format_figure(value, kind: str) -> str:
    """A rate '24,88 %', an amount '12.345.678.000 đ', a count '1.250' (whole numbers)."""
    if value is None:
        return ""
    if kind == IndicatorKind.AMOUNT:
        return f"{format_number(value)} đ"
    if kind == IndicatorKind.COUNT:
        return format_number(value)
    return format_rate(value)


def format_figure_gap(value, kind: str) -> str:
    """Signed difference: '−0,4 điểm %' for a rate, '−1.234.000 đ' or '+12' otherwise."""
    if value is None:
        return ""
    if kind == IndicatorKind.RATE:
        return format_points(value)
    rounded = Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = "−" if rounded < 0 else ("+" if rounded > 0 else "")
    return sign + format_figure(abs(rounded), kind)
