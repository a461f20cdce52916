"""The round's proposals: filtered list with pagination, Excel with status and facts, .docx."""

import io

import time_machine
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from ansinh.rewards import services
from tests.conftest import login
from tests.rewards.conftest import DURING, propose


@time_machine.travel(DURING)
def test_round_page_filters_pages_and_exports(client, kt_round):
    for index in range(26):
        proposal = propose(kt_round, proposer="bhxh-tinh", person=f"Cán bộ số {index + 1:02d}")
    services.proposal_transition(proposal=proposal, action="submit", user=None)
    locality = propose(kt_round, proposer="bhxh-tinh", locality="615")
    login(client, "kontum.thuongtruc")
    url = reverse("rewards:round_detail", args=[kt_round.pk])
    html = client.get(url).content.decode()
    assert "Trang 1/2" in html and "Cán bộ số 01" in html and "Huyện Đăk Hà" not in html
    partial = client.get(url + "?trang-thai=submitted", headers={"HX-Request": "true"})
    text = partial.content.decode()
    assert text.lstrip().startswith('<div id="results"')
    assert "Cán bộ số 26" in text and "Cán bộ số 01" not in text
    assert (
        "Không có đề nghị ở trạng thái này"
        in client.get(url + "?trang-thai=approved").content.decode()
    )

    export = client.get(reverse("rewards:round_export", args=[kt_round.pk]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet.max_row == 4 + 27
    rows = {row[2]: row for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert rows["Huyện Đăk Hà"][6] == "Dự thảo"
    assert "Chưa kiểm tra được — chưa có dữ liệu nợ đóng" in rows["Huyện Đăk Hà"][8]
    assert rows["Cán bộ số 26, Sở Y tế"][6] == "Đã gửi, chờ thẩm định"

    response = client.get(reverse("rewards:round_docx", args=[kt_round.pk]))
    document = Document(io.BytesIO(response.content))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "DANH SÁCH" in body and "năm 2024" in body
    assert locality.nominee_label in cells and "Bằng khen của Chủ tịch UBND tỉnh" in cells
