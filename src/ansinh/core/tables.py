"""Reading a table from an uploaded Excel or CSV file: the header row found among the first rows,
then every filled row with its row number in the file, for messages that name row and column."""

import csv
import io
from dataclasses import dataclass
from zipfile import BadZipFile

from ansinh.org.text import compact_key
from ansinh.targets.importers.common import ImportProblems, RowProblem


@dataclass
class Table:
    headers: list[str]
    header_row: int
    rows: list[tuple[int, list]]  # (row number in the file, cell values)

    def index(self, names: set[str]) -> int | None:
        for position, header in enumerate(self.headers):
            if compact_key(header) in names:
                return position
        return None


def _rows_xlsx(content: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ImportProblems(
            [RowProblem(None, "", "tệp không phải bảng tính Excel (.xlsx) đọc được")]
        ) from exc
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


def _rows_csv(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportProblems(
            [RowProblem(None, "", "tệp CSV phải lưu bằng mã UTF-8 (Lưu thành… CSV UTF-8)")]
        ) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)


def read_table(*, filename: str, content: bytes, required: int = 3) -> Table:
    """The header is the first of the first 15 rows with at least `required` filled cells."""
    rows = _rows_csv(content) if filename.lower().endswith(".csv") else _rows_xlsx(content)
    headers, header_row, found = None, 0, []
    for number, values in enumerate(rows, start=1):
        values = list(values)
        filled = [v for v in values if v is not None and str(v).strip()]
        if headers is None:
            if len(filled) >= required:
                headers = [str(v).strip() if v is not None else "" for v in values]
                header_row = number
            elif number >= 15:
                break
            continue
        if filled:
            found.append((number, values))
    if headers is None:
        raise ImportProblems([RowProblem(None, "", "không thấy dòng tiêu đề cột trong tệp")])
    return Table(headers=headers, header_row=header_row, rows=found)
