"""Báo cáo của tôi, the submission workflow and the completeness matrix, as each user sees them."""

import datetime as dt

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ansinh.plans.enums import ReportKind as ProgressKind
from ansinh.plans.models import ProgressReport
from ansinh.reporting.models import Obligation, Submission
from tests.conftest import login


def obligation(agency_key, code, period_kind, number, year):
    return Obligation.objects.get(
        agency__key=agency_key,
        agency__province__code=code,
        kind__level="agency",
        kind__period_kind=period_kind,
        period_year=year,
        period_number=number,
    )


@pytest.fixture
def q1(thanh_hoa_regime):
    return obligation("so-y-te", "38", "quarter", 1, 2025)


@pytest.fixture
def half(kon_tum_regime):
    return obligation("so-tttt", "62", "half", 1, 2024)


def page(client, ob):
    return client.get(reverse("reporting:obligation_detail", args=[ob.pk])).content.decode()


def send(client, ob, **data):
    sub = Submission.objects.filter(obligation=ob).first()
    payload = {
        "version": sub.version if sub else 1,
        "narrative": "Đã triển khai",
        "gui": "1",
        **data,
    }
    return client.post(reverse("reporting:submission_save", args=[ob.pk]), payload)


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (dt.datetime(2025, 3, 1, 9), "Chưa đến hạn"),
        (dt.datetime(2025, 3, 30, 9), "Đến hạn"),
        (dt.datetime(2025, 4, 5, 9), "Quá hạn"),
    ],
)
def test_my_reports_shows_what_is_owed_by_when(client, q1, day, label):
    login(client, "thanhhoa.soyte")
    with time_machine.travel(day):
        html = client.get(reverse("reporting:my_reports") + "?nam=2025").content.decode()
    row = html[html.index(f'href="/bao-cao/{q1.pk}/"') :]
    row = row[: row.index("</tr>")]
    assert "Quý 1/2025" in row
    assert "hạn gửi: trước ngày 05/04/2025 (chậm nhất ngày 04/04/2025)" in row
    assert f">{label}<" in row


@time_machine.travel(dt.datetime(2024, 7, 10, 9))
def test_form_is_prefilled_with_the_agencys_tasks_and_their_progress(client, half):
    task = half.kind.regime.plan.tasks.get(position=1)  # led by Sở Thông tin và Truyền thông
    ProgressReport.objects.create(
        task=task,
        agency=half.agency,
        kind=ProgressKind.PROGRESS,
        period_year=2024,
        period_kind="quarter",
        period_number=2,
        text="Đăng 12 tin bài",
        percent=50,
        reported_on=dt.date(2024, 6, 28),
    )
    login(client, "kontum.sotttt")
    html = page(client, half)
    assert "Tiến độ đã ghi nhận: 28/06/2024: Đăng 12 tin bài (50%)" in html
    assert "Chủ trì" in html and "Phối hợp" in html
    assert "Khó khăn, vướng mắc" in html and "Kiến nghị, đề xuất" in html


def test_late_report_is_accepted_marked_late_then_returned_and_accepted(client, half):
    login(client, "kontum.sotttt")
    with time_machine.travel(dt.datetime(2024, 7, 25, 9)):
        page(client, half)
        assert send(client, half).status_code == 302
        html = client.get(reverse("reporting:my_reports") + "?nam=2024").content.decode()
    assert "Đã gửi muộn" in html
    login(client, "kontum.thuongtruc")
    url = reverse("reporting:submission_decide", args=[half.pk, "return"])
    version = Submission.objects.get(obligation=half).version
    response = client.post(url, {"version": version, "reason": ""})
    assert "Trả lại báo cáo phải nêu lý do." in response.content.decode()
    client.post(url, {"version": version, "reason": "Thiếu số liệu quý 2"})
    assert "Lý do trả lại: Thiếu số liệu quý 2" in page(client, half)
    login(client, "kontum.sotttt")
    assert "Lý do trả lại: Thiếu số liệu quý 2" in page(client, half)
    send(client, half, narrative="Bổ sung số liệu")
    login(client, "kontum.thuongtruc")
    version = Submission.objects.get(obligation=half).version
    client.post(
        reverse("reporting:submission_decide", args=[half.pk, "accept"]), {"version": version}
    )
    sub = Submission.objects.get(obligation=half)
    assert sub.get_status_display() == "Đã tiếp nhận" and sub.late
    # Accepted: the reporter can no longer change it, until the standing agency reopens it.
    login(client, "kontum.sotttt")
    assert "Gửi báo cáo" not in page(client, half)
    assert send(client, half, narrative="Sửa lén").status_code == 409
    assert Submission.objects.get(obligation=half).narrative == "Bổ sung số liệu"
    login(client, "kontum.thuongtruc")
    html = page(client, half)
    assert "Lịch sử thay đổi" in html and "Bổ sung số liệu" in html


