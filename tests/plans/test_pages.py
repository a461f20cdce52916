"""The plan, task and agency-task pages as each kind of user sees them."""

import datetime as dt
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from ansinh.plans.models import Plan, ProgressReport
from tests.conftest import login

IN_2024 = dt.datetime(2024, 9, 15, 10, 0)


@pytest.fixture
def task(plan):
    return plan.tasks.get(position=1)  # lead: Sở Thông tin và Truyền thông


@pytest.fixture
def other_task(plan):
    return plan.tasks.filter(lead_text="Sở Tư pháp").first()


def test_plan_list_shows_the_plan_and_actions_to_the_standing_agency(client, plan):
    login(client, "kontum.thuongtruc")
    html = client.get(reverse("plans:plan_list")).content.decode()
    assert "Thực hiện chính sách bảo hiểm xã hội" in html
    assert "Tạo kế hoạch" in html and "Nạp kế hoạch" in html
    login(client, "kontum.sotttt")
    html = client.get(reverse("plans:plan_list")).content.decode()
    assert "Thực hiện chính sách bảo hiểm xã hội" in html and "Tạo kế hoạch" not in html


def test_another_province_sees_no_kon_tum_plan(client, plan, task):
    login(client, "thanhhoa.thuongtruc")
    assert (
        "bảo hiểm thất nghiệp năm 2024"
        not in client.get(reverse("plans:plan_list")).content.decode()
    )
    assert client.get(reverse("plans:plan_detail", args=[plan.pk])).status_code == 404
    assert client.get(reverse("plans:task_detail", args=[task.pk])).status_code == 404
    assert client.get(reverse("plans:plan_export_docx", args=[plan.pk])).status_code == 404


@time_machine.travel(IN_2024)
def test_plan_page_shows_tree_counts_overdue_and_load(client, plan, django_assert_max_num_queries):
    login(client, "kontum.lanhdao")
    with django_assert_max_num_queries(25):
        response = client.get(reverse("plans:plan_detail", args=[plan.pk]))
    html = response.content.decode()
    assert "76 nhiệm vụ" in html
    assert html.count('<h3 class="h6 mb-1">VI ') == 2
    # The Quý 2/2024 task had no report by 15/09/2024: overdue.
    overdue = html[html.index('id="overdue"') : html.index('id="load"')]
    assert "Quá hạn chưa hoàn thành" in html and "hạn 30/06/2024" in overdue
    load = html[html.index('id="load"') :]
    assert "Sở Thông tin và Truyền thông tỉnh Kon Tum" in load
    assert "Sao thành kế hoạch" not in html  # a leader reads only


@time_machine.travel(IN_2024)
def test_task_page_shows_units_as_written_and_concrete_agencies(client, task):
    login(client, "kontum.sotttt")
    html = client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()
    assert "Các Sở, ban, ngành, Hội, đoàn thể liên quan" in html
    assert "Ủy ban nhân dân huyện Đắk Glei" in html
    assert "Báo cáo tiến độ (đơn vị chủ trì)" in html
    assert "Thường xuyên" in html


