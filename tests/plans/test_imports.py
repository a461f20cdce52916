"""Loading a plan from Excel, Word or YAML: preview first, problems named by row and column,
unknown names mapped on the spot, one transaction on confirm."""

from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from openpyxl import Workbook, load_workbook

from ansinh.core.models import ImportBatch
from ansinh.org.models import Agency, Committee
from ansinh.plans.models import Plan, Task
from tests.conftest import login

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def kon_tum(seed):
    return Committee.objects.get(province__code="62", key="bcd-tinh")


def template_with(client, rows) -> bytes:
    response = client.get(reverse("plans:import_template"))
    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook["Kế hoạch"]
    sheet.delete_rows(5, sheet.max_row)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, committee, name, data, *, year=2024, title="Kế hoạch thử"):
    return client.post(
        reverse("plans:import_upload"),
        {
            "committee": committee.pk,
            "year": year,
            "title": title,
            "file": SimpleUploadedFile(name, data, content_type=XLSX),
        },
    )


def preview(client, response) -> tuple[ImportBatch, str]:
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ImportBatch.objects.latest("pk")
    return batch, client.get(response.url).content.decode()


GOOD_ROWS = [
    ["I", "", "Tuyên truyền", "", "", "", ""],
    [
        "",
        "1",
        "Tham mưu kế hoạch truyền thông",
        "Sở Thông tin và Truyền thông",
        "Bảo hiểm xã hội tỉnh, Ủy ban nhân dân các huyện, thành phố",
        "Thường xuyên",
        "",
    ],
    ["a)", "", "Nhóm con", "", "", "", ""],
    [
        "",
        "2",
        "Rà soát người chưa có thẻ BHYT",
        "Bảo hiểm xã hội tỉnh, Sở Y tế",
        "Cục Thống kê tỉnh",
        "Quý 2/2024",
        "Nghị định 75/2023/NĐ-CP",
    ],
]


def test_excel_template_upload_preview_map_and_apply(client, kon_tum):
    login(client, "kontum.thuongtruc")
    batch, html = preview(
        client, upload(client, kon_tum, "kh.xlsx", template_with(client, GOOD_ROWS))
    )
    assert "2 nhóm, 2 nhiệm vụ" in html
    assert "→ Sở Thông tin và Truyền thông tỉnh Kon Tum" in html
    assert "Cục Thống kê tỉnh" in html and "chưa nhận ra" in html
    assert not Plan.objects.filter(title="Kế hoạch thử").exists()  # nothing written yet
    # Confirming without mapping or accepting is refused.
    client.post(reverse("plans:import_apply", args=[batch.pk]))
    assert not Plan.objects.filter(title="Kế hoạch thử").exists()
    # Map the unknown name to an agency on the spot, then confirm.
    statistics = Agency.objects.get(province=kon_tum.province, key="so-khdt")
    client.post(reverse("plans:import_preview", args=[batch.pk]), {"map-0": statistics.pk})
    response = client.post(reverse("plans:import_apply", args=[batch.pk]))
    plan = Plan.objects.get(title="Kế hoạch thử")
    assert response.url == reverse("plans:plan_detail", args=[plan.pk])
    task = plan.tasks.get(number="2")
    assert task.group.number == "a)" and task.group.parent.number == "I"
    assert task.units.filter(role="lead").count() == 2
    assert task.units.get(name="Cục Thống kê tỉnh").agency == statistics
    assert task.legal_refs == "Nghị định 75/2023/NĐ-CP"
    # Applying again does nothing.
    client.post(reverse("plans:import_apply", args=[batch.pk]))
    assert Plan.objects.filter(title="Kế hoạch thử").count() == 1


def test_workbook_with_a_missing_column_is_refused(client, kon_tum):
    login(client, "kontum.thuongtruc")
    workbook = Workbook()
    workbook.active.append(["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian thực hiện"])
    workbook.active.append(["1", "Việc", "Sở Y tế", "Quý 2/2024"])
    buffer = BytesIO()
    workbook.save(buffer)
    batch, html = preview(client, upload(client, kon_tum, "thieu.xlsx", buffer.getvalue()))
    assert "dòng 1: thiếu cột “Đơn vị phối hợp”" in html
    assert batch.status == "rejected" and "Xác nhận nạp" not in html


