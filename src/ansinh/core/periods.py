"""Reporting periods labelled the Vietnamese way ("Quý 2/2024", "6 tháng đầu năm 2024")."""

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.db import models


def default_year(*, years, today: dt.date) -> int:
    """The year a page opens on: this year, when nothing is recorded for this year the latest
    earlier year that has data (or the earliest later one)."""
    years = set(years)
    if not years or today.year in years:
        return today.year
    return max((y for y in years if y <= today.year), default=min(years))


class PeriodKind(models.TextChoices):
    YEAR = "year", "Năm"
    HALF = "half", "6 tháng"
    QUARTER = "quarter", "Quý"
    MONTH = "month", "Tháng"


_MONTHS_PER = {PeriodKind.YEAR: 12, PeriodKind.HALF: 6, PeriodKind.QUARTER: 3, PeriodKind.MONTH: 1}


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: PeriodKind
    number: int = 1

    def __post_init__(self):
        count = 12 // _MONTHS_PER[PeriodKind(self.kind)]
        if not 1 <= self.number <= count:
            raise ValueError(f"{PeriodKind(self.kind).label} số {self.number} không tồn tại")

    @property
    def start(self) -> dt.date:
        month = (self.number - 1) * _MONTHS_PER[PeriodKind(self.kind)] + 1
        return dt.date(self.year, month, 1)

    @cached_property  # read for every stored value by the data-quality rules
    def end(self) -> dt.date:
        month = self.number * _MONTHS_PER[PeriodKind(self.kind)]
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @cached_property
    def label(self) -> str:
        kind = PeriodKind(self.kind)
        if kind == PeriodKind.YEAR:
            return f"Năm {self.year}"
        if kind == PeriodKind.HALF:
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}"
        if kind == PeriodKind.QUARTER:
            return f"Quý {self.number}/{self.year}"
        return f"Tháng {self.number}/{self.year}"

    def __str__(self) -> str:
        return self.label

    @classmethod
    def containing(cls, day: dt.date, kind: PeriodKind) -> "Period":
        return cls(day.year, kind, (day.month - 1) // _MONTHS_PER[PeriodKind(kind)] + 1)

    def next(self) -> "Period":
        count = 12 // _MONTHS_PER[PeriodKind(self.kind)]
        if self.number == count:
            return Period(self.year + 1, self.kind, 1)
        return Period(self.year, self.kind, self.number + 1)
