"""core.tables.read_table on malformed files: a Table, or ImportProblems naming what is wrong."""

from hypothesis import given
from hypothesis import strategies as st

from ansinh.core.tables import read_table
from ansinh.targets.importers.common import ImportProblems
from tests.fuzz.files import table_file

HEADERS = ["STT", "Mã đơn vị", "Tên đơn vị", "Địa chỉ", "Mã số thuế", "Số phải đóng đầu kỳ"]
# Legacy-encoded Vietnamese: "Tên đơn vị" in TCVN3 and VNI as their Latin-1 bytes read.
LEGACY = ["Tªn ®¬n vÞ", "Teân ñôn vò", "Hµ Néi", "Ñaêk Haø", "Ð¡k Hµ"]


@given(table_file(HEADERS + LEGACY), st.integers(1, 5), st.booleans())
def test_read_table_reads_or_refuses(file, required, legacy):
    filename, content = file
    try:
        table = read_table(filename=filename, content=content, required=required, legacy=legacy)
    except ImportProblems as exc:
        assert exc.messages and all(exc.messages)
        return
    assert table.header_row >= 1
    for number, values in table.rows:
        assert number > table.header_row
        assert isinstance(values, list)


@given(st.binary(max_size=2000), st.sampled_from([",", ";", "\t"]))
def test_csv_of_any_bytes_reads_or_refuses(noise, delimiter):
    content = delimiter.join(["Mã", "Tên", "Địa chỉ"]).encode() + b"\n" + noise
    try:
        read_table(filename="a.csv", content=content)
    except ImportProblems as exc:
        assert exc.messages
