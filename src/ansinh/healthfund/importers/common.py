"""Reading a table from an Excel or CSV file, and cells the way exports write them
('1.234.567', '61,88', text in number cells reported by row and column)."""

from decimal import ROUND_HALF_UP

from ansinh.core.tables import Table, read_table
from ansinh.core.vnformat import parse_number
from ansinh.targets.importers.common import ImportProblems, RowProblem

__all__ = ["ImportProblems", "RowProblem", "Table", "parse_amount", "parse_whole", "read_table"]

MAX_PROBLEMS = 200
# Counts go to 32-bit integer columns.
MAX_COUNT = 10**9


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_whole(value) -> int:
    """A count (visits, bed days): a whole number, not negative; blank is 0."""
    if _blank(value):
        return 0
    if isinstance(value, bool):
        raise ValueError("cần một số")
    number = parse_number(value)
    if number < 0:
        raise ValueError(f"số đếm không được âm ({value})")
    if number != number.to_integral_value():
        raise ValueError(f"cần số nguyên, “{value}” có phần lẻ")
    if number >= MAX_COUNT:
        raise ValueError(f"số đếm “{value}” quá lớn")
    return int(number)


def parse_amount(value) -> int:
    """An amount in đồng ('1.234.567', '61,88' rounded to the đồng), not negative; blank is 0."""
    if _blank(value):
        return 0
    if isinstance(value, bool):
        raise ValueError("cần một số tiền")
    number = parse_number(value)
    if number < 0:
        raise ValueError(f"chi phí không được âm ({value})")
    return int(number.quantize(1, ROUND_HALF_UP))
