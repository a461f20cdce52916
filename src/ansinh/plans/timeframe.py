"""Reading the "Thời gian thực hiện" column: recurring, a due date, or none.

    "Thường xuyên"            → recurring (reported every quarter)
    "Quý 2/2024"              → due 30/06/2024        "Tháng 8/2024"  → due 31/08/2024
    "6 tháng đầu năm 2024"    → due 30/06/2024        "Năm 2024"      → due 31/12/2024
    "15/10/2024", "Trước ngày 15/10/2024" → that day
    ""                        → no due date ("Không xác định"), never guessed

A period without its year ("Quý 2", "Tháng 10") takes the plan's year. Where several dates are
written ("Quý 2, Quý 3/2024") the last one is the due date. Anything else is an error.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from unidecode import unidecode

from ansinh.core.periods import Period, PeriodKind

NO_DUE_DATE = "Không xác định"
_RECURRING = ("thuong xuyen", "hang nam", "hang quy", "hang thang", "dinh ky")
_YEAR = r"(?:(?:/| nam )(\d{4}))?"
_PATTERNS = [
    ("date", re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")),
    ("half", re.compile(r"6 thang (dau|cuoi)(?: nam)?(?: (\d{4}))?")),
    ("quarter", re.compile(r"quy ([1-4]|iv|i{1,3})\b" + _YEAR)),
    ("month", re.compile(r"thang (\d{1,2})" + _YEAR + r"(?![\d/])")),
    ("year", re.compile(r"nam (\d{4})")),
]
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True)
class Timeframe:
    recurring: bool = False
    due_date: dt.date | None = None

    @property
    def label(self) -> str:
        if self.recurring:
            return "Thường xuyên"
        return self.due_date.strftime("%d/%m/%Y") if self.due_date else NO_DUE_DATE


def parse_timeframe(text: str | None, *, year: int | None = None) -> Timeframe:
    """Raise ValueError (in Vietnamese) when the text names no period this function knows."""
    raw = (text or "").strip()
    if not raw:
        return Timeframe()
    # Like search_key, but keeping the slashes of "Quý 2/2024" and "15/10/2024".
    key = re.sub(r"[^a-z0-9/.-]+", " ", unidecode(raw).lower()).strip()
    key = re.sub(r"\s*/\s*", "/", key)
    if any(word in key for word in _RECURRING):
        return Timeframe(recurring=True)
    dates = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(key):
            if any(start <= match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            dates.append(_due(kind, match, year, raw))
    if not dates:
        raise ValueError(
            f"không hiểu thời gian “{raw}” (viết như: Thường xuyên; Quý 2/2024; Tháng 8/2024; "
            "6 tháng đầu năm 2024; Năm 2024; 15/10/2024; hoặc để trống)"
        )
    return Timeframe(due_date=max(dates))


def _due(kind: str, match: re.Match, year: int | None, raw: str) -> dt.date:
    groups = match.groups()
    if kind == "date":
        day, month, year_text = (int(g) for g in groups)
        try:
            return dt.date(year_text, month, day)
        except ValueError as exc:
            raise ValueError(f"ngày “{match.group(0)}” trong “{raw}” không tồn tại") from exc
    if kind == "year":
        return dt.date(int(groups[0]), 12, 31)
    when = int(groups[-1]) if groups[-1] else year
    if when is None:
        raise ValueError(f"“{raw}” không ghi năm")
    if kind == "half":
        return Period(when, PeriodKind.HALF, 1 if groups[0] == "dau" else 2).end
    if kind == "quarter":
        number = int(groups[0]) if groups[0].isdigit() else _ROMAN[groups[0]]
        return Period(when, PeriodKind.QUARTER, number).end
    month = int(groups[0])
    if not 1 <= month <= 12:
        raise ValueError(f"tháng {month} trong “{raw}” không tồn tại")
    return dt.date(when, month, calendar.monthrange(when, month)[1])
