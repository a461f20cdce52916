"""Who sees and does what, the meeting list with its Excel export, the rules page, the demo."""

import datetime as dt
import io

import time_machine
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from ansinh.meetings import services
from ansinh.meetings.enums import MeetingKind, MeetingStatus
from ansinh.meetings.models import Decision, Meeting, MeetingRules
from tests.conftest import login
from tests.meetings.conftest import MEETING_DAY, TODAY, committee, schedule


@time_machine.travel(TODAY)
def test_who_may_see_and_manage_a_meeting(client, seed):
    th, kt = committee("38"), committee("62")
    draft = schedule(th, title="Họp dự thảo")
    sent = schedule(kt, title="Họp Kon Tum")
    services.invitations_send(meeting=sent, user=None)
    detail = reverse("meetings:meeting_detail", args=[draft.pk])
    kt_detail = reverse("meetings:meeting_detail", args=[sent.pk])

    client.logout()
    assert client.get(detail).status_code == 302  # to the login page
    login(client, "kontum.thuongtruc")
    assert client.get(detail).status_code == 404  # another province's meeting does not exist
    login(client, "thanhhoa.soyte")
    assert client.get(detail).status_code == 403  # a draft is not yet sent to the members
    login(client, "thanhhoa.lanhdao")
    assert client.get(detail).status_code == 200
    assert client.post(reverse("meetings:meeting_send", args=[draft.pk])).status_code == 403
    login(client, "kontum.sotttt")
    assert client.get(kt_detail).status_code == 200  # invited: Sở TT&TT holds a seat
    assert client.get(reverse("meetings:attendance", args=[sent.pk])).status_code == 403
    login(client, "kontum.dakha")
    assert client.get(kt_detail).status_code == 403  # UBND huyện Đăk Hà is not a member
    assert (
        "Không có cuộc họp sắp tới" in client.get(reverse("meetings:meeting_list")).content.decode()
    )


@time_machine.travel(TODAY)
def test_list_splits_upcoming_and_past_pages_and_exports(client, thanh_hoa_committee):
    for index in range(27):
        schedule(
            thanh_hoa_committee,
            day=MEETING_DAY + dt.timedelta(days=index),
            kind=MeetingKind.EXTRAORDINARY,
            title=f"Họp đột xuất số {index + 1}",
        )
    login(client, "thanhhoa.thuongtruc")
    url = reverse("meetings:meeting_list")
    html = client.get(url).content.decode()
    assert "Họp đột xuất số 1<" in html and "Họp đột xuất số 26<" not in html
    assert "Trang 1/2" in html
    assert "Họp đột xuất số 26<" in client.get(url + "?page=2").content.decode()
    partial = client.get(url + "?xem=da-qua", headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="results"')
    assert "Chưa có cuộc họp nào đã qua" in partial
    export = client.get(reverse("meetings:meeting_export") + "?xem=sap-toi")
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet["C5"].value == "Họp đột xuất số 1"
    assert sheet.max_row == 4 + 27


@time_machine.travel(TODAY)
def test_rules_are_edited_by_the_standing_agency_and_read_by_leaders(client, thanh_hoa_committee):
    url = reverse("meetings:rules_edit", args=[thanh_hoa_committee.pk])
    login(client, "thanhhoa.soyte")
    assert client.get(url).status_code == 403
    login(client, "thanhhoa.lanhdao")
    html = client.get(url).content.decode()
    assert "ý kiến của người chủ trì là kết luận" in html and "<form" not in html.split("<main")[1]
    login(client, "thanhhoa.thuongtruc")
    data = {
        "interval_months": 3,
        "quorum_percent": 50,
        "substitute_required": "on",
        "chair_decides": "on",
        "source": "Quy chế Điều 10",
    }
    assert client.post(url, data).status_code == 302
    rules = MeetingRules.objects.get(committee=thanh_hoa_committee)
    assert (rules.interval_months, rules.chair_decides, rules.substitute_votes) == (3, True, False)
    html = client.get(url).content.decode()
    assert "Họp định kỳ 3 tháng một lần" in html
    assert "Cán bộ BHXH tỉnh Thanh Hóa" in html  # who changed the rules, in their history


@time_machine.travel(dt.datetime(2026, 11, 23, 9, 0))
def test_demo_meetings_load_from_data_files_once(seed):
    call_command("load_demo_meetings", stdout=io.StringIO())
    call_command("load_demo_meetings", stdout=io.StringIO())
    held = Meeting.objects.get(committee__province__code="38")
    assert held.status == MeetingStatus.CLOSED
    assert held.invitations.filter(attendance="substitute").count() == 2
    decision = Decision.objects.get(meeting=held)
    assert decision.outcome == "Đồng ý" and "quá một nửa" in decision.rule_words
    upcoming = Meeting.objects.get(committee__province__code="62")
    assert upcoming.status == MeetingStatus.INVITED and upcoming.starts_at.date() > dt.date(
        2026, 11, 23
    )
    assert Meeting.objects.count() == 2
