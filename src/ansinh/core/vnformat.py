"""Vietnamese formatting and parsing of numbers, percents and dates.

`24,88 %` and `1.017.308` are what users read and type; the code keeps Decimal and date.
"""

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_NUMBER_RE = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")


def format_number(value, decimals: int = 0) -> str:
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    quantum = Decimal(1).scaleb(-decimals)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    integer, _, fraction = f"{abs(number):.{decimals}f}".partition(".")
    groups = []
    while integer:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    text = ".".join(groups) or "0"
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def format_percent(value, decimals: int = 2) -> str:
    """24.88 → '24,88 %' (value is already in percent)."""
    if value is None or value == "":
        return ""
    return f"{format_number(value, decimals)} %"


def format_date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


def parse_number(text) -> Decimal:
    """Read a number written the Vietnamese way ('1.017.308', '24,88') or plainly ('24.88').

    A dot followed by exactly three digits is a thousands separator; a single dot followed by
    another count of digits is read as a decimal point, as spreadsheets export it.
    """
    if isinstance(text, int | float | Decimal):
        return _bounded(Decimal(str(text)), text)
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if not cleaned:
        raise ValueError("ô trống, cần một số")
    if _NUMBER_RE.match(cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[+-]?\d+\.\d+", cleaned):
        pass
    else:
        raise ValueError(f"“{text}” không phải là số (viết như 24,88 hoặc 1.017.308)")
    try:
        return _bounded(Decimal(cleaned), text)
    except InvalidOperation as exc:
        raise ValueError(f"“{text}” không phải là số") from exc


# No figure ansinh reads comes near 10^18 (a 64-bit integer column holds 9,2 · 10^18); a larger
# one is a typing or export error, refused here rather than failing later in rounding or in the
# database.
MAX_NUMBER = Decimal(10) ** 18


def _bounded(number: Decimal, text) -> Decimal:
    if not number.is_finite():
        raise ValueError(f"“{text}” không phải là số")
    if abs(number) >= MAX_NUMBER:
        raise ValueError(f"số “{text}” quá lớn")
    return number


def parse_date(text) -> dt.date:
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    value = str(text).strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"“{text}” không phải là ngày (viết như 05/04/2025)")