@time_machine.travel(IN_2024)
def test_lead_records_progress_with_attachment_and_status_follows(client, task, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login(client, "kontum.sotttt")
    pdf = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(
        reverse("plans:progress_add", args=[task.pk]),
        {
            "period": "2024-quarter-3",
            "text": "Đã tham mưu ban hành Kế hoạch truyền thông.",
            "percent": "100",
            "milestone": "",
            "reported_on": "10/09/2024",
            "files": [pdf],
        },
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(task=task)
    assert report.kind == "progress" and report.percent == 100
    assert report.attachments.get().size == len(b"%PDF-1.4 test")
    html = client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()
    assert "Hoàn thành đúng hạn" in html and "bao-cao.pdf" in html
    assert "Lịch sử thay đổi" in html and "báo cáo tiến độ" in html
    download = client.get(reverse("plans:attachment_download", args=[report.attachments.get().pk]))
    assert download.status_code == 200
    login(client, "thanhhoa.thuongtruc")
    assert (
        client.get(
            reverse("plans:attachment_download", args=[report.attachments.get().pk])
        ).status_code
        == 404
    )


@time_machine.travel(IN_2024)
def test_attachment_type_and_size_are_checked(client, task):
    login(client, "kontum.sotttt")
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00", content_type="application/pdf")
    exe = SimpleUploadedFile("a.exe", b"MZ", content_type="application/octet-stream")
    data = {"period": "2024-quarter-3", "text": "x", "percent": "10", "reported_on": "10/09/2024"}
    response = client.post(reverse("plans:progress_add", args=[task.pk]), {**data, "files": [fake]})
    assert response.status_code == 400 and "không phải tệp .pdf" in response.content.decode()
    response = client.post(reverse("plans:progress_add", args=[task.pk]), {**data, "files": [exe]})
    assert "không nhận loại tệp “.exe”" in response.content.decode()
    assert not ProgressReport.objects.exists()


@time_machine.travel(IN_2024)
def test_coordinator_adds_contribution_without_percentage(client, plan):
    task = plan.tasks.get(position=7)  # lead Sở Tư pháp; coordinators include Các Sở, ban, ngành…
    login(client, "kontum.sotttt")
    html = client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()
    assert "Báo cáo phối hợp (đơn vị phối hợp)" in html and 'name="percent"' not in html
    response = client.post(
        reverse("plans:progress_add", args=[task.pk]),
        {
            "period": "2024-quarter-3",
            "text": "Đã đăng tin.",
            "percent": "100",
            "reported_on": "01/09/2024",
        },
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(task=task)
    assert report.kind == "contribution" and report.percent is None


@time_machine.travel(IN_2024)
def test_agency_without_part_and_leader_cannot_report(client, plan):
    task = plan.tasks.get(lead_text="Tỉnh Đoàn")
    data = {"period": "2024-quarter-3", "text": "x", "percent": "50", "reported_on": "01/09/2024"}
    for username in ("kontum.sotttt", "kontum.lanhdao"):
        login(client, username)
        html = client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()
        assert "Gửi báo cáo" not in html
        assert client.post(reverse("plans:progress_add", args=[task.pk]), data).status_code == 403
    assert not ProgressReport.objects.exists()


@time_machine.travel(IN_2024)
def test_my_tasks_lists_led_and_coordinated_tasks_with_filters(
    client, plan, django_assert_max_num_queries
):
    login(client, "kontum.sotttt")
    url = reverse("plans:my_tasks")
    with django_assert_max_num_queries(20):
        html = client.get(url).content.decode()
    assert "Chủ trì" in html and "Phối hợp" in html
    lead_only = client.get(url, {"ke_hoach": plan.pk, "vai_tro": "lead"}).content.decode()
    assert lead_only.count('badge text-bg-primary">Chủ trì') == 6
    assert 'text-bg-light">Phối hợp' not in lead_only
    overdue = client.get(
        url, {"ke_hoach": plan.pk, "trang_thai": "overdue"}, HTTP_HX_REQUEST="true"
    )
    fragment = overdue.content.decode()
    assert "<html" not in fragment and 'id="results"' in fragment
    group = plan.groups.get(number="I")
    in_group = client.get(url, {"ke_hoach": plan.pk, "nhom": group.pk}).content.decode()
    assert "Tham mưu Ủy ban nhân dân tỉnh ban hành Kế hoạch truyền thông" in in_group
    due = client.get(url, {"ke_hoach": plan.pk, "han_den": "30/06/2024"}).content.decode()
    assert "Không có nhiệm vụ nào" in due or "30/06/2024" not in due


@time_machine.travel(IN_2024)
def test_my_tasks_excel_export(client, plan):
    login(client, "kontum.sotttt")
    response = client.get(reverse("plans:my_tasks"), {"ke_hoach": plan.pk, "xuat": "excel"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[2]]
    assert rows and {r[3] for r in rows} == {"Chủ trì", "Phối hợp"}


def test_agency_officer_cannot_look_at_another_agencys_list(client, plan):
    from ansinh.org.models import Agency

    other = Agency.objects.get(province=plan.committee.province, key="so-tu-phap")
    login(client, "kontum.sotttt")
    assert client.get(reverse("plans:my_tasks"), {"co_quan": other.pk}).status_code == 404
    login(client, "kontum.thuongtruc")
    html = client.get(reverse("plans:my_tasks"), {"co_quan": other.pk}).content.decode()
    assert "Sở Tư pháp tỉnh Kon Tum" in html


def test_word_export_has_body_and_appendix_table_in_landscape(client, plan):
    login(client, "kontum.thuongtruc")
    response = client.get(reverse("plans:plan_export_docx", args=[plan.pk]))
    document = Document(BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "I. MỤC ĐÍCH, YÊU CẦU" in text and "PHỤ LỤC 2" in text
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells][:3] == ["STT", "Nội dung", "Đơn vị chủ trì"]
    assert len(table.rows) == 1 + 13 + 76
    assert document.sections[-1].page_width > document.sections[-1].page_height
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_excel_export_of_the_plan(client, plan):
    login(client, "kontum.lanhdao")
    response = client.get(reverse("plans:plan_export_xlsx", args=[plan.pk]))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[1]]
    assert len(rows) == 13 + 76 and rows[0][0] == "I"


@time_machine.travel(IN_2024)
def test_copy_last_years_plan_is_one_action(client, plan):
    login(client, "kontum.sotttt")
    assert client.post(reverse("plans:plan_copy", args=[plan.pk])).status_code == 403
    login(client, "kontum.thuongtruc")
    response = client.post(reverse("plans:plan_copy", args=[plan.pk]))
    copy = Plan.objects.get(year=2025)
    assert response.url == reverse("plans:plan_detail", args=[copy.pk])
    assert copy.title.endswith("năm 2025") and copy.tasks.count() == 76
    assert copy.groups.count() == 13
    assert copy.tasks.get(timeframe="Quý 2/2025").due_date == dt.date(2025, 6, 30)
    assert not ProgressReport.objects.filter(task__plan=copy).exists()
    first = copy.tasks.get(position=1)
    assert first.units.count() == plan.tasks.get(position=1).units.count()


def test_only_standing_agency_edits_tasks_and_changes_are_in_history(client, task):
    url = reverse("plans:task_edit", args=[task.pk])
    login(client, "kontum.sotttt")
    assert client.get(url).status_code == 403
    login(client, "kontum.thuongtruc")
    response = client.post(
        url,
        {
            "group": task.group_id,
            "number": task.number,
            "content": task.content,
            "lead_text": "Sở Thông tin và Truyền thông, Sở Tư pháp",
            "coordinators_text": task.coordinators_text,
            "timeframe": "Quý 3/2024",
            "legal_refs": "",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.due_date == dt.date(2024, 9, 30) and not task.recurring
    assert task.units.filter(role="lead").count() == 2  # several lead units
    html = client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()
    history = html[html.index("history-title") :]
    assert "Quý 3/2024" in history and "Sở Tư pháp" in history


@time_machine.travel(IN_2024)
def test_pages_render_without_undefined_variables(client, plan, task):
    login(client, "kontum.thuongtruc")
    urls = [
        reverse("plans:plan_list"),
        reverse("plans:plan_detail", args=[plan.pk]),
        reverse("plans:task_detail", args=[task.pk]),
        reverse("plans:task_edit", args=[task.pk]),
        reverse("plans:task_create", args=[plan.pk]),
        reverse("plans:group_create", args=[plan.pk]),
        reverse("plans:plan_create"),
        reverse("plans:import_upload"),
        reverse("plans:my_tasks"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "INVALID" not in response.content.decode(), url
    fragment = client.get(reverse("plans:plan_list"), {"nam": "2024"}, HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode() and "năm 2024" in fragment.content.decode()


def test_standing_officer_creates_an_empty_plan_and_a_duplicate_is_refused(client, plan):
    from ansinh.plans.models import Plan

    login(client, "kontum.thuongtruc")
    data = {
        "committee": plan.committee_id,
        "year": 2025,
        "kind": "KẾ HOẠCH",
        "title": "Thực hiện chính sách BHXH năm 2025",
        "number": "",
        "place": "Kon Tum",
    }
    response = client.post(reverse("plans:plan_create"), data)
    created = Plan.objects.get(year=2025)
    assert response.status_code == 302 and created.place == "Kon Tum"
    again = client.post(reverse("plans:plan_create"), data)
    assert again.status_code == 200 and Plan.objects.filter(year=2025).count() == 1
