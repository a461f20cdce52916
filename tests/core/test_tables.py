"""Reading uploaded tables: legacy Vietnamese encodings, merged header rows, title rows."""

import pytest

from ansinh.core import legacy_vn
from ansinh.core.tables import read_table
from ansinh.targets.importers.common import ImportProblems
from tests.spreadsheets import xlsx

# The same sentences as typed in each legacy encoding (bytes shown as their Latin-1 characters).
TCVN3 = {
    "C«ng ty TNHH Hßa B×nh": "Công ty TNHH Hòa Bình",
    "ViÖt Nam": "Việt Nam",
    "ñy ban nh©n d©n huyÖn §¨k Hµ": "ủy ban nhân dân huyện Đăk Hà",
    "C«NG TY Cæ PHÇN": "CÔNG TY CỔ PHẦN",
}
VNI = {
    "Coâng ty TNHH Hoøa Bình": "Công ty TNHH Hòa Bình",
    "Vieät Nam": "Việt Nam",
    "Hôïp taùc xaõ Tröôøng Sôn": "Hợp tác xã Trường Sơn",
    "Ñaék Laék": "Đắk Lắk",
}


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3.items())
def test_tcvn3_text_is_detected_and_converted(legacy, unicode):
    assert legacy_vn.detect([legacy]) == legacy_vn.TCVN3
    assert legacy_vn.to_unicode(legacy, legacy_vn.TCVN3) == unicode


@pytest.mark.parametrize(("legacy", "unicode"), VNI.items())
def test_vni_text_is_detected_and_converted(legacy, unicode):
    assert legacy_vn.detect([legacy]) == legacy_vn.VNI
    assert legacy_vn.to_unicode(legacy, legacy_vn.VNI) == unicode


@pytest.mark.parametrize(
    "text",
    [
        "Công ty TNHH Hòa Bình",
        "Việt Nam",
        "Hoà Bình, Khánh Hoà",  # old-style tone placement must not look like VNI "oà"
        "Quán cà phê Bình Minh",
        "Tổng số 12 × 3 «đặc biệt»",
        "CONG TY TNHH ABC",
        "Café Paris",
    ],
)
def test_unicode_and_ascii_are_left_alone(text):
    assert legacy_vn.detect([text]) is None
    assert legacy_vn.to_unicode(text, None) == text


def test_xlsx_cells_in_tcvn3_come_out_in_unicode():
    content = xlsx(
        [
            ["Mã số thuế", "Tªn doanh nghiÖp", "§Þa chØ"],
            ["6100123456", "C«ng ty TNHH Hßa B×nh", "ViÖt Nam"],
        ]
    )
    table = read_table(filename="ds.xlsx", content=content)
    assert table.headers == ["Mã số thuế", "Tên doanh nghiệp", "Địa chỉ"]
    assert table.rows[0][1][1:] == ["Công ty TNHH Hòa Bình", "Việt Nam"]
    assert table.encoding == legacy_vn.TCVN3
    assert "TCVN3" in table.encoding_name


def test_csv_bytes_in_vni_come_out_in_unicode():
    text = "Maõ soá thueá;Teân;Ñòa chæ\n6100123456;Coâng ty TNHH Hoøa Bình;Vieät Nam\n"
    table = read_table(filename="ds.csv", content=text.encode("cp1252"))
    assert table.headers == ["Mã số thuế", "Tên", "Địa chỉ"]
    assert table.rows == [(2, ["6100123456", "Công ty TNHH Hòa Bình", "Việt Nam"])]
    assert table.encoding == legacy_vn.VNI


def test_csv_bytes_in_tcvn3_come_out_in_unicode():
    text = "M· sè thuÕ,Tªn,Ghi chó\n6100123456,C«ng ty TNHH Hßa B×nh,ViÖt Nam\n"
    table = read_table(filename="ds.csv", content=text.encode("latin-1"))
    assert table.rows[0][1][1] == "Công ty TNHH Hòa Bình"
    assert table.headers[0] == "Mã số thuế"


