"""The BHXH office's statement of insured units and arrears: loading it (all or nothing, bad
cells named by row and column), what it does to employers, and its pages."""

import datetime as dt
import io
import re

import pytest
import time_machine
from auditlog.models import LogEntry
from django.urls import reverse
from openpyxl import load_workbook

from ansinh.compliance.enums import ArrearsClass
from ansinh.compliance.models import ArrearsLine, ArrearsStatement, Employer
from ansinh.compliance.services_arrears import arrears_import
from ansinh.org.models import AdminUnit
from ansinh.targets.importers.common import ImportProblems
from tests.compliance.arrears_files import UNITS, csv_bytes, xlsx
from tests.conftest import login

AS_OF = dt.date(2026, 11, 30)
NOW = dt.datetime(2026, 12, 3, 9, 0)


@pytest.fixture
def kon_tum(seed):
    return AdminUnit.objects.get(code="62", edition="2024")


def load(province, content=None, *, as_of=AS_OF, filename="c12.xlsx", **kwargs):
    return arrears_import(
        province=province, as_of=as_of, filename=filename,
        content=content if content is not None else xlsx(UNITS), user=None, **kwargs,
    )  # fmt: skip


def problems_of(province, rows, **kwargs) -> list[str]:
    with pytest.raises(ImportProblems) as caught:
        load(province, xlsx(rows), **kwargs)
    return caught.value.messages


def test_statement_lines_carry_class_interest_and_the_disagreeing_flag(kon_tum):
    statement = load(kon_tum)
    lines = {
        line.employer.insurer_code: line for line in statement.lines.select_related("employer")
    }
    assert statement.row_count == 4 and statement.disagreeing_rows == 1
    assert statement.total_closing == 165_001_000
    first = lines["TA0001"]
    assert (first.months_late, first.arrears_class) == (3, ArrearsClass.FROM_3)
    assert first.interest == 273_000  # October 30 days + September 61 days at 0,03 %/ngày
    assert lines["TA0002"].arrears_class == ArrearsClass.NONE and lines["TA0002"].interest == 0
    third = lines["TA0003"]
    assert (
        third.disagrees and third.closing == 130_001_000 and third.computed_closing == 130_000_000
    )
    assert third.arrears_class == ArrearsClass.OVER_12
    assert lines["TA0004"].arrears_class == ArrearsClass.UNDER_3  # adjustment −500.000 counted
    assert statement.total_interest == sum(line.interest for line in lines.values())
    employer = Employer.objects.get(province=kon_tum, insurer_code="TA0001")
    assert employer.tax_code == "6100123456" and employer.insured_headcount == 25
    assert employer.admin_unit.name == "Thành phố Kon Tum" and employer.name_key == "hoa binh"
    assert Employer.objects.get(insurer_code="TA0003").admin_unit.code == "615"  # "Đắk Hà"


def test_a_two_row_merged_header_and_a_csv_read_the_same(kon_tum):
    merged = load(kon_tum, xlsx(UNITS, merged=True))
    assert merged.total_closing == 165_001_000 and merged.disagreeing_rows == 1
    other = load(kon_tum, csv_bytes(UNITS), as_of=dt.date(2026, 10, 31), filename="c12.csv")
    assert other.total_closing == 165_001_000
    assert other.lines.get(employer__insurer_code="TA0004").adjustments == -500_000


def test_bad_cells_are_named_by_row_and_column_and_nothing_is_written(kon_tum):
    rows = [list(r) for r in UNITS]
    rows[0][9] = "ba mươi triệu"  # closing written in words
    rows[1][0] = ""  # no unit code
    rows[2][0] = "TA0001"  # the first unit again
    rows[3][3] = "61001234"  # tax code too short
    rows.append(["TA0005", "HTX Nông nghiệp Ngọc Hồi", "Ngọc Hồi", "", "Huyện Ngọc Hồi",
                 "-1.000", "0", "0", "-5", "0", "", ""])  # fmt: skip
    before = Employer.objects.count()
    messages = problems_of(kon_tum, rows)
    assert "dòng 4, cột Số phải đóng cuối kỳ: “ba mươi triệu” không phải là số" in messages[0]
    assert "dòng 5, cột Mã đơn vị: thiếu mã đơn vị" in messages
    assert "dòng 6, cột Mã đơn vị: mã đơn vị “TA0001” trùng với dòng 4" in messages
    assert any(m.startswith("dòng 7, cột Mã số thuế: mã số thuế “61001234”") for m in messages)
    assert "dòng 8, cột Số phải đóng đầu kỳ: số tiền không được âm (-1.000)" in messages
    assert "dòng 8, cột Số đã đóng: số tiền không được âm (-5)" in messages
    assert Employer.objects.count() == before and not ArrearsStatement.objects.exists()


