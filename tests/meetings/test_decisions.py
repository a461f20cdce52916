"""Decisions on an agenda item: who may give an opinion, the tally and the rule shown in words."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from ansinh.meetings import services
from ansinh.meetings.enums import Answer, Attendance, DecisionBasis
from tests.conftest import login
from tests.meetings.conftest import MEETING_DAY, TODAY, committee, schedule, seat

ON_THE_DAY = dt.datetime.combine(MEETING_DAY, dt.time(9, 0))


def held(committee):
    """A meeting held with the chair and Sở Y tế, Sở Tài chính present, Sở Nội vụ absent
    with approval, Công an tỉnh represented by an approved substitute."""
    with time_machine.travel(TODAY):
        meeting = schedule(committee)
        services.invitations_send(meeting=meeting, user=None)
        for key in ("so-noi-vu", "cong-an-tinh"):
            invitation = meeting.invitations.get(membership=seat(committee, key))
            services.invitation_answer(
                invitation=invitation,
                answer=Answer.EXCUSED,
                user=None,
                substitute_name="Lê Văn Hùng",
                substitute_title="Trưởng phòng",
            )
            services.excuse_decide(invitation=invitation, approve=True, user=None)
    marks = {}
    for invitation in meeting.invitations.select_related("membership__agency"):
        key = invitation.membership.agency.key
        marks[invitation.pk] = {
            "so-noi-vu": Attendance.ABSENT_APPROVED,
            "cong-an-tinh": Attendance.SUBSTITUTE,
        }.get(key, Attendance.PRESENT)
    with time_machine.travel(ON_THE_DAY):
        services.attendance_record(meeting=meeting, marks=marks, user=None)
        decision = services.decision_create(
            meeting=meeting,
            item=meeting.agenda.first(),
            question="Thành lập đoàn kiểm tra liên ngành",
            options=["Đồng ý", "Không đồng ý"],
            user=None,
        )
    return meeting, decision


@pytest.fixture
def th_held(seed):
    return held(committee("38"))


@time_machine.travel(ON_THE_DAY)
def test_opinions_of_absent_members_non_members_and_substitutes_are_refused(client, th_held):
    meeting, decision = th_held
    th = meeting.committee
    login(client, "thanhhoa.thuongtruc")
    url = reverse("meetings:decision_detail", args=[meeting.pk, decision.pk])
    kon_tum_member = seat(committee("62"), "so-tttt")
    response = client.post(
        url,
        {
            f"seat_{seat(th, 'so-y-te').pk}": "Đồng ý",
            f"seat_{seat(th, 'so-noi-vu').pk}": "Đồng ý",
            f"seat_{seat(th, 'cong-an-tinh').pk}": "Đồng ý",
            f"seat_{kon_tum_member.pk}": "Không đồng ý",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "vắng có phép tại cuộc họp; chỉ thành viên có mặt được biểu quyết" in html
    assert "ý kiến của người họp thay không được tính khi biểu quyết" in html
    assert "“Lãnh đạo Sở TT&amp;TT” không phải thành viên được mời dự cuộc họp này" in html
    assert not decision.votes.exists()


@time_machine.travel(ON_THE_DAY)
def test_a_tie_is_concluded_by_the_chair_and_the_page_says_why(client, th_held):
    meeting, decision = th_held
    th = meeting.committee
    login(client, "thanhhoa.thuongtruc")
    url = reverse("meetings:decision_detail", args=[meeting.pk, decision.pk])
    votes = {
        f"seat_{seat(th, 'ubnd-tinh', 'chair').pk}": "Không đồng ý",
        f"seat_{seat(th, 'so-tai-chinh').pk}": "Không đồng ý",
        f"seat_{seat(th, 'so-y-te').pk}": "Đồng ý",
        f"seat_{seat(th, 'bhxh-tinh').pk}": "Đồng ý",
    }
    response = client.post(url, {**votes, "conclusion": "Chưa thành lập đoàn kiểm tra."})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.outcome, decision.basis) == ("Không đồng ý", DecisionBasis.CHAIR)
    html = client.get(url).content.decode()
    assert "Không phương án nào được quá một nửa trong 4 ý kiến" in html
    assert "ý kiến của người chủ trì là kết luận: người chủ trì chọn “Không đồng ý”" in html
    detail = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Theo ý kiến người chủ trì" in detail and "Chưa thành lập đoàn kiểm tra." in detail
    assert "Tạo ý kiến biểu quyết" in detail  # each opinion is in the meeting's history


@time_machine.travel(ON_THE_DAY)
def test_substitute_opinion_counts_when_the_committee_allows_it(th_held):
    meeting, decision = th_held
    rules = services.rules_for(committee=meeting.committee)
    services.rules_update(rules=rules, user=None, substitute_votes=True)
    substitute_seat = seat(meeting.committee, "cong-an-tinh")
    decision = services.decision_record(
        decision=decision, choices={substitute_seat.pk: "Đồng ý"}, user=None
    )
    assert decision.outcome == "Đồng ý" and decision.basis == DecisionBasis.MAJORITY
    assert decision.votes.get().by_substitute