def test_csv_in_windows_1258_is_read():
    text = "Mã số thuế;Tên;Địa chỉ\n6100123456;Công ty TNHH Hòa Bình;Việt Nam\n"
    # Excel on a Vietnamese Windows writes "CSV" in cp1258, tone marks as combining characters.
    content = b"".join(cp1258(char) for char in text)
    table = read_table(filename="ds.csv", content=content)
    assert table.headers == ["Mã số thuế", "Tên", "Địa chỉ"]
    assert table.rows[0][1] == ["6100123456", "Công ty TNHH Hòa Bình", "Việt Nam"]


def cp1258(char: str) -> bytes:
    import unicodedata

    try:
        return char.encode("cp1258")
    except UnicodeEncodeError:
        base, *marks = unicodedata.normalize("NFD", char)
        shapes = "".join(m for m in marks if m in "\u0302\u0306\u031b")
        tone = "".join(m for m in marks if m not in shapes)
        return unicodedata.normalize("NFC", base + shapes).encode("cp1258") + tone.encode("cp1258")


def test_utf8_csv_is_unchanged():
    text = "Mã số thuế;Tên;Địa chỉ\n6100123456;Công ty TNHH Hòa Bình;Việt Nam\n"
    table = read_table(filename="ds.csv", content=text.encode("utf-8-sig"))
    assert table.rows[0][1][1] == "Công ty TNHH Hòa Bình"
    assert table.encoding is None


def test_legacy_text_that_cannot_be_told_apart_is_refused_by_name():
    # Both readings are equally plausible: no way to know which letters were meant.
    with pytest.raises(ImportProblems) as caught:
        read_table(
            filename="ds.xlsx", content=xlsx([["Mã", "Tên", "Ghi chú"], ["1", "Tñn", "Bñn"]])
        )
    assert "VNI/TCVN3" in caught.value.messages[0]
    assert "Unicode" in caught.value.messages[0]


def test_two_row_header_with_merged_group_is_joined_and_title_rows_skipped():
    content = xlsx(
        [
            ["DANH SÁCH ĐƠN VỊ NỢ BHXH"],
            ["Đến ngày 31/03/2025"],
            ["Mã đơn vị", "Tên đơn vị", "Số phải đóng", None, "Ghi chú"],
            [None, None, "Đầu kỳ", "Trong kỳ", None],
            ["1", "2", "3", "4", "5"],
            ["TA0001", "Công ty A", "1.234.567", 500, ""],
        ]
    )
    table = read_table(filename="c12.xlsx", content=content)
    assert table.headers == [
        "Mã đơn vị",
        "Tên đơn vị",
        "Số phải đóng Đầu kỳ",
        "Số phải đóng Trong kỳ",
        "Ghi chú",
    ]
    assert table.header_row == 4
    assert table.rows == [(6, ["TA0001", "Công ty A", "1.234.567", 500, None])]


def test_sub_header_alone_when_group_cell_is_empty():
    content = xlsx(
        [
            ["STT", "Tên", "Lao động", None],
            [None, None, "Thuế", "BHXH"],
            [1, "Công ty A", 10, 8],
        ]
    )
    table = read_table(filename="x.xlsx", content=content)
    assert table.headers == ["STT", "Tên", "Lao động Thuế", "Lao động BHXH"]
    content = xlsx([["STT", "Tên", "Mã", None], [None, None, None, "Ghi chú"], [1, "A", "B", "x"]])
    headers = read_table(filename="x.xlsx", content=content).headers
    assert headers == ["STT", "Tên", "Mã", "Ghi chú"]


def test_first_data_row_of_text_is_not_taken_for_a_header():
    content = xlsx([["Tên", "Địa chỉ", "Trạng thái"], ["Công ty A", "Kon Tum", "Hoạt động"]])
    table = read_table(filename="x.xlsx", content=content)
    assert table.headers == ["Tên", "Địa chỉ", "Trạng thái"]
    assert len(table.rows) == 1