def test_a_missing_column_is_named(kon_tum):
    header = [h for h in xlsx.__globals__["HEADER"] if h != "Số đã đóng"]
    rows = [r[:8] + r[9:] for r in UNITS]
    with pytest.raises(ImportProblems, match="không thấy cột “Số đã đóng”"):
        load(kon_tum, xlsx(rows, header=header))


def test_same_date_is_refused_unless_replaced_whole_and_changes_are_in_history(kon_tum):
    load(kon_tum)
    rows = [list(r) for r in UNITS[:2]]
    rows[0][1] = "Công ty TNHH Hòa Bình Kon Tum"  # renamed
    with pytest.raises(ImportProblems, match="đã có bảng số liệu nợ tại ngày 30/11/2026"):
        load(kon_tum, xlsx(rows))
    assert ArrearsLine.objects.filter(statement__province=kon_tum).count() == 4
    statement = load(kon_tum, xlsx(rows), replace=True)
    assert ArrearsStatement.objects.filter(province=kon_tum).get() == statement
    assert statement.lines.count() == 2
    employer = Employer.objects.get(insurer_code="TA0001")
    assert employer.name == "Công ty TNHH Hòa Bình Kon Tum"
    entry = LogEntry.objects.get_for_object(employer).filter(action=LogEntry.Action.UPDATE).get()
    assert "Công ty TNHH Hòa Bình Kon Tum" in str(entry.changes)


def test_an_employer_known_by_its_tax_code_takes_the_unit_code(kon_tum):
    known = Employer.objects.create(province=kon_tum, tax_code="6100234567", name="Sông Đà")
    load(kon_tum)
    known.refresh_from_db()
    assert known.insurer_code == "TA0002" and known.name == "Công ty CP Xây dựng Sông Đà"
    clash = Employer.objects.create(
        province=kon_tum, tax_code="6100999999", insurer_code="XX0001", name="Đơn vị khác"
    )
    rows = [list(r) for r in UNITS]
    rows[0][3] = clash.tax_code
    messages = problems_of(kon_tum, rows, replace=True)
    assert messages == [
        "dòng 4, cột Mã số thuế: mã số thuế “6100999999” đã thuộc đơn vị “Đơn vị khác” "
        "(mã BHXH XX0001) trong tỉnh"
    ]


# Pages ---------------------------------------------------------------------------------------


def text(response) -> str:
    html = response.content.decode()
    assert "INVALID" not in html, "undefined template variable"
    return re.sub(r"\s+", " ", html)


@time_machine.travel(NOW)
def test_standing_agency_uploads_previews_and_confirms(client, kon_tum):
    login(client, "kontum.thuongtruc")
    upload = reverse("compliance:arrears_upload")
    response = client.post(
        f"{upload}?tinh={kon_tum.pk}",
        {"as_of": "30/11/2026", "period_months": "1", "file": _file(xlsx(UNITS))},
    )
    assert response.status_code == 302
    page = text(client.get(response.url))
    assert "4 đơn vị, 3 đơn vị còn nợ" in page and "165.001.000" in page
    assert "1 dòng có số phải đóng cuối kỳ khác" in page and "TA0003" in page
    assert not ArrearsStatement.objects.exists()  # nothing written before the confirmation
    confirm = client.post(response.url.rstrip("/") + "/xac-nhan/")
    statement = ArrearsStatement.objects.get(province=kon_tum)
    assert confirm.url == reverse("compliance:arrears_statement", args=[statement.pk])
    assert statement.batch is not None

    again = client.post(
        f"{upload}?tinh={kon_tum.pk}",
        {"as_of": "30/11/2026", "period_months": "1", "file": _file(xlsx(UNITS[:1]))},
    )
    preview = text(client.get(again.url))
    assert "Đã có bảng số liệu nợ tại ngày 30/11/2026" in preview
    client.post(again.url.rstrip("/") + "/xac-nhan/")  # not ticked: refused, nothing changes
    assert ArrearsStatement.objects.get(province=kon_tum).row_count == 4


