"""Reading a table from an uploaded Excel or CSV file: the header row found among the first rows,
then every filled row with its row number in the file, for messages that name row and column.

Provincial exports are rarely clean, so the reader also
- decodes CSV files that are not UTF-8 (Windows-1258, the Vietnamese Windows code page Excel
  uses for "CSV"), and converts text typed in the legacy TCVN3/VNI encodings (core.legacy_vn),
  refusing by name when it cannot tell which;
- skips title rows above the header (fewer filled cells than `required`, or holding numbers);
- joins a two-row header whose upper row holds merged group cells ("Số phải đóng" over
  "Đầu kỳ | Trong kỳ" gives "Số phải đóng Đầu kỳ", "Số phải đóng Trong kỳ");
- skips the row of column numbers ("1 | 2 | 3" or "(1) | (2)") government forms put under it.
"""

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from zipfile import BadZipFile

from ansinh.core import legacy_vn
from ansinh.org.text import compact_key
from ansinh.targets.importers.common import ImportProblems, RowProblem

HEADER_SEARCH_ROWS = 15
CP1258 = "cp1258"
ENCODING_NAMES = legacy_vn.NAMES | {CP1258: "Windows-1258"}


@dataclass
class Table:
    headers: list[str]
    header_row: int
    rows: list[tuple[int, list]]  # (row number in the file, cell values)
    # The encoding the text was converted from (legacy_vn.TCVN3/VNI, CP1258), None if Unicode.
    encoding: str | None = None

    def index(self, names: set[str]) -> int | None:
        for position, header in enumerate(self.headers):
            if compact_key(header) in names:
                return position
        return None

    @property
    def encoding_name(self) -> str:
        return ENCODING_NAMES.get(self.encoding, "")


def _refuse(message: str, row: int | None = None):
    return ImportProblems([RowProblem(row, "", message)])


def _rows_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise _refuse("tệp không phải bảng tính Excel (.xlsx) đọc được") from exc
    try:
        return [list(values) for values in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


# Windows-1252 with its five undefined bytes read as Latin-1, so that any byte string decodes:
# legacy TCVN3/VNI text is the Latin-1 reading of its bytes.
_CP1252_TABLE = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))


def _split_csv(text: str) -> list[list]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    # Universal newlines: a lone carriage return (old Mac exports, pasted cells) ends a line
    # instead of stopping the csv module with "new-line character seen in unquoted field".
    reader = csv.reader(io.StringIO(text, newline=None), dialect)
    try:
        return [list(row) for row in reader]
    except csv.Error as exc:
        raise _refuse(f"tệp CSV không đọc được: {exc}", reader.line_num or None) from exc


def _plausible_cp1258(text: str) -> bool:
    """Read as Windows-1258, the text holds Vietnamese letters and (almost) nothing else odd;
    TCVN3 or VNI bytes read that way leave letters such as å ñ ø ï µ or marks on consonants."""
    vietnamese = odd = 0
    for char in text:
        if char.isascii():
            continue
        if (char.isalpha() or unicodedata.combining(char)) and not legacy_vn.is_vietnamese_letter(
            char
        ):
            odd += 1
        elif ord(char) > 0xFF and char.isalpha():
            vietnamese += 1
    return vietnamese > 0 and odd * 50 <= vietnamese


def _rows_csv(content: bytes) -> tuple[list[list], str | None]:
    """The rows and, for a file that was not UTF-8, the code page it was read with."""
    try:
        return _split_csv(content.decode("utf-8-sig")), None
    except UnicodeDecodeError:
        pass
    try:
        text = unicodedata.normalize("NFC", content.decode(CP1258))
    except UnicodeDecodeError:
        text = ""
    if text and _plausible_cp1258(text):
        return _split_csv(text), CP1258
    # Latin-1-ish reading: plain Latin text, or TCVN3/VNI bytes that read_table then converts.
    text = codecs.charmap_decode(content, "strict", _CP1252_TABLE)[0]
    return _split_csv(text), "cp1252"


def _convert_legacy(rows: list[list]) -> str | None:
    texts = [v for row in rows for v in row if isinstance(v, str) and not v.isascii()]
    try:
        encoding = legacy_vn.detect(texts)
    except legacy_vn.LegacyEncodingError as exc:
        raise _refuse(str(exc)) from exc
    if encoding:
        for row in rows:
            for position, value in enumerate(row):
                if isinstance(value, str):
                    row[position] = legacy_vn.to_unicode(value, encoding)
    return encoding


