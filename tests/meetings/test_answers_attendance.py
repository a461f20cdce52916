"""Members answer for their own agency; the chair's side rules on excuses; attendance on the day."""

import datetime as dt

import time_machine
from django.urls import reverse

from ansinh.meetings import services
from ansinh.meetings.enums import Answer, Attendance, ExcuseStatus, MeetingStatus
from ansinh.meetings.models import Invitation
from ansinh.reporting.models import Notice
from tests.conftest import login
from tests.meetings.conftest import MEETING_DAY, TODAY, schedule, seat


def invited(committee):
    meeting = schedule(committee)
    services.invitations_send(meeting=meeting, user=None)
    return meeting


@time_machine.travel(TODAY)
def test_member_asks_to_be_excused_and_must_name_a_substitute(client, thanh_hoa_committee):
    meeting = invited(thanh_hoa_committee)
    mine = meeting.invitations.get(membership=seat(thanh_hoa_committee, "so-y-te"))
    other = meeting.invitations.get(membership=seat(thanh_hoa_committee, "so-tai-chinh"))
    login(client, "thanhhoa.soyte")
    assert (
        "Giấy mời của cơ quan bạn"
        in client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    )
    url = reverse("meetings:invitation_answer", args=[meeting.pk, mine.pk])
    response = client.post(url, {"answer": Answer.EXCUSED, "reason": "Đi công tác"})
    assert response.status_code == 400
    assert "Họ tên người họp thay: thành viên vắng mặt phải cử cán bộ họp thay" in (
        response.content.decode()
    )
    response = client.post(
        url,
        {
            "answer": Answer.EXCUSED,
            "reason": "Đi công tác",
            "substitute_name": "Trần Văn An",
            "substitute_title": "Phó Giám đốc Sở Y tế",
        },
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.answer, mine.excuse_status) == (Answer.EXCUSED, ExcuseStatus.PENDING)
    asked = Notice.objects.get(user__username="thanhhoa.thuongtruc", title__startswith="Xin vắng")
    assert "Lãnh đạo Sở Y tế" in asked.title
    # Only for their own agency.
    other_url = reverse("meetings:invitation_answer", args=[meeting.pk, other.pk])
    assert client.post(other_url, {"answer": Answer.ATTEND}).status_code == 403
    # Only the standing agency rules on the excuse, for the chair.
    decide = reverse("meetings:excuse_decide", args=[meeting.pk, mine.pk, "dong-y"])
    assert client.post(decide).status_code == 403
    login(client, "thanhhoa.thuongtruc")
    assert client.post(decide).status_code == 302
    mine.refresh_from_db()
    assert mine.excuse_status == ExcuseStatus.APPROVED
    assert Notice.objects.filter(
        user__username="thanhhoa.soyte", title__startswith="Trưởng ban đồng ý việc vắng mặt"
    ).exists()


@time_machine.travel(TODAY)
def test_substitute_not_required_when_the_committee_rules_say_so(thanh_hoa_committee):
    rules = services.rules_for(committee=thanh_hoa_committee)
    services.rules_update(rules=rules, user=None, substitute_required=False)
    meeting = invited(thanh_hoa_committee)
    invitation = meeting.invitations.first()
    services.invitation_answer(invitation=invitation, answer=Answer.EXCUSED, user=None)
    invitation.refresh_from_db()
    assert invitation.answer == Answer.EXCUSED and invitation.substitute_name == ""


def test_attendance_on_the_day_with_approvals_and_quorum(client, thanh_hoa_committee):
    committee = thanh_hoa_committee
    with time_machine.travel(TODAY):
        meeting = invited(committee)
        excused = meeting.invitations.get(membership=seat(committee, "so-y-te"))
        services.invitation_answer(
            invitation=excused,
            answer=Answer.EXCUSED,
            user=None,
            substitute_name="Trần Văn An",
            substitute_title="Phó Giám đốc",
        )
        login(client, "thanhhoa.thuongtruc")
        url = reverse("meetings:attendance", args=[meeting.pk])
        marks = {f"att_{i.pk}": Attendance.PRESENT for i in meeting.invitations.all()}
        response = client.post(url, marks)
        assert "chỉ điểm danh từ ngày họp" in response.content.decode()
    with time_machine.travel(dt.datetime.combine(MEETING_DAY, dt.time(8, 30))):
        login(client, "thanhhoa.thuongtruc")  # a new day, a new session
        marks[f"att_{excused.pk}"] = Attendance.SUBSTITUTE
        html = client.post(url, marks).content.decode()
        assert "người họp thay chỉ dự họp khi Trưởng ban đồng ý" in html
        services.excuse_decide(invitation=excused, approve=True, user=None)
        absent = list(meeting.invitations.exclude(pk=excused.pk).order_by("pk")[:12])
        for invitation in absent:
            marks[f"att_{invitation.pk}"] = Attendance.ABSENT_UNAPPROVED
        assert client.post(url, marks).status_code == 302
        meeting.refresh_from_db()
        assert meeting.status == MeetingStatus.HELD
        html = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    seats = Invitation.objects.filter(meeting=meeting).count()
    present = seats - 13
    assert f"cần {seats // 2 + 1}/{seats}; theo điểm danh có {present} — chưa đủ" in html
    assert "không tính người họp thay" in html
