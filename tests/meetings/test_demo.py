"""The demo written consultation read from data/meetings/*.yaml: sent to every member, still
open, its drafted Word document attached, two members already answered; loading twice changes
nothing."""

import datetime as dt
import io

import docx
import time_machine
from django.core.management import call_command
from django.urls import reverse

from ansinh.meetings.models import Consultation
from tests.conftest import login

DEMO_DAY = dt.datetime(2026, 11, 23, 9, 0)
TITLE = "Lấy ý kiến dự thảo Kế hoạch thực hiện chính sách BHXH, BHYT năm 2025"


@time_machine.travel(DEMO_DAY)
def test_demo_consultation_is_open_with_two_answers_and_loads_once(client, seed):
    call_command("load_demo_meetings", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_demo_meetings", stdout=out)
    assert f"{TITLE}: đã có, bỏ qua." in out.getvalue()

    consultation = Consultation.objects.get(title=TITLE)
    assert consultation.committee.province.code == "62"
    assert consultation.closes_at.date() > DEMO_DAY.date()
    assert Consultation.objects.count() == 1
    answers = {
        m.membership.agency.key: (m.answer, m.comment)
        for m in consultation.members.exclude(answer="pending").select_related("membership__agency")
    }
    assert set(answers) == {"so-tttt", "so-y-te"}
    assert answers["so-tttt"][0] == "agree"
    assert answers["so-y-te"][0] == "comment" and "dữ liệu khám chữa bệnh" in answers["so-y-te"][1]
    assert consultation.members.filter(answer="pending").exists()
    (document,) = consultation.documents.all()
    assert document.name == "du-thao-ke-hoach-2025.docx"
    text = "\n".join(p.text for p in docx.Document(document.file).paragraphs)
    assert "Thực hiện chính sách BHXH, BHYT năm 2025" in text and "III. NHIỆM VỤ" in text

    login(client, "kontum.thuongtruc")
    html = client.get(reverse("meetings:consultation_detail", args=[consultation.pk])).content
    html = html.decode()
    invited = consultation.members.count()
    assert f"Đã trả lời 2/{invited} thành viên" in html
    assert "Đang lấy ý kiến" in html
    response = client.get(
        reverse("meetings:consultation_document", args=[consultation.pk, document.pk])
    )
    assert response.status_code == 200