def _filled(values: list) -> list[int]:
    return [i for i, v in enumerate(values) if v is not None and str(v).strip()]


_NUMBER = re.compile(r"^[-+(]?[\d.,\s]+\)?%?$")


def _is_number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, dt.date, dt.datetime)):
        return True
    return bool(_NUMBER.match(str(value).strip()))


def _text(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _is_subheader(header: list[str], values: list) -> bool:
    """The row under the header is a second header row: only text, no numbers, and it fills
    the gaps a merged group cell leaves in the row above."""
    filled = _filled(values)
    if not filled or any(_is_number(values[i]) or len(_text(values[i])) > 80 for i in filled):
        return False
    return any(i >= len(header) or not header[i] for i in filled)


def _join_headers(header: list[str], sub: list) -> list[str]:
    width = max(len(header), len(sub))
    header = header + [""] * (width - len(header))
    sub = [_text(v) for v in sub] + [""] * (width - len(sub))
    joined, group = [], ""
    for top, below in zip(header, sub, strict=True):
        if top:
            # A group is a cell with sub-headers under it; a header merged downwards has none.
            group = top if below else ""
            joined.append(f"{top} {below}" if below else top)
        elif below:
            joined.append(f"{group} {below}" if group else below)
        else:
            group = ""
            joined.append("")
    return joined


def _is_column_numbers(values: list) -> bool:
    """A row like "1 | 2 | 3 …", "(1) | (2) …" or "A | B | C …" that numbers the columns."""
    marks = [_text(values[i]).strip("()[] ") for i in _filled(values)]
    if len(marks) < 3:
        return False
    if all(re.fullmatch(r"\d{1,2}", m) for m in marks):
        numbers = [int(m) for m in marks]
        return numbers == list(range(numbers[0], numbers[0] + len(numbers))) and numbers[0] <= 1
    if all(re.fullmatch(r"[A-Z]", m) for m in marks):
        return [ord(m) for m in marks] == list(range(ord(marks[0]), ord(marks[0]) + len(marks)))
    return False


def read_table(*, filename: str, content: bytes, required: int = 3, legacy: bool = True) -> Table:
    """The header is the first of the first 15 rows with at least `required` filled cells, all
    text; a second header row under it is joined to it. `legacy=False` leaves TCVN3/VNI text as
    it is."""
    code_page = None
    if filename.lower().endswith(".csv"):
        rows, code_page = _rows_csv(content)
    else:
        rows = _rows_xlsx(content)
    encoding = _convert_legacy(rows) if legacy else None
    if (
        code_page == "cp1252"
        and encoding is None
        and any(legacy_vn.looks_odd(v) for row in rows for v in row if isinstance(v, str))
    ):
        raise _refuse(
            "tệp CSV không phải mã UTF-8 và không nhận ra mã tiếng Việt (VNI/TCVN3, Windows-1258); "
            "hãy lưu lại bằng Unicode (Lưu thành… CSV UTF-8)"
        )
    encoding = encoding or (CP1258 if code_page == CP1258 else None)

    header_index = None
    for index, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        filled = _filled(values)
        if len(filled) >= required and not any(_is_number(values[i]) for i in filled):
            header_index = index
            break
    if header_index is None:
        raise _refuse("không thấy dòng tiêu đề cột trong tệp")
    headers = [_text(v) for v in rows[header_index]]
    header_row = header_index + 1
    start = header_index + 1
    if start < len(rows) and _is_subheader(headers, rows[start]):
        headers = _join_headers(headers, rows[start])
        header_row, start = start + 1, start + 1
    if start < len(rows) and _is_column_numbers(rows[start]):
        start += 1
    found = [(number, values) for number, values in enumerate(rows[start:], start=start + 1)]
    found = [(number, values) for number, values in found if _filled(values)]
    return Table(headers=headers, header_row=header_row, rows=found, encoding=encoding)


TABLE_UPLOAD_MAX = 30 * 1024 * 1024


def table_upload(upload) -> tuple[str, bytes]:
    """A form's uploaded spreadsheet as (name, content): .xlsx or .csv, at most 30 MB."""
    from django import forms

    if not upload.name.lower().endswith((".xlsx", ".csv")):
        raise forms.ValidationError("Chỉ nhận tệp .xlsx hoặc .csv.")
    if upload.size > TABLE_UPLOAD_MAX:
        raise forms.ValidationError("Tệp quá lớn (tối đa 30 MB).")
    return upload.name, upload.read()