def test_second_editor_gets_a_conflict_message_and_nothing_is_overwritten(client, q1):
    login(client, "thanhhoa.soyte")
    page(client, q1)
    assert not Submission.objects.filter(obligation=q1).exists()  # nothing written on GET
    stale = 1
    url = reverse("reporting:submission_save", args=[q1.pk])
    client.post(url, {"version": stale, "narrative": "Bản của người thứ nhất"})
    response = client.post(url, {"version": stale, "narrative": "Bản của người thứ hai"})
    assert response.status_code == 409
    assert "vừa được người khác thay đổi" in response.content.decode()
    assert Submission.objects.get(obligation=q1).narrative == "Bản của người thứ nhất"


def test_a_refused_first_save_creates_no_draft_and_sending_is_one_change(client, q1):
    login(client, "thanhhoa.soyte")
    url = reverse("reporting:submission_save", args=[q1.pk])
    bad = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(url, {"version": 1, "narrative": "Có tệp lạ", "files": bad})
    assert response.status_code == 400
    assert "không nhận loại tệp “.exe”" in response.content.decode()
    assert not Submission.objects.filter(obligation=q1).exists()
    assert send(client, q1).status_code == 302
    sub = Submission.objects.get(obligation=q1)
    assert sub.get_status_display() == "Đã gửi" and sub.version == 2
    # The history shows the draft created, then saved and sent in one change.
    assert LogEntry.objects.get_for_object(sub).count() == 2


def test_access(client, q1, half):
    login(client, "thanhhoa.soyte")
    assert client.get(reverse("reporting:obligation_detail", args=[half.pk])).status_code == 404
    login(client, "thanhhoa.lanhdao")
    assert "Gửi báo cáo" not in page(client, q1)
    assert (
        client.post(
            reverse("reporting:submission_decide", args=[q1.pk, "accept"]), {"version": 1}
        ).status_code
        == 403
    )
    login(client, "kontum.dakha")
    assert client.get(reverse("reporting:obligation_detail", args=[half.pk])).status_code == 403
    client.logout()
    assert client.get(reverse("reporting:my_reports")).status_code == 302


def test_completeness_matrix_with_rates(client, q1):
    login(client, "thanhhoa.soyte")
    with time_machine.travel(dt.datetime(2025, 4, 2, 9)):
        page(client, q1)
        send(client, q1)
    login(client, "thanhhoa.thuongtruc")
    with time_machine.travel(dt.datetime(2025, 5, 1, 9)):
        html = client.get(reverse("reporting:my_reports")).content.decode()
        url = reverse("reporting:completeness", args=[q1.kind.regime_id]) + "?nam=2025"
        assert url.split("?")[0] in html
        html = client.get(url).content.decode()
    row = html[html.index("<td>Sở Y tế tỉnh Thanh Hóa") :]
    row = row[: row.index("</tr>")]
    assert "Đúng hạn" in row and "Chưa đến hạn" in row
    footer = html[html.index("<tfoot>") :]
    assert "Tỷ lệ đủ" in footer and "Thiếu" in html
    login(client, "thanhhoa.soyte")
    assert client.get(url).status_code == 403


@time_machine.travel(dt.datetime(2025, 3, 30, 9))
def test_pages_stay_within_a_query_budget(client, q1, django_assert_max_num_queries):
    login(client, "thanhhoa.thuongtruc")
    with django_assert_max_num_queries(15):
        client.get(reverse("reporting:completeness", args=[q1.kind.regime_id]) + "?nam=2025")
    login(client, "thanhhoa.soyte")
    with django_assert_max_num_queries(15):
        html = client.get(
            reverse("reporting:my_reports") + "?nam=2025", HTTP_HX_REQUEST="true"
        ).content.decode()
    assert html.lstrip().startswith('<div id="results"')  # the fragment only


def test_my_reports_opens_on_the_latest_year_with_reports(client, regimes):
    import time_machine
    from django.urls import reverse

    from tests.conftest import login

    login(client, "thanhhoa.soyte")
    with time_machine.travel("2026-11-23 09:00 +0700"):
        html = client.get(reverse("reporting:my_reports")).content.decode()
    assert "Không có báo cáo phải gửi trong năm 2026" not in html
    assert "Quý 1/2025" in html
