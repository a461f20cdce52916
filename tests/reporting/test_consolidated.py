"""The consolidated report: the standing agency generates a Word draft (and a PDF when LibreOffice
is there) from received reports, task status and attainment; operators replace its template."""

import datetime as dt
import re
import shutil
import zipfile
from io import BytesIO

import docx
import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ansinh.reporting import services
from ansinh.reporting.consolidated_context import consolidated_context, period_obligations
from ansinh.reporting.consolidated_sample import sample_context
from ansinh.reporting.docx_render import DEFAULT_TEMPLATE
from ansinh.reporting.models import ConsolidatedReport, Obligation, ReportTemplate
from tests.conftest import login
from tests.reporting.conftest import quiet

APRIL = dt.datetime(2025, 4, 8, 9)


@pytest.fixture
def no_soffice(monkeypatch):
    """Most tests do not need LibreOffice (and CI has none): its absence is what they see."""
    real = shutil.which
    monkeypatch.setattr(
        shutil, "which", lambda name, *a, **k: None if "office" in name else real(name, *a, **k)
    )


def obligation(agency_key, code, period_kind, number, year):
    return Obligation.objects.get(
        agency__key=agency_key,
        agency__province__code=code,
        kind__level="agency",
        kind__period_kind=period_kind,
        period_year=year,
        period_number=number,
    )


def send(ob, *, accept=True, narrative="", difficulties="", recommendations="", tasks=None):
    sub = services.submission_save(
        submission=services.submission_draft(obligation=ob),
        version=1,
        user=None,
        send=True,
        narrative=narrative,
        difficulties=difficulties,
        recommendations=recommendations,
        section_texts=tasks or {},
    )
    if accept:
        services.submission_transition(
            submission=sub, action="accept", version=sub.version, user=None
        )


def text_of(stored) -> str:
    with stored.open("rb") as stream:
        document = docx.Document(BytesIO(stream.read()))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture
def q1(thanh_hoa_regime):
    """Quarter 1/2025 of Thanh Hóa: Sở Y tế's report received, Sở Tài chính's sent only."""
    with time_machine.travel(dt.datetime(2025, 4, 2, 9)):
        send(
            obligation("so-y-te", "38", "quarter", 1, 2025),
            narrative="Cấp 12.000 thẻ BHYT cho trẻ em dưới 6 tuổi.\nKiểm tra 15 cơ sở y tế.",
            difficulties="Thiếu kinh phí tuyên truyền",
            recommendations="Bổ sung kinh phí cho tuyên truyền",
        )
        send(obligation("so-tai-chinh", "38", "quarter", 1, 2025), accept=False)
    return obligation("so-y-te", "38", "quarter", 1, 2025)


def generate(client, ob):
    url = reverse("reporting:consolidated_generate", args=[ob.kind.regime_id])
    data = {"kind": ob.kind_id, "year": ob.period_year, "number": ob.period_number}
    return client.post(url, data, follow=True)


