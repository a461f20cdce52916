"""What an import leaves behind besides the plan: a creation entry in each imported task's
history, remembered unit names, and the footnotes of a Word plan as the tasks' legal references."""

from io import BytesIO

from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from ansinh.org.models import Agency
from ansinh.plans.models import Plan
from tests.conftest import login
from tests.plans.test_imports import GOOD_ROWS, kon_tum, preview, template_with, upload  # noqa: F401

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_imported_tasks_and_units_have_a_creation_entry_by_the_importer(client, kon_tum):  # noqa: F811
    user = login(client, "kontum.thuongtruc")
    batch, _ = preview(client, upload(client, kon_tum, "kh.xlsx", template_with(client, GOOD_ROWS)))
    client.post(reverse("plans:import_apply", args=[batch.pk]), {"accept": "1"})
    plan = Plan.objects.get(title="Kế hoạch thử")
    task = plan.tasks.get(number="2")
    entry = LogEntry.objects.get_for_object(task).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == user
    assert entry.changes["content"] == ["None", "Rà soát người chưa có thẻ BHYT"]
    for unit in task.units.all():
        assert LogEntry.objects.get_for_object(unit).filter(action=0, actor=user).count() == 1
    html = client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()
    history = html[html.index("history-title") :]
    assert "Rà soát người chưa có thẻ BHYT" in history and "Quý 2/2024" in history
    assert "Chưa có thay đổi nào" not in history


def test_a_mapped_name_may_be_remembered_for_the_next_import(client, kon_tum):  # noqa: F811
    login(client, "kontum.thuongtruc")
    data = template_with(client, GOOD_ROWS)
    batch, html = preview(client, upload(client, kon_tum, "kh.xlsx", data))
    assert "Ghi nhớ tên này cho cơ quan" in html
    statistics = Agency.objects.get(province=kon_tum.province, key="so-khdt")
    client.post(
        reverse("plans:import_preview", args=[batch.pk]),
        {"map-0": statistics.pk, "remember-0": "1"},
    )
    html = client.get(reverse("plans:import_preview", args=[batch.pk])).content.decode()
    assert 'id="remember-0" checked' in html
    statistics.refresh_from_db()
    assert "Cục Thống kê tỉnh" not in statistics.aliases  # nothing written before confirming
    client.post(reverse("plans:import_apply", args=[batch.pk]))
    statistics.refresh_from_db()
    assert "Cục Thống kê tỉnh" in statistics.aliases
    agency_history = LogEntry.objects.get_for_object(statistics).latest("timestamp")
    assert "aliases" in agency_history.changes
    # The next import recognises the name.
    _, html = preview(client, upload(client, kon_tum, "kh2.xlsx", data, title="Kế hoạch khác"))
    assert "(0 tên chưa nhận ra)" in html
    assert f'Cục Thống kê tỉnh <span class="text-success">→ {statistics.name}' in html


def test_remember_without_a_mapping_adds_no_alias(client, kon_tum):  # noqa: F811
    login(client, "kontum.thuongtruc")
    batch, _ = preview(client, upload(client, kon_tum, "kh.xlsx", template_with(client, GOOD_ROWS)))
    client.post(reverse("plans:import_preview", args=[batch.pk]), {"map-0": "", "remember-0": "1"})
    client.post(reverse("plans:import_apply", args=[batch.pk]), {"accept": "1"})
    assert Plan.objects.filter(title="Kế hoạch thử").exists()
    assert not Agency.objects.filter(aliases__icontains="Cục Thống kê tỉnh").exists()


def _footnote_reference(paragraph, footnote_id: int) -> None:
    paragraph._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{footnote_id}"/></w:r>'
        )
    )


def word_plan_with_footnotes() -> bytes:
    """A Word plan whose task table cites two footnotes, the footnotes part built by hand
    (python-docx cannot write footnotes)."""
    document = Document()
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("Nâng cao hiệu quả.")
    table = document.add_table(rows=4, cols=5)
    header = ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]
    rows = [
        header,
        ["I", "Tuyên truyền", "", "", ""],
        ["1", "Tham mưu kế hoạch truyền thông", "Sở Thông tin và Truyền thông", "", "Quý 2/2024"],
        ["2", "Rà soát người chưa có thẻ BHYT", "Sở Y tế", "", "Thường xuyên"],
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    _footnote_reference(table.rows[2].cells[1].paragraphs[0], 2)
    _footnote_reference(table.rows[3].cells[1].paragraphs[0], 5)
    _footnote_reference(table.rows[3].cells[2].paragraphs[0], 2)  # cited again
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>"
        '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
        "Quyết định số 248/QĐ-UBND</w:t></w:r><w:r><w:t> ngày 10/4/2024.</w:t></w:r></w:p>"
        "</w:footnote>"
        '<w:footnote w:id="5"><w:p><w:r><w:t>Nghị định 75/2023/NĐ-CP.</w:t></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        CT.WML_FOOTNOTES,
        xml.encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_footnotes_in_task_cells_become_legal_references(client, kon_tum):  # noqa: F811
    login(client, "kontum.thuongtruc")
    response = client.post(
        reverse("plans:import_upload"),
        {
            "committee": kon_tum.pk,
            "year": 2024,
            "title": "Kế hoạch có chú thích",
            "file": SimpleUploadedFile("kh.docx", word_plan_with_footnotes()),
        },
    )
    batch, html = preview(client, response)
    assert "1 nhóm, 2 nhiệm vụ" in html
    client.post(reverse("plans:import_apply", args=[batch.pk]), {"accept": "1"})
    plan = Plan.objects.get(title="Kế hoạch có chú thích")
    first, second = plan.tasks.order_by("position")
    assert first.legal_refs == "(1) Quyết định số 248/QĐ-UBND ngày 10/4/2024."
    assert (
        second.legal_refs
        == "(2) Nghị định 75/2023/NĐ-CP.\n(1) Quyết định số 248/QĐ-UBND ngày 10/4/2024."
    )
    assert plan.footnotes == {
        "1": "Quyết định số 248/QĐ-UBND ngày 10/4/2024.",
        "2": "Nghị định 75/2023/NĐ-CP.",
    }
    html = client.get(reverse("plans:task_detail", args=[first.pk])).content.decode()
    assert "(1) Quyết định số 248/QĐ-UBND ngày 10/4/2024." in html
