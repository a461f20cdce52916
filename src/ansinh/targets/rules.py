"""The on-track rule and the thresholds, in one place, with the words shown to users."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from ansinh.core.vnformat import format_date, format_number, format_percent
from ansinh.targets.enums import Light

# Below the expected rate by less than this many points: yellow; by more: red.
YELLOW_MARGIN = Decimal("1")
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
