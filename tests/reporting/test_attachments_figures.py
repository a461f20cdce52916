"""Files sent with a report, and the locality's indicator figures shown in it."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from ansinh.reporting.models import Attachment, Obligation, Submission
from tests.conftest import login

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def half(agency_key):
    return Obligation.objects.get(
        agency__key=agency_key,
        agency__province__code="62",
        kind__period_kind="half",
        kind__level="agency",
        period_year=2024,
    )


@pytest.fixture
def sotttt_half(kon_tum_regime):
    return half("so-tttt")


def save(client, ob, *files, version=None, **data):
    sub = Submission.objects.filter(obligation=ob).first()
    payload = {"version": version or (sub.version if sub else 1), "narrative": "Nội dung", **data}
    if files:
        payload["files"] = list(files)
    return client.post(reverse("reporting:submission_save", args=[ob.pk]), payload)


def detail(client, ob):
    return client.get(reverse("reporting:obligation_detail", args=[ob.pk])).content.decode()


@time_machine.travel(dt.datetime(2024, 7, 10, 9))
def test_files_are_sent_with_the_report_and_downloaded_by_the_standing_agency(client, sotttt_half):
    login(client, "kontum.sotttt")
    response = save(
        client,
        sotttt_half,
        SimpleUploadedFile("so-lieu.pdf", PDF, content_type="application/pdf"),
        SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50),
    )
    assert response.status_code == 302
    html = detail(client, sotttt_half)
    assert "so-lieu.pdf" in html and "anh.png" in html
    attachment = Attachment.objects.get(name="so-lieu.pdf")
    login(client, "kontum.thuongtruc")
    url = reverse("reporting:attachment_download", args=[sotttt_half.pk, attachment.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    login(client, "kontum.dakha")  # another reporter of the same province
    assert client.get(url).status_code == 403
    login(client, "thanhhoa.thuongtruc")  # another province
    assert client.get(url).status_code == 404


@time_machine.travel(dt.datetime(2024, 7, 10, 9))
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("chay.exe", b"MZ" + b"0" * 20), "không nhận loại tệp “.exe”"),
        (SimpleUploadedFile("gia.pdf", b"MZ" + b"0" * 20), "không phải tệp .pdf"),
        (SimpleUploadedFile("rong.docx", b""), "tệp rỗng"),
    ],
)
def test_refused_files_are_named_and_nothing_is_saved(client, sotttt_half, upload, message):
    login(client, "kontum.sotttt")
    response = save(client, sotttt_half, upload, narrative="Không được mất")
    html = response.content.decode()
    assert response.status_code == 400
    assert f"Tệp “{upload.name}”" in html and message in html
    assert "Không được mất" in html  # what the user typed is still in the form
    assert not Attachment.objects.exists()


@time_machine.travel(dt.datetime(2024, 7, 10, 9))
def test_file_over_the_size_limit_is_refused(client, sotttt_half, settings):
    settings.ANSINH_ATTACHMENT_MAX_MB = 1
    login(client, "kontum.sotttt")
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * (1024 * 1024))
    html = save(client, sotttt_half, big).content.decode()
    assert "vượt giới hạn 1 MB" in html
    assert not Attachment.objects.exists()


@time_machine.travel(dt.datetime(2024, 7, 10, 9))
def test_file_removed_while_draft_stays_in_the_history(client, sotttt_half):
    login(client, "kontum.sotttt")
    save(client, sotttt_half, SimpleUploadedFile("cu.pdf", PDF))
    sub = Submission.objects.get(obligation=sotttt_half)
    attachment = sub.attachments.get()
    client.post(
        reverse("reporting:attachment_delete", args=[sotttt_half.pk, attachment.pk]),
        {"version": sub.version},
    )
    assert not Attachment.objects.exists()
    html = detail(client, sotttt_half)
    history = html[html.index("Lịch sử thay đổi") :]
    assert "cu.pdf" in history and "Xóa" in history


@time_machine.travel(dt.datetime(2024, 7, 10, 9))
def test_district_report_shows_its_district_figures_and_a_department_none(client, regimes):
    call_command("load_demo_targets", stdout=open("/dev/null", "w"))  # noqa: SIM115
    login(client, "kontum.dakha")
    html = detail(client, half("ubnd-615"))
    assert "Số liệu chỉ tiêu của Huyện Đăk Hà đến ngày 30/06/2024" in html
    assert "Chỉ tiêu giao" in html
    login(client, "kontum.sotttt")
    assert "Số liệu chỉ tiêu của" not in detail(client, half("so-tttt"))
