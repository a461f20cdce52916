"""Khó khăn, vướng mắc, kiến nghị: raised by an agency on its own or in a report, answered by
the standing agency, listed by topic and agency, as each user sees them."""

import datetime as dt
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from ansinh.accounts.models import User
from ansinh.org.models import Agency, Committee
from ansinh.reporting.enums import ConcernStatus, ConcernTopic
from ansinh.reporting.models import Concern, Obligation, Submission
from ansinh.reporting.services import concern_answer, concern_from_submission, concern_raise
from tests.conftest import login


def agency(key, code):
    return Agency.objects.get(key=key, province__code=code, province__edition="2024")


def committee(code):
    return Committee.objects.get(province__code=code, province__edition="2024")


def raise_one(key, code, title, topic=ConcernTopic.COLLECTION):
    return concern_raise(
        committee=committee(code),
        agency=agency(key, code),
        user=None,
        topic=topic,
        title=title,
        content=f"{title}: chi tiết",
        recommendation="Đề nghị hướng dẫn",
    )


def answer_url(concern):
    return reverse("reporting:concern_answer", args=[concern.pk])


def seen(concern):
    concern.refresh_from_db()
    return concern.updated_at.isoformat()


@pytest.fixture
def kon_tum_concerns(seed):
    return {
        "tttt": raise_one("so-tttt", "62", "Thiếu kinh phí tuyên truyền", ConcernTopic.FUNDING),
        "dakha": raise_one("ubnd-615", "62", "Doanh nghiệp nợ đóng kéo dài"),
        "thanhhoa": raise_one("so-y-te", "38", "Quá tải khám BHYT", ConcernTopic.HEALTH_CARE),
    }


@time_machine.travel(dt.datetime(2025, 5, 6, 9))
def test_an_agency_raises_and_sees_the_standing_agencys_answer(client, seed):
    login(client, "kontum.sotttt")
    form = client.get(reverse("reporting:concern_create")).content.decode()
    assert "Nêu khó khăn, vướng mắc" in form
    response = client.post(
        reverse("reporting:concern_create"),
        {"topic": "data", "title": "", "content": "", "recommendation": ""},
    )
    assert "Tóm tắt: cần ghi một dòng nêu vấn đề." in response.content.decode()
    response = client.post(
        reverse("reporting:concern_create"),
        {
            "topic": "data",
            "title": "Chưa kết nối được dữ liệu hộ tịch",
            "content": "Phần mềm hộ tịch chưa liên thông với cơ sở dữ liệu BHXH.",
            "recommendation": "Đề nghị BHXH tỉnh phối hợp với Sở Tư pháp.",
        },
    )
    concern = Concern.objects.get()
    assert response.url == reverse("reporting:concern_detail", args=[concern.pk])
    assert concern.agency.key == "so-tttt" and concern.status == ConcernStatus.OPEN

    login(client, "kontum.thuongtruc")
    html = client.get(reverse("reporting:concern_detail", args=[concern.pk])).content.decode()
    assert "Lưu trả lời" in html
    data = {"seen": seen(concern), "topic": "data", "status": "answered", "answer": " "}
    response = client.post(answer_url(concern), data)
    assert response.status_code == 400
    assert "Trả lời của cơ quan thường trực: cần nội dung khi chuyển sang" in (
        response.content.decode()
    )
    data["answer"] = "BHXH tỉnh đã làm việc với Sở Tư pháp; liên thông từ tháng 6."
    assert client.post(answer_url(concern), data).status_code == 302

    login(client, "kontum.sotttt")
    html = client.get(reverse("reporting:concern_detail", args=[concern.pk])).content.decode()
    assert "liên thông từ tháng 6" in html and "Đã trả lời" in html
    assert "Lưu trả lời" not in html  # the raiser reads the answer, does not write it
    assert "Lịch sử thay đổi" in html and "Cán bộ BHXH tỉnh Kon Tum" in html


def test_two_officers_answering_at_once_the_second_is_refused(client, kon_tum_concerns):
    concern = kon_tum_concerns["tttt"]
    login(client, "kontum.thuongtruc")
    version = seen(concern)
    first = {"seen": version, "topic": "funding", "status": "in_progress", "answer": "Đang xử lý"}
    assert client.post(answer_url(concern), first).status_code == 302
    second = {**first, "status": "closed", "answer": "Đóng luôn"}
    response = client.post(answer_url(concern), second)
    assert response.status_code == 409
    assert "vừa được người khác cập nhật" in response.content.decode()
    concern.refresh_from_db()
    assert (concern.status, concern.answer) == (ConcernStatus.IN_PROGRESS, "Đang xử lý")


