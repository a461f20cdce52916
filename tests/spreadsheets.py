"""Spreadsheets the tests upload, made in memory."""

import io

from openpyxl import Workbook


def xlsx(rows) -> bytes:
    """A one-sheet workbook with these rows, as a user's Excel file would arrive."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
