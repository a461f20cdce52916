"""The consolidated report page of a regime (periods, drafts, generating), the drafts' downloads,
and the committee's Word templates.

Leaders read the page and download drafts; only the standing agency (and administrators)
generate drafts and manage templates; another agency gets 403, another province 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_tasks import TaskResultStatus
from openpyxl import Workbook

from ansinh.accounts.perms import can_manage_committee, visible_province_ids
from ansinh.core.excel import workbook_response, write_table
from ansinh.core.history import history_for_objects
from ansinh.core.periods import default_year
from ansinh.org.models import Committee
from ansinh.org.perms import get_committee_for_user
from ansinh.org.views.common import paginate
from ansinh.reporting import docx_render
from ansinh.reporting.consolidated_context import (
    consolidated_problem,
    period_obligations,
    period_summaries,
    regime_drafts,
    regime_years,
    with_period_labels,
)
from ansinh.reporting.enums import DocumentFormat, ReportLevel
from ansinh.reporting.forms_consolidated import GenerateForm, TemplateUploadForm
from ansinh.reporting.models import ConsolidatedReport, ReportTemplate
from ansinh.reporting.perms import can_read_all, get_regime_for_user
from ansinh.reporting.services import consolidated as services
from ansinh.reporting.tasks import consolidated_generate_task

MANAGE_ONLY = (
    "Chỉ cán bộ cơ quan thường trực Ban Chỉ đạo được tạo dự thảo báo cáo tổng hợp và quản lý "
    "mẫu báo cáo."
)


def _year(request, default: int) -> int:
    try:
        return int(request.GET.get("nam", default))
    except ValueError:
        return default


def consolidated(request, pk: int):
    regime = get_regime_for_user(request, pk)
    today = timezone.localdate()
    years = regime_years(regime=regime)
    year = _year(request, default_year(years=years, today=today))
    summaries = period_summaries(regime=regime, year=year)
    if request.GET.get("xuat") == "excel":
        return workbook_response(
            _periods_workbook(regime, year, summaries), f"tong-hop-bao-cao-{year}.xlsx"
        )
    selected = next((s for s in summaries if s.key == request.GET.get("ky")), None)
    drafts = regime_drafts(regime=regime, year=year, selected=selected)
    obligations = []
    if selected is not None:
        obligations = period_obligations(
            kind=selected.kind, year=year, number=selected.period.number
        )
    page, querystring = paginate(request, drafts, per_page=20)
    page.object_list = with_period_labels(page.object_list)
    context = {
        "regime": regime,
        "year": year,
        "years": years,
        "summaries": summaries,
        "selected": selected,
        "obligations": obligations,
        "page_obj": page,
        "querystring_base": querystring,
        "can_manage": can_manage_committee(request.user, regime.committee),
        "no_pdf": "" if docx_render.libreoffice() else docx_render.NO_LIBREOFFICE,
        "section": "reports",
    }
    return render(request, "reporting/consolidated.html", context)


def _periods_workbook(regime, year: int, summaries) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tình hình tổng hợp"
    rows = [
        [
            s.kind.name,
            s.period.label,
            s.deadline_words,
            s.owed,
            s.received,
            s.pending,
            s.missing,
            "; ".join(s.missing_names),
        ]
        for s in summaries
    ]
    headers = ["Loại báo cáo", "Kỳ", "Hạn gửi", "Phải báo cáo", "Đã tiếp nhận"]
    headers += ["Đã gửi, chưa tiếp nhận", "Chưa gửi", "Cơ quan chưa gửi"]
    write_table(
        sheet,
        f"BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ NĂM {year}",
        regime.name,
        headers,
        rows,
        [18, 22, 40, 12, 12, 14, 10, 80],
    )
    return workbook


@require_POST
def consolidated_generate(request, pk: int):
    regime = get_regime_for_user(request, pk)
    if not can_manage_committee(request.user, regime.committee):
        raise PermissionDenied(MANAGE_ONLY)
    form = GenerateForm(request.POST)
    kind = None
    if form.is_valid():
        kind = regime.kinds.filter(pk=form.cleaned_data["kind"]).first()
    if kind is None:
        messages.error(request, "Chọn loại báo cáo và kỳ báo cáo cần tổng hợp.")
        return redirect("reporting:consolidated", pk=regime.pk)
    year, number = form.cleaned_data["year"], form.cleaned_data["number"]
    back = (
        reverse("reporting:consolidated", args=[regime.pk]) + f"?nam={year}&ky={kind.pk}-{number}"
    )
    problem = consolidated_problem(kind=kind, year=year, number=number)
    if problem:
        messages.error(request, problem)
        return redirect(back)
    result = consolidated_generate_task.enqueue(
        kind_id=kind.pk, year=year, number=number, user_id=request.user.pk
    )
    if result.status == TaskResultStatus.SUCCESSFUL:
        messages.success(request, "Đã tạo dự thảo báo cáo tổng hợp; tải về ở danh sách bên dưới.")
    elif result.status == TaskResultStatus.FAILED:
        messages.error(request, f"Không tạo được dự thảo báo cáo tổng hợp. {_reason(result)}")
    else:
        messages.info(
            request, "Đang tạo dự thảo báo cáo tổng hợp; tải lại trang sau ít phút để thấy bản mới."
        )
    return redirect(back)


def _reason(result) -> str:
    """The message of a ValidationError the task ended with (a template that no longer renders);
    other failures are the administrator's to read in the log."""
    for error in result.errors:
        if error.exception_class_path.endswith("ValidationError"):
            last = error.traceback.strip().splitlines()[-1]
            return last.split(":", 1)[-1].strip(" []'\"")
    return "Lỗi đã được ghi lại; hãy báo quản trị hệ thống."


