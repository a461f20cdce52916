"""Editing a plan's own details, deleting tasks and empty groups: who may, what the user sees,
and that every change (deletions included) is in the plan's history."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from ansinh.plans.models import ProgressReport, Task, TaskGroup
from tests.conftest import login

IN_2024 = dt.datetime(2024, 9, 15, 10, 0)
OUTSIDERS = [("kontum.sotttt", 403), ("kontum.lanhdao", 403), ("thanhhoa.thuongtruc", 404)]


def edit_data(plan, **changes):
    data = {
        "kind": plan.kind,
        "title": plan.title,
        "number": plan.number,
        "date": plan.date.strftime("%d/%m/%Y") if plan.date else "",
        "place": plan.place,
        "signer_authority": plan.signer_authority,
        "signer_title": plan.signer_title,
        "signer_name": plan.signer_name,
        "preamble_text": "\n".join(plan.preamble),
        "body_text": (
            "I. MỤC ĐÍCH, YÊU CẦU\nĐoạn một.\nĐoạn hai.\n\nII. TỔ CHỨC THỰC HIỆN\nĐoạn ba."
        ),
        "recipients_text": "Như trên;\nLưu: VT.",
    }
    return {**data, **changes}


def test_standing_officer_edits_the_plans_details_and_history_shows_it(client, plan):
    url = reverse("plans:plan_edit", args=[plan.pk])
    login(client, "kontum.thuongtruc")
    form = client.get(url).content.decode()
    assert plan.title in form and "I. MỤC ĐÍCH, YÊU CẦU" in form
    response = client.post(
        url,
        edit_data(plan, number="99/KH-BCĐ", date="05/03/2024", signer_name="Nguyễn Văn Thử"),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.number == "99/KH-BCĐ" and plan.date == dt.date(2024, 3, 5)
    assert plan.signer_name == "Nguyễn Văn Thử"
    assert plan.body == [
        {"heading": "I. MỤC ĐÍCH, YÊU CẦU", "paragraphs": ["Đoạn một.", "Đoạn hai."]},
        {"heading": "II. TỔ CHỨC THỰC HIỆN", "paragraphs": ["Đoạn ba."]},
    ]
    assert plan.recipients == ["Như trên;", "Lưu: VT."]
    html = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    history = html[html.index("history-title") :]
    assert "99/KH-BCĐ" in history and "Nguyễn Văn Thử" in history
    newest = history.split("<tr>")[2]  # after the header row
    assert "Hệ thống" not in newest  # the officer who edited is named


def test_plan_edit_refuses_a_bad_date_and_an_empty_title(client, plan):
    login(client, "kontum.thuongtruc")
    url = reverse("plans:plan_edit", args=[plan.pk])
    response = client.post(url, edit_data(plan, title="  ", date="31/02/2024"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "text-danger" in html
    plan.refresh_from_db()
    assert plan.title.endswith("năm 2024")


@pytest.mark.parametrize(("username", "status"), OUTSIDERS)
def test_only_the_standing_agency_edits_the_plan(client, plan, username, status):
    login(client, username)
    url = reverse("plans:plan_edit", args=[plan.pk])
    assert client.get(url).status_code == status
    assert client.post(url, edit_data(plan, number="1/KH")).status_code == status
    plan.refresh_from_db()
    assert plan.number != "1/KH"


def test_task_without_reports_is_deleted_after_confirmation(client, plan):
    task = plan.tasks.get(position=2)
    login(client, "kontum.thuongtruc")
    page = client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()
    assert reverse("plans:task_delete", args=[task.pk]) in page
    confirm = client.get(reverse("plans:task_delete", args=[task.pk])).content.decode()
    assert "Xóa nhiệm vụ" in confirm and "báo cáo tiến độ" not in confirm.split("<form")[1][:200]
    assert Task.objects.filter(pk=task.pk).exists()  # looking at the page deletes nothing
    response = client.post(reverse("plans:task_delete", args=[task.pk]))
    assert response.url == reverse("plans:plan_detail", args=[plan.pk])
    assert not Task.objects.filter(pk=task.pk).exists()
    html = client.get(response.url).content.decode()
    assert "75 nhiệm vụ" in html
    history = html[html.index("history-title") :]
    assert f"<strong>nội dung</strong>: {task.content} → (trống)" in history


@time_machine.travel(IN_2024)
def test_task_with_reports_needs_explicit_confirmation(client, plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    task = plan.tasks.get(position=1)
    login(client, "kontum.sotttt")
    client.post(
        reverse("plans:progress_add", args=[task.pk]),
        {
            "period": "2024-quarter-3",
            "text": "Đã làm.",
            "percent": "50",
            "reported_on": "01/09/2024",
        },
    )
    assert ProgressReport.objects.filter(task=task).count() == 1
    login(client, "kontum.thuongtruc")
    url = reverse("plans:task_delete", args=[task.pk])
    confirm = client.get(url).content.decode()
    assert "Nhiệm vụ có 1 báo cáo tiến độ" in confirm and 'name="with_reports"' in confirm
    refused = client.post(url)
    assert refused.status_code == 400
    assert "Đánh dấu ô xác nhận xóa cả các báo cáo" in refused.content.decode()
    assert Task.objects.filter(pk=task.pk).exists()
    response = client.post(url, {"with_reports": "on"})
    assert response.status_code == 302
    assert not Task.objects.filter(pk=task.pk).exists()
    assert not ProgressReport.objects.filter(task_id=task.pk).exists()


@pytest.mark.parametrize(("username", "status"), OUTSIDERS)
def test_only_the_standing_agency_deletes_tasks_and_groups(client, plan, username, status):
    task = plan.tasks.get(position=2)
    group = TaskGroup.objects.create(plan=plan, number="IX", title="Nhóm trống", position=999)
    login(client, username)
    for url in (
        reverse("plans:task_delete", args=[task.pk]),
        reverse("plans:group_delete", args=[group.pk]),
    ):
        assert client.get(url).status_code == status
        assert client.post(url, {"with_reports": "on"}).status_code == status
    assert Task.objects.filter(pk=task.pk).exists()
    assert TaskGroup.objects.filter(pk=group.pk).exists()


def test_a_group_with_tasks_cannot_be_deleted(client, plan):
    group = plan.groups.get(number="I")
    login(client, "kontum.thuongtruc")
    url = reverse("plans:group_delete", args=[group.pk])
    page = client.get(url).content.decode()
    assert "Không xóa được: nhóm còn" in page and 'type="submit">Xóa<' not in page
    response = client.post(url)
    assert response.status_code == 400
    assert "còn" in response.content.decode() and "không xóa được" in response.content.decode()
    assert TaskGroup.objects.filter(pk=group.pk).exists()


def test_an_empty_group_is_deleted_and_the_deletion_is_in_the_history(client, plan):
    login(client, "kontum.thuongtruc")
    client.post(
        reverse("plans:group_create", args=[plan.pk]),
        {"number": "IX", "title": "Nhóm thêm nhầm", "parent": ""},
    )
    group = plan.groups.get(title="Nhóm thêm nhầm")
    detail = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert reverse("plans:group_delete", args=[group.pk]) in detail
    response = client.post(reverse("plans:group_delete", args=[group.pk]))
    assert response.url == reverse("plans:plan_detail", args=[plan.pk])
    assert not TaskGroup.objects.filter(pk=group.pk).exists()
    html = client.get(response.url).content.decode()
    assert "Đã xóa nhóm" in html
    history = html[html.index("history-title") :]
    assert "<strong>tên nhóm</strong>: Nhóm thêm nhầm → (trống)" in history


def test_plan_history_has_a_fixed_number_of_queries(client, plan, django_assert_max_num_queries):
    login(client, "kontum.thuongtruc")
    for position in (3, 4, 5):
        client.post(reverse("plans:task_delete", args=[plan.tasks.get(position=position).pk]))
    with django_assert_max_num_queries(25):
        response = client.get(reverse("plans:plan_detail", args=[plan.pk]))
    assert response.status_code == 200
