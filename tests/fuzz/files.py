"""Strategies for malformed uploads, and the check every importer must pass with them.

A file is (filename, bytes): random bytes, a truncated workbook, or a table built from the
importer's own headers (shuffled, dropped, misspelt, doubled, under title rows or a merged
two-row header) with random cells — text in number cells, huge, negative and fractional
numbers, dates, Vietnamese and other Unicode, blanks — written as .xlsx or as CSV with odd
delimiters and encodings.
"""

import csv
import datetime as dt
import io
from contextlib import contextmanager

from django.db import transaction
from hypothesis import event
from hypothesis import strategies as st

from ansinh.targets.importers.common import ImportProblems
from tests.spreadsheets import xlsx

# Text openpyxl can store (no control characters, no lone surrogates).
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)
_TRICKY = st.sampled_from([
    "", " ", "1.234.567", "1,234,567", "12,5%", "120%", "-5", "(3)", "1e309", "-0", "nan",
    "Infinity", "T13", "13/2026", "0/2026", "31/02/2026", "2026-13-01", "x", "X", "có",
    "không", "Hạng I", "Tuyến tỉnh", "Đăk Hà", "Huyện Ia H'Drai", "62", "62000", "TA0001",
    "6100123456", "6100123456-001", "=SUM(A1:A3)", "Ð", "Ðăk Hà", "Ðắk Tô", "ǅ", "ﬁ", "\u0301a",
    "9" * 40, "١٢٣", "Q1/2026", "Quý 5", "Năm 2026", "Tháng 9", "9/2026", "01/10/2025",
])  # fmt: skip
CELL = st.one_of(
    st.none(),
    _TEXT,
    _TRICKY,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.integers(min_value=0, max_value=200),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-1e9, max_value=1e9),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 12, 31)),
    st.booleans(),
)


@st.composite
def header(draw, known: list[str]):
    """The importer's headers, some dropped, misspelt or doubled, in a random order."""
    names = draw(st.lists(st.sampled_from(known), max_size=len(known) + 2)) if known else []
    if draw(st.booleans()):
        names = list(dict.fromkeys(names))
    names += draw(st.lists(st.one_of(_TEXT, _TRICKY), max_size=2))
    if draw(st.integers(0, 4)) == 0:
        names = [n.upper() if draw(st.booleans()) else n.replace(" ", "") for n in names]
    return draw(st.permutations(names))


@st.composite
def grid(draw, known: list[str], *, values=(), min_rows=0, max_rows=8):
    """The rows of a sheet: title rows, a header (maybe over a second header row), a row of
    column numbers, then data rows of random (or cleverly wrong) cells."""
    head = draw(header(known))
    width = max(len(head), 1)
    rows: list[list] = []
    for _ in range(draw(st.integers(0, 2))):
        rows.append([draw(_TEXT)])
    if draw(st.integers(0, 5)) == 0 and width >= 3:
        split = draw(st.integers(1, width - 1))
        rows.append([*head[:split], "Nhóm", *[None] * (width - split - 1)])
        rows.append([None] * split + list(head[split:]))
    else:
        rows.append(list(head))
    if draw(st.integers(0, 5)) == 0:
        rows.append([str(i) for i in range(1, width + 1)])
    cell = st.one_of(CELL, st.sampled_from(values)) if values else CELL
    body = draw(
        st.lists(
            st.lists(cell, min_size=0, max_size=width + 1), min_size=min_rows, max_size=max_rows
        )
    )
    return rows + body


def csv_bytes(rows: list[list], delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode(encoding, errors="replace")


@st.composite
def table_file(draw, known: list[str], *, values=(), csv_allowed: bool = True):
    """(filename, content) of a malformed table, Excel or CSV."""
    kind = draw(st.sampled_from(["xlsx", "xlsx", "csv", "truncated", "bytes"]))
    if kind == "bytes":
        name = draw(st.sampled_from(["a.xlsx", "a.csv", "a.xls", "a"]))
        return name, draw(st.binary(max_size=300))
    rows = draw(grid(known, values=list(values)))
    if kind == "truncated":
        content = xlsx(rows)
        # A share of the length, not a byte count: the workbook's size varies with the clock
        # (its modification time), and the draw must not depend on it.
        return "a.xlsx", content[: len(content) * draw(st.integers(0, 999)) // 1000]
    if kind == "csv" and csv_allowed:
        delimiter = draw(st.sampled_from([",", ";", "\t", "|", ":"]))
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1258", "utf-16", "latin-1"]))
        return "a.csv", csv_bytes(rows, delimiter, encoding)
    return "a.xlsx", xlsx(rows)


def counts(models) -> dict:
    return {model.__name__: model.objects.count() for model in models}


class _Rollback(Exception):
    pass


@contextmanager
def rolled_back():
    """Whatever the example writes is undone, so that the next example sees the seed."""
    try:
        with transaction.atomic():
            yield
            raise _Rollback
    except _Rollback:
        pass


def attempt(call, *, models, problems=(ImportProblems,)):
    """Run an import on a malformed file: it succeeds, or it raises its documented problem
    type with messages, having written nothing. Any other exception fails the test."""
    before = counts(models)
    outcome = None
    with rolled_back():
        try:
            outcome = call()
        except problems as exc:
            messages = getattr(exc, "messages", None) or [str(exc)]
            assert all(str(m).strip() for m in messages), messages
            assert counts(models) == before, "a refused import wrote rows"
            outcome = exc
    event("refused" if isinstance(outcome, Exception) else "loaded")
    return outcome


# --- YAML data files -------------------------------------------------------------------------

SCALAR = st.one_of(
    st.none(), st.booleans(), _TEXT, _TRICKY, st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(),
)  # fmt: skip
ANY = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.one_of(_TEXT, _TRICKY), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def mutated(draw, data, depth=0):
    """`data` with some values replaced by anything, some keys dropped, some items doubled."""
    if draw(st.integers(0, 12 if depth else 40)) == 0:
        return draw(ANY)
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            if draw(st.integers(0, 15)) == 0:
                continue
            out[key] = draw(mutated(value, depth + 1))
        return out
    if isinstance(data, list):
        items = [draw(mutated(item, depth + 1)) for item in data[:6]]
        if items and draw(st.integers(0, 6)) == 0:
            items.append(items[0])
        return items
    return data


@st.composite
def yaml_text(draw, data):
    """A data file as a user might break it: mutated values, or text that is not YAML."""
    import yaml

    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.text(max_size=200))
    text = yaml.safe_dump(draw(mutated(data)), allow_unicode=True, sort_keys=False)
    if kind == 1:
        return text[: len(text) * draw(st.integers(0, 999)) // 1000]
    return text