def test_upload_problems_are_listed_in_the_preview(client, kon_tum):
    login(client, "kontum.thuongtruc")
    rows = [list(r) for r in UNITS]
    rows[1][5] = "mười triệu"
    response = client.post(
        f"{reverse('compliance:arrears_upload')}?tinh={kon_tum.pk}",
        {"as_of": "31/13/2026", "period_months": "1", "file": _file(xlsx(rows))},
    )
    assert "“31/13/2026” không phải ngày" in text(response)
    response = client.post(
        f"{reverse('compliance:arrears_upload')}?tinh={kon_tum.pk}",
        {"as_of": "30/11/2026", "period_months": "1", "file": _file(xlsx(rows))},
    )
    page = text(client.get(response.url))
    assert "Tệp có 1 lỗi" in page and "dòng 5, cột Số phải đóng đầu kỳ" in page


def _file(content: bytes, name="c12.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_statement_page_figures_filters_and_exports(client, kon_tum):
    statement = load(kon_tum)
    login(client, "kontum.lanhdao")  # leaders read
    url = reverse("compliance:arrears_statement", args=[statement.pk])
    page = text(client.get(url))
    by_class = page.split('id="by-class"')[1].split("</table>")[0]
    assert 'Từ 3 đến dưới 6 tháng</a></td><td class="text-end">1</td>' in by_class
    assert 'Tổng cộng (Σ)</td><td class="text-end">4</td>' in by_class
    by_locality = page.split('id="by-locality"')[1].split("</table>")[0]
    assert "Huyện Đăk Hà" in by_locality and "Thành phố Kon Tum" in by_locality
    assert "0,03%/ngày" in page and "41/2024/QH15" in page
    assert "Nạp bảng mới" not in page

    dak_ha = AdminUnit.objects.get(code="615", edition="2024")
    filtered = text(client.get(url, {"dia_ban": dak_ha.pk, "nhom": "no"}))
    assert "Minh Phát" in filtered and "Hòa Bình" not in filtered and "Sông Đà" not in filtered
    disagreeing = text(client.get(url, {"lech": "on"}))
    assert (
        "Minh Phát" in disagreeing and "lệch 1.000" in disagreeing and "Sông Đà" not in disagreeing
    )
    found = text(client.get(url, {"q": "hoa binh"}))
    assert "Hòa Bình" in found and "Minh Phát" not in found

    export = client.get(url, {"nhom": "no", "xuat": "xlsx"})
    workbook = load_workbook(io.BytesIO(export.content))
    assert workbook.sheetnames == ["Tổng hợp", "Các đơn vị"]
    names = [row[2] for row in workbook["Các đơn vị"].iter_rows(min_row=5, values_only=True)]
    assert len(names) == 3 and "Công ty CP Xây dựng Sông Đà" not in names
    per_locality = client.get(url, {"xuat": "xlsx", "theo": "dia-ban"})
    sheets = load_workbook(io.BytesIO(per_locality.content)).sheetnames
    assert sheets == ["Tổng hợp", "Huyện Đăk Hà", "Thành phố Kon Tum"]


def test_statement_list_shows_each_upload(client, kon_tum):
    load(kon_tum)
    login(client, "kontum.thuongtruc")
    page = text(client.get(reverse("compliance:arrears_list"), {"tinh": kon_tum.pk}))
    assert "30/11/2026" in page and "165.001.000" in page and "Nạp bảng số liệu nợ" in page


def test_who_may_open_the_pages(client, kon_tum):
    statement = load(kon_tum)
    detail = reverse("compliance:arrears_statement", args=[statement.pk])
    listing = f"{reverse('compliance:arrears_list')}?tinh={kon_tum.pk}"
    upload = f"{reverse('compliance:arrears_upload')}?tinh={kon_tum.pk}"
    assert client.get(detail).status_code == 302  # anonymous: to the login page
    login(client, "kontum.lanhdao")
    assert client.get(detail).status_code == 200 and client.get(upload).status_code == 403
    for username in ("kontum.sokhdt", "kontum.dakha", "kontum.soyte"):
        login(client, username)
        assert client.get(detail).status_code == 403, username
        assert client.get(listing).status_code == 403, username
    login(client, "thanhhoa.thuongtruc")
    assert client.get(detail).status_code == 404 and client.get(listing).status_code == 404
    login(client, "kontum.thuongtruc")
    assert "Số liệu tại ngày" in text(client.get(upload))


def test_statement_page_query_budget(client, kon_tum, django_assert_max_num_queries):
    statement = load(kon_tum)
    login(client, "kontum.thuongtruc")
    url = reverse("compliance:arrears_statement", args=[statement.pk])
    client.get(url)  # warm the session and content types
    with django_assert_max_num_queries(14):
        page = client.get(url, {"nhom": "no"})
    assert page.status_code == 200 and "Minh Phát" in page.content.decode()