def test_a_sent_report_carries_one_concern_kept_up_to_date(kon_tum_regime):
    obligation = Obligation.objects.filter(
        kind__regime=kon_tum_regime, agency__key="so-tttt", period_kind="half"
    ).first()
    long_line = "Người lao động tự do khó tiếp cận BHXH tự nguyện " * 5
    submission = Submission.objects.create(
        obligation=obligation,
        difficulties=f"{long_line}\nDòng thứ hai",
        recommendations="Tăng mức hỗ trợ",
    )
    user = User.objects.get(username="kontum.sotttt")
    concern = concern_from_submission(submission=submission, user=user)
    assert concern.topic == ConcernTopic.OTHER and concern.agency == obligation.agency
    assert len(concern.title) <= 120 and concern.title.startswith("Người lao động tự do")
    assert concern.committee == kon_tum_regime.committee

    standing = User.objects.get(username="kontum.thuongtruc")
    concern_answer(
        concern=concern,
        user=standing,
        answer="Đã báo cáo UBND tỉnh",
        status=ConcernStatus.ANSWERED,
        topic=ConcernTopic.COVERAGE,
    )
    # Returned, corrected and sent again: the same concern, new text, back in the queue.
    submission.difficulties = "Thiếu cộng tác viên ở xã"
    again = concern_from_submission(submission=submission, user=user)
    assert again.pk == concern.pk and Concern.objects.count() == 1
    assert again.title == "Thiếu cộng tác viên ở xã" and again.status == ConcernStatus.OPEN
    assert again.topic == ConcernTopic.COVERAGE and again.answer == "Đã báo cáo UBND tỉnh"

    submission.difficulties = submission.recommendations = "  "
    assert concern_from_submission(submission=submission, user=user) is None
    assert Concern.objects.get().content == "Thiếu cộng tác viên ở xã"

    other = Obligation.objects.filter(kind__regime=kon_tum_regime, agency__key="ubnd-615").first()
    empty = Submission.objects.create(obligation=other)
    assert concern_from_submission(submission=empty, user=user) is None
    assert Concern.objects.count() == 1


def test_the_list_by_topic_and_agency_for_each_user(
    client, kon_tum_concerns, django_assert_max_num_queries
):
    url = reverse("reporting:concern_list")
    login(client, "kontum.thuongtruc")
    with django_assert_max_num_queries(15):
        html = client.get(url).content.decode()
    assert "Thiếu kinh phí tuyên truyền" in html and "Doanh nghiệp nợ đóng kéo dài" in html
    assert "Quá tải khám BHYT" not in html  # another province
    summary = html[html.index('id="by-topic"') :]
    row = summary[summary.index("Kinh phí, tổ chức thực hiện") :]
    assert row[: row.index("</tr>")].count(">1<") == 2  # one open, one in all
    assert "Sở Thông tin và Truyền thông tỉnh Kon Tum" in summary[: summary.index('id="concerns"')]

    fragment = client.get(url + "?linhvuc=funding", HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<div id="results"')
    assert "Thiếu kinh phí tuyên truyền" in fragment and "Doanh nghiệp nợ" not in fragment

    response = client.get(url + "?linhvuc=funding&xuat=excel")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]]
    assert len(rows) == 1 and rows[0][2] == "Sở Thông tin và Truyền thông tỉnh Kon Tum"

    login(client, "kontum.sotttt")
    html = client.get(url).content.decode()
    assert "Thiếu kinh phí tuyên truyền" in html and "Doanh nghiệp nợ" not in html
    assert "Nêu khó khăn, vướng mắc" in html
    login(client, "kontum.lanhdao")
    html = client.get(url).content.decode()
    assert "Doanh nghiệp nợ" in html and 'href="/kien-nghi/moi/"' not in html


def test_access(client, kon_tum_concerns):
    concern = kon_tum_concerns["tttt"]
    detail = reverse("reporting:concern_detail", args=[concern.pk])
    login(client, "thanhhoa.soyte")
    assert client.get(detail).status_code == 404
    login(client, "kontum.dakha")
    assert client.get(detail).status_code == 403
    login(client, "kontum.lanhdao")
    html = client.get(detail).content.decode()
    assert "Thiếu kinh phí tuyên truyền" in html and "Lưu trả lời" not in html
    data = {"seen": seen(concern), "topic": "funding", "status": "closed", "answer": "x"}
    assert client.post(answer_url(concern), data).status_code == 403
    assert client.get(reverse("reporting:concern_create")).status_code == 403
    login(client, "quantri")  # no agency: reads and answers, never raises
    assert client.get(reverse("reporting:concern_create")).status_code == 403
    client.logout()
    assert client.get(reverse("reporting:concern_list")).status_code == 302


@time_machine.travel(dt.datetime(2025, 5, 6, 9))
def test_a_new_concern_and_its_answer_arrive_as_notices(client, seed):
    concern = raise_one("so-tttt", "62", "Thiếu kinh phí tuyên truyền", ConcernTopic.FUNDING)
    login(client, "kontum.thuongtruc")
    html = client.get(reverse("reporting:notices")).content.decode()
    assert "Kiến nghị mới của Sở Thông tin và Truyền thông" in html
    assert reverse("reporting:concern_detail", args=[concern.pk]) in html
    concern_answer(
        concern=concern,
        user=User.objects.get(username="kontum.thuongtruc"),
        answer="Đã đề nghị Sở Tài chính bố trí kinh phí.",
        status=ConcernStatus.ANSWERED,
        topic=ConcernTopic.FUNDING,
    )
    login(client, "kontum.sotttt")
    html = client.get(reverse("reporting:notices")).content.decode()
    assert "Cơ quan thường trực đã trả lời kiến nghị: Thiếu kinh phí tuyên truyền" in html