def consolidated_download(request, pk: int, fmt: str):
    report = get_object_or_404(
        ConsolidatedReport.objects.filter(
            kind__regime__committee__province_id__in=visible_province_ids(request.user)
        ).select_related("kind__regime__committee"),
        pk=pk,
    )
    if not can_read_all(request.user, report.kind.regime.committee):
        raise PermissionDenied("Chỉ cơ quan thường trực và lãnh đạo Ban Chỉ đạo tải dự thảo này.")
    if fmt not in DocumentFormat.values:
        raise Http404
    stored = report.pdf if fmt == DocumentFormat.PDF else report.docx
    if not stored:
        raise Http404("Dự thảo này không có bản PDF.")
    name = stored.name.rsplit("/", 1)[-1]
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name)


# Templates ------------------------------------------------------------------------------------


def _committee_for_manager(request, pk: int) -> Committee:
    return get_committee_for_user(request, pk, manage=True, refusal=MANAGE_ONLY)


def _templates_page(request, committee, form=None, status=200):
    templates = ReportTemplate.objects.filter(committee=committee).select_related("created_by")
    page, querystring = paginate(request, templates.order_by("-created_at", "-pk"), per_page=20)
    context = {
        "committee": committee,
        "regimes": committee.regimes.filter(kinds__level=ReportLevel.AGENCY).distinct(),
        "active": services.active_template(committee=committee),
        "page_obj": page,
        "querystring_base": querystring,
        "form": form or TemplateUploadForm(),
        "history": history_for_objects(list(templates)),
        "max_mb": docx_render.MAX_TEMPLATE_BYTES // 1024 // 1024,
        "section": "reports",
    }
    return render(request, "reporting/report_templates.html", context, status=status)


def _template_id(raw: str) -> int | None:
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return int(raw)


def template_list(request, pk: int):
    return _templates_page(request, _committee_for_manager(request, pk))


@require_POST
def template_upload(request, pk: int):
    committee = _committee_for_manager(request, pk)
    form = TemplateUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.report_template_upload(
                committee=committee,
                name=form.cleaned_data["name"],
                data=upload.read(),
                filename=upload.name,
                user=request.user,
            )
            messages.success(request, "Đã tải lên mẫu mới; từ nay dự thảo dùng mẫu này.")
            return redirect("reporting:template_list", pk=committee.pk)
        except ValidationError as error:
            form.add_error(None, error)
    return _templates_page(request, committee, form=form, status=400)


def template_download(request, pk: int):
    committee = _committee_for_manager(request, pk)
    chosen = _template_id(request.GET.get("mau", ""))
    if chosen:
        template = get_object_or_404(ReportTemplate, committee=committee, pk=chosen)
    else:
        template = services.active_template(committee=committee)
    if template is None:
        default = docx_render.DEFAULT_TEMPLATE
        return FileResponse(default.open("rb"), as_attachment=True, filename=default.name)
    name = template.file.name.rsplit("/", 1)[-1]
    return FileResponse(template.file.open("rb"), as_attachment=True, filename=name)


@require_POST
def template_activate(request, pk: int):
    committee = _committee_for_manager(request, pk)
    chosen = _template_id(request.POST.get("mau", ""))
    template = get_object_or_404(ReportTemplate, committee=committee, pk=chosen) if chosen else None
    services.report_template_activate(committee=committee, template=template, user=request.user)
    messages.success(
        request,
        f"Từ nay dự thảo dùng mẫu “{template.name}”." if template else "Đã quay về mẫu mặc định.",
    )
    return redirect("reporting:template_list", pk=committee.pk)
