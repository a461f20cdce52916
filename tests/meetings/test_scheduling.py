"""Scheduling a meeting, its agenda and materials, and sending the invitations."""

import datetime as dt
import io

import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from ansinh.meetings.enums import MeetingKind, MeetingStatus
from ansinh.meetings.models import Invitation, Meeting
from ansinh.org.models import Agency, Membership
from ansinh.reporting.models import Notice
from tests.conftest import login
from tests.meetings.conftest import MEETING_DAY, TODAY, schedule, seat


@time_machine.travel(TODAY)
def test_next_regular_meeting_is_proposed_from_the_last_one(client, thanh_hoa_committee):
    schedule(thanh_hoa_committee, day=MEETING_DAY)
    login(client, "thanhhoa.thuongtruc")
    url = reverse("meetings:meeting_create", args=[thanh_hoa_committee.pk])
    html = client.get(url).content.decode()
    assert "Cuộc họp định kỳ gần nhất ngày 20/03/2026" in html
    assert "họp định kỳ 6 tháng một lần" in html
    assert 'value="20/09/2026"' in html  # the day field is prefilled six months later


@time_machine.travel(TODAY)
def test_a_meeting_in_the_past_is_refused_naming_the_date(client, thanh_hoa_committee):
    login(client, "thanhhoa.thuongtruc")
    chair = seat(thanh_hoa_committee, "ubnd-tinh", "chair")
    response = client.post(
        reverse("meetings:meeting_create", args=[thanh_hoa_committee.pk]),
        {
            "kind": MeetingKind.EXTRAORDINARY,
            "title": "Họp đột xuất",
            "day": "01/03/2026",
            "time": "08:00",
            "place": "Phòng họp",
            "chair": chair.pk,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thời gian họp: 08:00 ngày 01/03/2026 đã qua" in html
    assert not Meeting.objects.exists()


@time_machine.travel(TODAY)
def test_agenda_item_needs_a_presenter_and_materials_are_checked(client, thanh_hoa_committee):
    meeting = schedule(thanh_hoa_committee)
    login(client, "thanhhoa.thuongtruc")
    url = reverse("meetings:agenda_item_create", args=[meeting.pk])
    html = client.post(url, {"title": "Tình hình nợ đóng", "minutes": 20}).content.decode()
    assert "Người trình bày: chọn một thành viên hoặc một cơ quan" in html
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf")
    data = {
        "title": "Tình hình nợ đóng",
        "minutes": 20,
        "presenter": f"a{meeting.committee.standing_agency_id}",
    }
    html = client.post(url, {**data, "files": fake}).content.decode()
    assert "nội dung không phải tệp .pdf" in html
    pdf = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 bao cao")
    response = client.post(url, {**data, "files": pdf})
    assert response.status_code == 302
    item = meeting.agenda.get(title="Tình hình nợ đóng")
    assert item.presenter_agency.key == "bhxh-tinh"
    [material] = item.materials.all()
    download = client.get(reverse("meetings:material_download", args=[meeting.pk, material.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@time_machine.travel(TODAY)
def test_sending_invites_the_members_on_the_meeting_date_by_notice_email_and_docx(
    client, thanh_hoa_committee, django_capture_on_commit_callbacks
):
    committee = thanh_hoa_committee
    # A member who leaves before the meeting is not invited; the composition is that of the day.
    leaving = seat(committee, "so-tai-chinh")
    leaving.end_date = MEETING_DAY - dt.timedelta(days=1)
    leaving.save()
    Agency.objects.filter(province=committee.province, key="so-y-te").update(
        email="soyte@thanhhoa.gov.vn"
    )
    meeting = schedule(committee)
    login(client, "thanhhoa.thuongtruc")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:meeting_send", args=[meeting.pk]))
    assert response.status_code == 302
    meeting.refresh_from_db()
    expected = Membership.objects.filter(committee=committee).on(MEETING_DAY).count()
    assert meeting.status == MeetingStatus.INVITED
    assert meeting.invitations.count() == expected
    assert not meeting.invitations.filter(membership=leaving).exists()
    notice = Notice.objects.get(user__username="thanhhoa.soyte")
    assert notice.title == "Giấy mời họp: Họp sơ kết quý I, 08:00 ngày 20/03/2026"
    assert notice.url == reverse("meetings:meeting_detail", args=[meeting.pk])
    [message] = [m for m in mail.outbox if "soyte@thanhhoa.gov.vn" in m.to]
    assert "Lãnh đạo Sở Y tế" in message.body and "Báo cáo kết quả quý I" in message.body

    docx = client.get(reverse("meetings:invitation_docx", args=[meeting.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    cells = [
        c.text for t in Document(io.BytesIO(docx.content)).tables for r in t.rows for c in r.cells
    ]
    assert "GIẤY MỜI" in text and "Thời gian: 08 giờ 00, ngày 20/03/2026." in text
    assert "Lãnh đạo Sở Y tế" in cells and "Lãnh đạo Sở Tài chính" not in cells
    # Sent once only: a second send is refused in words.
    login(client, "thanhhoa.thuongtruc")
    client.post(reverse("meetings:meeting_send", args=[meeting.pk]))
    assert Invitation.objects.filter(meeting=meeting).count() == expected
