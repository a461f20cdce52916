"""Written consultation: send, answer until the closing date, remind, outcome and summary."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from ansinh.meetings.enums import ConsultationAnswer as CA
from ansinh.meetings.models import Consultation, ConsultationMember
from ansinh.meetings.services import consultations as services
from ansinh.reporting.models import Notice
from tests.conftest import login
from tests.meetings.conftest import TODAY, aware, committee, seat

CLOSES = dt.date(2026, 3, 10)
BEFORE = TODAY + dt.timedelta(days=1)
AFTER = dt.datetime(2026, 3, 11, 9, 0)


def pdf(name="du-thao.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 du thao ke hoach")


def create_post(th, **changes):
    data = {
        "title": "Dự thảo Kế hoạch kiểm tra liên ngành năm 2026",
        "questions": "Đồng ý ban hành Kế hoạch kiểm tra liên ngành năm 2026?",
        "day": f"{CLOSES:%d/%m/%Y}",
        "time": "17:00",
        "members": [m.pk for m in th.memberships.all()],
        "files": pdf(),
    }
    return {**data, **changes}


@pytest.fixture
def consultation(seed):
    """A Thanh Hóa consultation sent on TODAY to every current member."""
    with time_machine.travel(TODAY):
        return services.consultation_create(
            committee=committee("38"),
            title="Dự thảo Kế hoạch kiểm tra liên ngành năm 2026",
            questions="Đồng ý ban hành Kế hoạch?",
            closes_at=aware(CLOSES, 17),
            members=None,
            files=[pdf()],
            user=None,
        )


def member(consultation, agency_key) -> ConsultationMember:
    return consultation.members.get(membership=seat(consultation.committee, agency_key))


@time_machine.travel(TODAY)
def test_the_standing_agency_sends_documents_and_members_are_told(client, seed):
    th = committee("38")
    login(client, "thanhhoa.thuongtruc")
    url = reverse("meetings:consultation_create", args=[th.pk])
    form = client.get(url).content.decode()
    assert "Xin ý kiến bằng văn bản" in form and "INVALID<" not in form
    response = client.post(url, create_post(th))
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert consultation.members.count() == th.memberships.count()
    assert consultation.documents.get().name == "du-thao.pdf"
    soyte = Notice.objects.filter(user__username="thanhhoa.soyte").get()
    assert soyte.title.startswith("Xin ý kiến bằng văn bản: Dự thảo Kế hoạch")
    login(client, "thanhhoa.soyte")
    page = client.get(reverse("meetings:consultation_detail", args=[consultation.pk]))
    assert "Đã trả lời 0/" in page.content.decode() and b"INVALID<" not in page.content
    listing = client.get(reverse("meetings:consultation_list")).content.decode()
    assert "Đang lấy ý kiến" in listing and "INVALID<" not in listing


@time_machine.travel(TODAY)
def test_a_closing_date_in_the_past_and_a_bad_file_are_refused(client, seed):
    th = committee("38")
    login(client, "thanhhoa.thuongtruc")
    url = reverse("meetings:consultation_create", args=[th.pk])
    post = create_post(th, day="01/03/2026", files=SimpleUploadedFile("x.pdf", b"MZ\x90 exe"))
    html = client.post(url, post).content.decode()
    assert "Hạn trả lời: 17:00 ngày 01/03/2026 đã qua" in html
    assert "x.pdf" in html
    assert not Consultation.objects.exists()


def test_a_member_answers_changes_it_before_closing_and_not_after(client, consultation):
    soyte = member(consultation, "so-y-te")
    url = reverse("meetings:consultation_answer", args=[consultation.pk, soyte.pk])
    login(client, "thanhhoa.soyte")
    with time_machine.travel(BEFORE):
        assert client.post(url, {"answer": CA.AGREE}).status_code == 302
        response = client.post(url, {"answer": CA.COMMENT, "comment": ""})
        assert "Ý kiến cụ thể: hãy ghi nội dung ý kiến khác." in response.content.decode()
        client.post(url, {"answer": CA.COMMENT, "comment": "Bổ sung kiểm tra y tế tư nhân."})
    soyte.refresh_from_db()
    assert (soyte.answer, soyte.comment) == (CA.COMMENT, "Bổ sung kiểm tra y tế tư nhân.")
    with time_machine.travel(AFTER):
        response = client.post(url, {"answer": CA.DISAGREE})
        html = response.content.decode()
        assert response.status_code == 400
        assert "Đợt lấy ý kiến đã kết thúc lúc 17:00 ngày 10/03/2026" in html
        assert html.count("Sửa thành viên được xin ý kiến") >= 2  # both answers in the history
    soyte.refresh_from_db()
    assert soyte.answer == CA.COMMENT


@time_machine.travel(BEFORE)
def test_a_member_answers_only_for_its_own_agency(client, consultation):
    other = member(consultation, "so-tai-chinh")
    login(client, "thanhhoa.soyte")
    url = reverse("meetings:consultation_answer", args=[consultation.pk, other.pk])
    assert client.post(url, {"answer": CA.AGREE}).status_code == 403
    login(client, "kontum.thuongtruc")
    detail = reverse("meetings:consultation_detail", args=[consultation.pk])
    assert client.get(detail).status_code == 404
    login(client, "kontum.sotttt")
    assert client.get(reverse("meetings:consultation_list")).status_code == 200


@time_machine.travel(BEFORE)
def test_reminders_go_only_to_those_who_have_not_answered(client, consultation):
    services.consultation_answer(member=member(consultation, "so-y-te"), answer=CA.AGREE, user=None)
    Notice.objects.all().delete()
    login(client, "thanhhoa.soyte")
    remind = reverse("meetings:consultation_remind", args=[consultation.pk])
    assert client.post(remind).status_code == 403
    login(client, "thanhhoa.thuongtruc")
    response = client.post(remind, follow=True)
    pending = consultation.members.filter(answer=CA.PENDING).count()
    assert f"Đã nhắc {pending} thành viên chưa trả lời" in response.content.decode()
    assert not Notice.objects.filter(user__username="thanhhoa.soyte").exists()
    assert Notice.objects.filter(title__startswith="Nhắc trả lời xin ý kiến").exists()


def test_after_closing_the_outcome_and_the_summary_document(client, consultation):
    members = list(consultation.members.all())
    with time_machine.travel(BEFORE):
        for index, m in enumerate(members):
            answer = CA.AGREE if index * 2 < len(members) + 1 else CA.DISAGREE
            services.consultation_answer(member=m, answer=answer, user=None)
    agree = sum(1 for m in consultation.members.all() if m.answer == CA.AGREE)
    login(client, "thanhhoa.lanhdao")
    detail = reverse("meetings:consultation_detail", args=[consultation.pk])
    docx_url = reverse("meetings:consultation_docx", args=[consultation.pk])
    with time_machine.travel(BEFORE):
        assert "Kết quả (đa số) được xác định khi hết hạn" in client.get(detail).content.decode()
        assert client.get(docx_url).status_code == 302
    with time_machine.travel(AFTER):
        html = client.get(detail).content.decode()
        assert "(<strong>100%</strong>)" in html
        assert f"Đa số đồng ý: {agree}/{len(members)} thành viên đồng ý" in html
        response = client.get(docx_url)
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Số thành viên đã trả lời: {len(members)}/{len(members)} (100%)." in text
    assert "Đa số đồng ý" in text
