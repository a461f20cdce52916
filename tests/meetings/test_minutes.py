"""Minutes of a held meeting (.docx) and conclusions turned into plan tasks."""

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from ansinh.meetings import services
from ansinh.meetings.models import ConclusionTask
from ansinh.meetings.services.conclusions import GROUP_TITLE
from ansinh.org.models import Agency
from ansinh.plans.enums import UnitRole
from ansinh.plans.models import Task
from ansinh.plans.services import plan_create
from tests.conftest import login
from tests.meetings.conftest import TODAY, committee, schedule, seat
from tests.meetings.test_decisions import ON_THE_DAY, held

AFTER = ON_THE_DAY + dt.timedelta(hours=3)


@pytest.fixture
def concluded(seed):
    """The held Thanh Hóa meeting with a decision taken by majority and a conclusion."""
    meeting, decision = held(committee("38"))
    th = meeting.committee
    choices = {
        seat(th, "ubnd-tinh", "chair").pk: "Đồng ý",
        seat(th, "so-y-te").pk: "Đồng ý",
        seat(th, "so-tai-chinh").pk: "Không đồng ý",
    }
    with time_machine.travel(ON_THE_DAY):
        decision = services.decision_record(
            decision=decision,
            choices=choices,
            user=None,
            conclusion="Giao Sở Y tế chủ trì kiểm tra việc khám chữa bệnh BHYT.",
        )
    return meeting, decision


@pytest.fixture
def plan_2026(concluded):
    meeting, _ = concluded
    return plan_create(
        committee=meeting.committee, year=2026, title="Triển khai chính sách BHXH", user=None
    )


def agency(key: str) -> Agency:
    return Agency.objects.get(province__code="38", province__edition="2024", key=key)


def docx_text(response) -> str:
    document = Document(io.BytesIO(response.content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(lines)


def task_post(lead="so-y-te", coordinators=("so-tai-chinh",), due="30/09/2026"):
    return {
        "content": "Kiểm tra việc khám chữa bệnh BHYT tại 10 cơ sở",
        "lead": agency(lead).pk,
        "coordinators": [agency(key).pk for key in coordinators],
        "due_date": due,
    }


@time_machine.travel(AFTER)
def test_minutes_name_attendance_substitutes_tally_rule_and_conclusion(client, concluded):
    meeting, _ = concluded
    login(client, "thanhhoa.thuongtruc")
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert reverse("meetings:minutes_docx", args=[meeting.pk]) in page
    response = client.get(reverse("meetings:minutes_docx", args=[meeting.pk]))
    assert response.status_code == 200
    text = docx_text(response)
    assert "BIÊN BẢN" in text
    assert "Thành viên vắng mặt có phép: 1/" in text
    assert "Thành viên vắng mặt, có người họp thay: 1/" in text
    assert "người họp thay: Lê Văn Hùng, Trưởng phòng" in text
    assert "Báo cáo kết quả quý I" in text
    assert "Số ý kiến được tính — Đồng ý: 2; Không đồng ý: 1." in text
    assert "Kết quả: Đồng ý (theo đa số)." in text
    assert "được 2/3 ý kiến của thành viên có mặt biểu quyết, quá một nửa" in text
    assert "Giao Sở Y tế chủ trì kiểm tra việc khám chữa bệnh BHYT." in text


@time_machine.travel(AFTER)
def test_minutes_for_leaders_not_for_members_nor_other_provinces(client, concluded):
    meeting, _ = concluded
    url = reverse("meetings:minutes_docx", args=[meeting.pk])
    login(client, "thanhhoa.lanhdao")
    assert client.get(url).status_code == 200
    login(client, "thanhhoa.soyte")
    assert client.get(url).status_code == 403
    login(client, "kontum.thuongtruc")
    assert client.get(url).status_code == 404


def test_no_minutes_before_the_meeting_is_held(client, seed):
    with time_machine.travel(TODAY):
        meeting = schedule(committee("38"))
        login(client, "thanhhoa.thuongtruc")
        response = client.get(reverse("meetings:minutes_docx", args=[meeting.pk]), follow=True)
    assert "biên bản chỉ lập cho cuộc họp đã họp" in response.content.decode()


@time_machine.travel(AFTER)
def test_a_task_without_the_years_plan_is_refused_naming_the_plan(client, concluded):
    meeting, decision = concluded
    login(client, "thanhhoa.thuongtruc")
    url = reverse("meetings:conclusion_task_create", args=[meeting.pk, decision.pk])
    response = client.post(url, task_post())
    assert response.status_code == 200
    assert "Chưa có kế hoạch năm 2026 của" in response.content.decode()
    assert not Task.objects.exists() and not ConclusionTask.objects.exists()


@time_machine.travel(AFTER)
def test_a_conclusion_becomes_a_plan_task_seen_by_the_lead_agency(client, plan_2026, concluded):
    meeting, decision = concluded
    login(client, "thanhhoa.thuongtruc")
    url = reverse("meetings:conclusion_task_create", args=[meeting.pk, decision.pk])
    assert "Giao Sở Y tế chủ trì" in client.get(url).content.decode()  # the conclusion prefilled
    response = client.post(url, task_post())
    assert response.status_code == 302
    task = Task.objects.get()
    assert task.plan == plan_2026 and task.group.title == GROUP_TITLE
    assert task.due_date == dt.date(2026, 9, 30)
    units = {(u.role, u.agency.key) for u in task.units.select_related("agency")}
    assert units == {(UnitRole.LEAD, "so-y-te"), (UnitRole.COORDINATOR, "so-tai-chinh")}
    assert ConclusionTask.objects.get().decision == decision
    client.post(url, task_post(lead="so-tai-chinh", coordinators=()))
    assert plan_2026.groups.filter(title=GROUP_TITLE).count() == 1  # the group is reused
    decision_page = client.get(response.url).content.decode()
    assert "Kiểm tra việc khám chữa bệnh BHYT tại 10 cơ sở" in decision_page
    detail = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Tạo nhiệm vụ từ kết luận" in detail  # the link is in the meeting's history
    minutes = docx_text(client.get(reverse("meetings:minutes_docx", args=[meeting.pk])))
    assert "Chủ trì: Sở Y tế" in minutes and "hạn hoàn thành: 30/09/2026" in minutes
    login(client, "thanhhoa.soyte")
    mine = client.get(reverse("plans:my_tasks")).content.decode()
    assert "Kiểm tra việc khám chữa bệnh BHYT tại 10 cơ sở" in mine


@time_machine.travel(AFTER)
def test_a_due_date_before_the_meeting_is_refused(client, plan_2026, concluded):
    meeting, decision = concluded
    login(client, "thanhhoa.thuongtruc")
    url = reverse("meetings:conclusion_task_create", args=[meeting.pk, decision.pk])
    response = client.post(url, task_post(due="01/03/2026"))
    assert "Hạn hoàn thành: ngày 01/03/2026 trước ngày họp 20/03/2026." in (
        response.content.decode()
    )
    assert not Task.objects.exists()


@time_machine.travel(AFTER)
def test_only_the_standing_agency_gives_tasks(client, plan_2026, concluded):
    meeting, decision = concluded
    url = reverse("meetings:conclusion_task_create", args=[meeting.pk, decision.pk])
    login(client, "thanhhoa.lanhdao")
    assert client.post(url, task_post()).status_code == 403
    login(client, "thanhhoa.soyte")
    assert client.get(url).status_code == 403
    assert not Task.objects.exists()