@time_machine.travel(APRIL)
def test_standing_agency_generates_a_draft_that_names_missing_reporters(client, q1, no_soffice):
    login(client, "thanhhoa.thuongtruc")
    page = reverse("reporting:consolidated", args=[q1.kind.regime_id]) + "?nam=2025"
    html = client.get(page).content.decode()
    row = html[html.index("Quý 1/2025") :]
    row = row[: row.index("</tr>")]
    owed = Obligation.objects.filter(kind=q1.kind, period_year=2025, period_number=1).count()
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in row.split('<td class="text-end">')[1:5]]
    assert cells == [str(owed), "1", "1", str(owed - 2)]
    assert "Tạo dự thảo báo cáo tổng hợp" in row
    sheet = load_workbook(BytesIO(client.get(page + "&xuat=excel").content)).active
    quarter = next(r for r in sheet.iter_rows(min_row=5, values_only=True) if r[1] == "Quý 1/2025")
    assert quarter[3:7] == (owed, 1, 1, owed - 2) and "Sở Nội vụ tỉnh Thanh Hóa" in quarter[7]

    html = generate(client, q1).content.decode()
    assert "Đã tạo dự thảo báo cáo tổng hợp" in html
    draft = ConsolidatedReport.objects.get()
    assert draft.received == 1 and len(draft.missing) == owed - 2
    assert "Sở Nội vụ tỉnh Thanh Hóa" in draft.missing
    assert "Sở Tài chính tỉnh Thanh Hóa" not in draft.missing  # sent, only not yet received
    assert "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF" in html
    assert "thanhhoa.thuongtruc" in html and "Sở Nội vụ tỉnh Thanh Hóa" in html
    assert "INVALID" not in html

    text = text_of(draft.docx)
    assert "BÁO CÁO" in text and "quý 1/2025" in text
    assert (
        "BẢO HIỂM XÃ HỘI TỈNH THANH HÓA" in text and "Thanh Hóa, ngày 08 tháng 04 năm 2025" in text
    )
    assert "Sở Y tế tỉnh Thanh Hóa: Cấp 12.000 thẻ BHYT cho trẻ em dưới 6 tuổi." in text
    assert "\nKiểm tra 15 cơ sở y tế." in text  # a new line of the report is a new paragraph
    assert "Các cơ quan, đơn vị chưa gửi báo cáo:" in text and "Sở Nội vụ tỉnh Thanh Hóa" in text
    assert "- Sở Tài chính tỉnh Thanh Hóa (đã gửi, gửi ngày 02/04/2025)." in text
    assert "Sở Y tế tỉnh Thanh Hóa: Thiếu kinh phí tuyên truyền" in text
    assert "Sở Y tế tỉnh Thanh Hóa: Bổ sung kinh phí cho tuyên truyền" in text

    response = client.get(reverse("reporting:consolidated_download", args=[draft.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    assert (
        client.get(reverse("reporting:consolidated_download", args=[draft.pk, "pdf"])).status_code
        == 404
    )


@pytest.fixture
def kon_tum_half(kon_tum_regime):
    call_command("load_demo_targets", stdout=quiet())
    ob = obligation("so-tttt", "62", "half", 1, 2024)
    task = ob.kind.regime.plan.tasks.get(position=1)  # led by Sở Thông tin và Truyền thông
    with time_machine.travel(dt.datetime(2024, 7, 10, 9)):
        send(ob, narrative="Đã triển khai", tasks={task.pk: "Đăng 24 tin bài về BHYT học sinh"})
    return ob


@time_machine.travel(dt.datetime(2024, 7, 22, 9))
def test_plan_regime_draft_has_task_results_and_attainment(
    kon_tum_half, no_soffice, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):  # the same for 80 tasks as for 8
        draft = services.consolidated_generate(
            kind=kon_tum_half.kind, year=2024, number=1, user=None
        )
    document = docx.Document(draft.docx.path)
    text = text_of(draft.docx)
    assert "6 tháng đầu năm 2024" in text
    assert "có 76 nhiệm vụ; tính đến ngày 30/06/2024" in text
    tasks = next(t for t in document.tables if t.rows[0].cells[1].text == "Nhiệm vụ")
    first = [c.text for c in tasks.rows[1].cells]
    assert first[0] == "I.1" and first[2] == "Sở Thông tin và Truyền thông"
    assert first[4] == "Sở Thông tin và Truyền thông tỉnh Kon Tum: Đăng 24 tin bài về BHYT học sinh"
    assert len(tasks.rows) == 77
    indicators = next(t for t in document.tables if t.rows[0].cells[0].text == "Chỉ tiêu")
    bhyt = next(r for r in indicators.rows if r.cells[0].text == "Tỷ lệ bao phủ BHYT so với dân số")
    assert [c.text for c in bhyt.cells[1:]] == [
        "92,77 %",
        "94,15 %",
        "đạt 98,5 % chỉ tiêu",
        "Chậm tiến độ (dưới 1 điểm %)",
    ]
    assert "Lưu ý: số liệu dùng để tính là số liệu minh họa" in text
    # Targets counted in people or money read as a share of the plan.
    assert any(r.cells[3].text.endswith("% kế hoạch") for r in indicators.rows[1:])
    assert "Chi khám, chữa bệnh BHYT" not in text  # no fund budget loaded: no fund section


@time_machine.travel(dt.datetime(2024, 7, 22, 9))
def test_draft_has_the_health_insurance_fund_to_the_cut_off(kon_tum_half, no_soffice):
    call_command("load_demo_healthfund", stdout=quiet())
    draft = services.consolidated_generate(kind=kon_tum_half.kind, year=2024, number=1, user=None)
    text = text_of(draft.docx)
    assert "4. Chi khám, chữa bệnh BHYT năm 2024" in text
    # The demo's spending runs to December; the half-year report stops at its cut-off (30/06).
    assert re.search(
        r"Chi KCB BHYT đến hết tháng 6/2024: đã chi [\d.]+ đồng, đạt [\d,]+ % dự toán "
        r"\(1\.150\.000\.000\.000 đồng\); dự báo cả năm [\d.]+ đồng, bằng [\d,]+ % dự toán; "
        r"\d+ cơ sở có chỉ số chi phí cao hơn bình quân nhóm \(trong 40 cơ sở KCB BHYT\)\.",
        text,
    )
    months = next(
        t for t in docx.Document(draft.docx.path).tables if t.rows[0].cells[0].text == "Tháng"
    )
    assert [r.cells[0].text for r in months.rows[1:]] == ["1", "2", "3", "4", "5", "6"]
    assert "số liệu chi KCB BHYT là số liệu minh họa" in text


def test_sample_context_has_the_shape_of_a_real_one(kon_tum_half):
    obligations = period_obligations(kind=kon_tum_half.kind, year=2024, number=1)
    real = consolidated_context(
        kind=kon_tum_half.kind,
        year=2024,
        number=1,
        obligations=obligations,
        now=timezone.make_aware(APRIL),
    )

    def shape(value):
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items()}
        if isinstance(value, list):
            return [shape(value[0])] if value else []
        return type(value).__name__

    def same(a, b):
        if isinstance(a, dict):
            return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
        if isinstance(a, list):
            return not a or not b or same(a[0], b[0])
        return a == b

    assert same(shape(sample_context()), shape(real))


@pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="no LibreOffice"
)
@time_machine.travel(APRIL)
def test_pdf_when_libreoffice_is_installed(client, q1):
    login(client, "thanhhoa.thuongtruc")
    html = generate(client, q1).content.decode()
    draft = ConsolidatedReport.objects.get()
    assert "Máy chủ chưa cài LibreOffice" not in html
    response = client.get(reverse("reporting:consolidated_download", args=[draft.pk, "pdf"]))
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@time_machine.travel(APRIL)
def test_access(client, q1, kon_tum_regime, no_soffice):
    draft = services.consolidated_generate(kind=q1.kind, year=2025, number=1, user=None)
    page = reverse("reporting:consolidated", args=[q1.kind.regime_id])
    download = reverse("reporting:consolidated_download", args=[draft.pk, "docx"])
    templates = reverse("reporting:template_list", args=[q1.kind.regime.committee_id])
    login(client, "thanhhoa.lanhdao")
    html = client.get(page + "?nam=2025").content.decode()
    assert "Tạo dự thảo báo cáo tổng hợp" not in html and "Mẫu báo cáo tổng hợp" not in html
    assert client.get(download).status_code == 200
    assert generate(client, q1).status_code == 403
    assert client.get(templates).status_code == 403
    login(client, "thanhhoa.soyte")
    assert client.get(page).status_code == 403
    assert client.get(download).status_code == 403
    login(client, "kontum.thuongtruc")
    assert client.get(page).status_code == 404
    assert client.get(download).status_code == 404
    assert client.get(templates).status_code == 404
    login(client, "quantri")
    assert client.get(templates).status_code == 200
    client.logout()
    assert client.get(download).status_code == 302
    assert ConsolidatedReport.objects.count() == 1


@time_machine.travel(APRIL)
def test_period_without_obligations_or_of_the_wrong_level_is_refused(client, q1, no_soffice):
    login(client, "thanhhoa.thuongtruc")
    url = reverse("reporting:consolidated_generate", args=[q1.kind.regime_id])
    html = client.post(url, {"kind": q1.kind_id, "year": 2031, "number": 1}, follow=True)
    assert "Kỳ báo cáo này không có cơ quan nào phải báo cáo" in html.content.decode()
    standing = q1.kind.regime.kinds.get(level="standing", period_kind="quarter")
    html = client.post(url, {"kind": standing.pk, "year": 2025, "number": 1}, follow=True)
    assert "không phải báo cáo của chính cơ quan thường trực" in html.content.decode()
    html = client.get(reverse("reporting:consolidated", args=[q1.kind.regime_id]) + "?nam=2031")
    assert "Năm 2031 không có kỳ báo cáo định kỳ nào" in html.content.decode()
    assert "Chưa có dự thảo nào" in html.content.decode()
    assert not ConsolidatedReport.objects.exists()


@time_machine.travel(APRIL)
def test_generating_runs_as_a_background_task(client, q1, settings, no_soffice):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    login(client, "thanhhoa.thuongtruc")
    html = generate(client, q1).content.decode()
    assert "Đang tạo dự thảo báo cáo tổng hợp" in html
    assert not ConsolidatedReport.objects.exists()
    (queued,) = default_task_backend.results
    assert queued.kwargs == {
        "kind_id": q1.kind_id,
        "year": 2025,
        "number": 1,
        "user_id": queued.kwargs["user_id"],
    }
    queued.task.call(**queued.kwargs)
    assert ConsolidatedReport.objects.get().received == 1


def edited_template(extra: str) -> bytes:
    document = docx.Document(str(DEFAULT_TEMPLATE))
    document.add_paragraph(extra)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(client, committee, data: bytes, name="mau.docx"):
    url = reverse("reporting:template_upload", args=[committee.pk])
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(url, {"name": "", "file": SimpleUploadedFile(name, data)})


@time_machine.travel(APRIL)
def test_operator_uploads_a_template_uses_it_and_goes_back_to_the_default(client, q1, no_soffice):
    committee = q1.kind.regime.committee
    login(client, "thanhhoa.thuongtruc")
    default = client.get(reverse("reporting:template_download", args=[committee.pk]))
    assert b"".join(default.streaming_content) == DEFAULT_TEMPLATE.read_bytes()
    data = edited_template("Mẫu riêng của tỉnh: {{ ky }}, {{ so_chua_gui }} đơn vị chưa gửi.")
    assert upload(client, committee, data, "mau-thanh-hoa.docx").status_code == 302
    template = ReportTemplate.objects.get(is_active=True)
    current = client.get(reverse("reporting:template_download", args=[committee.pk]))
    assert b"".join(current.streaming_content) == data
    generate(client, q1)
    draft = ConsolidatedReport.objects.get()
    assert draft.template == template
    assert "Mẫu riêng của tỉnh: Quý 1/2025, " in text_of(draft.docx)

    url = reverse("reporting:template_activate", args=[committee.pk])
    client.post(url, {"mau": ""})
    assert not ReportTemplate.objects.filter(is_active=True).exists()
    generate(client, q1)
    assert "Mẫu riêng" not in text_of(ConsolidatedReport.objects.latest("pk").docx)
    client.post(url, {"mau": template.pk})
    html = client.get(reverse("reporting:template_list", args=[committee.pk])).content.decode()
    assert "mau-thanh-hoa.docx" in html and "Đang dùng" in html
    assert "INVALID" not in html
    assert "Lịch sử thay đổi" in html and "đang dùng" in html
    page = reverse("reporting:consolidated", args=[q1.kind.regime_id]) + "?nam=2025&ky="
    html = client.get(page + f"{q1.kind_id}-1").content.decode()
    assert html.count("Mẫu mặc định") == 1 and "mau-thanh-hoa.docx" in html
    assert "INVALID" not in html and 'id="period-detail"' in html


def _zip_without_document() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


BROKEN = [
    (b"not a zip", "mau.docx", "không phải tệp Word .docx"),
    (_zip_without_document(), "mau.docx", "thiếu word/document.xml"),
    (b"x", "mau.pdf", "Tệp mẫu phải là tệp Word .docx."),
    (b"0" * (5 * 1024 * 1024 + 1), "mau.docx", "vượt giới hạn 5 MB"),
    (
        edited_template("{% for b in bao_cao %}{{ b.co_quan }}"),
        "mau.docx",
        "Mẫu có lỗi cú pháp Jinja: còn khối chưa đóng",
    ),
    (edited_template("{{ so_chua_gui_ }}"), "mau.docx", "Mẫu dùng một biến không có"),
]


def test_broken_template_is_refused_and_the_one_in_use_stays(client, thanh_hoa_regime):
    committee = thanh_hoa_regime.committee
    login(client, "thanhhoa.thuongtruc")
    upload(client, committee, edited_template("{{ ky }}"), "dang-dung.docx")
    for data, name, message in BROKEN:
        response = upload(client, committee, data, name)
        assert response.status_code == 400, name
        assert message in response.content.decode(), message
    (kept,) = ReportTemplate.objects.all()
    assert kept.is_active and kept.name == "dang-dung.docx"


def test_default_template_is_rebuilt_by_its_command(tmp_path):
    target = tmp_path / "mau.docx"
    call_command("build_report_template", output=target, stdout=quiet())
    rebuilt = docx.Document(str(target))
    shipped = docx.Document(str(DEFAULT_TEMPLATE))
    assert [p.text for p in rebuilt.paragraphs] == [p.text for p in shipped.paragraphs]
    from ansinh.reporting.docx_render import template_problem

    assert template_problem(target.read_bytes(), sample_context()) == ""


@time_machine.travel(APRIL)
def test_page_stays_within_a_query_budget(client, q1, no_soffice, django_assert_max_num_queries):
    services.consolidated_generate(kind=q1.kind, year=2025, number=1, user=None)
    login(client, "thanhhoa.thuongtruc")
    url = reverse("reporting:consolidated", args=[q1.kind.regime_id])
    with django_assert_max_num_queries(15):
        client.get(url + f"?nam=2025&ky={q1.kind_id}-1")