def test_row_problems_are_named_and_may_be_accepted(client, kon_tum):
    login(client, "kontum.thuongtruc")
    rows = [
        ["", "1", "Việc không có chủ trì", "", "Sở Y tế", "Quý 2/2024", ""],
        ["", "2", "Việc có thời gian lạ", "Sở Y tế", "", "Khi có yêu cầu", ""],
    ]
    batch, html = preview(client, upload(client, kon_tum, "loi.xlsx", template_with(client, rows)))
    assert "dòng 5, cột Đơn vị chủ trì: nhiệm vụ không có đơn vị chủ trì" in html
    assert "dòng 6, cột Thời gian thực hiện: không hiểu thời gian “Khi có yêu cầu”" in html
    client.post(reverse("plans:import_apply", args=[batch.pk]))
    assert not Plan.objects.filter(title="Kế hoạch thử").exists()
    client.post(reverse("plans:import_apply", args=[batch.pk]), {"accept": "1"})
    plan = Plan.objects.get(title="Kế hoạch thử")
    odd = plan.tasks.get(number="2")
    assert odd.timeframe == "Khi có yêu cầu" and odd.due_date is None


def test_word_plan_round_trip_through_the_export(client, plan):
    login(client, "kontum.thuongtruc")
    exported = client.get(reverse("plans:plan_export_docx", args=[plan.pk])).content
    response = client.post(
        reverse("plans:import_upload"),
        {
            "committee": plan.committee_id,
            "year": 2025,
            "title": "",
            "file": SimpleUploadedFile("ke-hoach.docx", exported),
        },
    )
    batch, html = preview(client, response)
    assert "13 nhóm, 76 nhiệm vụ" in html and "(0 tên chưa nhận ra)" in html
    client.post(reverse("plans:import_apply", args=[batch.pk]), {"accept": "1"})
    copy = Plan.objects.get(year=2025)
    assert list(copy.groups.order_by("position").values_list("number", flat=True)) == list(
        plan.groups.order_by("position").values_list("number", flat=True)
    )
    original = list(plan.tasks.order_by("position").values_list("number", "content", "timeframe"))
    assert list(copy.tasks.order_by("position").values_list("number", "content", "timeframe")) == (
        original
    )
    assert copy.body and copy.body[0]["heading"] == "I. MỤC ĐÍCH, YÊU CẦU"


def test_word_file_without_a_task_table_is_refused(client, kon_tum):
    login(client, "kontum.thuongtruc")
    document = Document()
    document.add_paragraph("KẾ HOẠCH không có phụ lục")
    buffer = BytesIO()
    document.save(buffer)
    _, html = preview(client, upload(client, kon_tum, "kh.docx", buffer.getvalue()))
    assert "Không tìm thấy bảng nhiệm vụ" in html


def test_yaml_upload_of_an_existing_plan_is_refused(client, plan):
    login(client, "kontum.thuongtruc")
    data = (Path(settings.SEED_DATA_DIR) / "plans" / "kon-tum-2024.yaml").read_bytes()
    _, html = preview(client, upload(client, plan.committee, "kon-tum-2024.yaml", data))
    assert "Ban Chỉ đạo đã có kế hoạch năm 2024" in html
    assert Task.objects.count() == 76


def test_only_standing_officers_load_plans(client, kon_tum):
    for username in ("kontum.sotttt", "kontum.lanhdao"):
        login(client, username)
        assert client.get(reverse("plans:import_upload")).status_code == 403
        assert client.get(reverse("plans:plan_create")).status_code == 403
    login(client, "thanhhoa.thuongtruc")
    response = upload(client, kon_tum, "kh.xlsx", b"x")
    assert response.status_code == 200  # Kon Tum is not among the committees offered
    assert not ImportBatch.objects.exists()
