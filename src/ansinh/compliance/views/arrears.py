"""Chậm đóng: the BHXH office uploads its statement of insured units and arrears (data date and
file) → preview (units, totals, rows whose closing balance disagrees, problems by row and
column) → confirm; the statements of the province; one statement's figures by class and locality
and its lines. The standing agency uploads; leaders read; anyone else is refused (perms.py)."""

import base64
import json

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ansinh.compliance import perms, selectors_arrears
from ansinh.compliance.exports_arrears import statement_workbook
from ansinh.compliance.forms_arrears import ArrearsUploadForm, LineFilter
from ansinh.compliance.importers.arrears import arrears_read
from ansinh.compliance.models import ArrearsStatement
from ansinh.compliance.services_arrears import arrears_import, statement_exists
from ansinh.core.enums import ImportStatus
from ansinh.core.excel import workbook_response
from ansinh.core.models import ImportBatch
from ansinh.core.services import import_batch_apply, import_batch_record
from ansinh.core.vnformat import parse_date
from ansinh.org.models import AdminUnit
from ansinh.org.views.common import paginate
from ansinh.targets.importers.common import ImportProblems

KIND = "compliance_arrears"


def statement_list(request):
    province = perms.get_province(request, request.GET.get("tinh"))
    perms.check_read(request.user, province)
    page, querystring_base = paginate(
        request, selectors_arrears.statements(province=province), per_page=24
    )
    return render(request, "compliance/arrears_list.html", {
        "province": province, "page_obj": page, "querystring_base": querystring_base,
        "manage": perms.can_manage(request.user, province),
    })  # fmt: skip


# Upload, preview, confirm ----------------------------------------------------------------------


def _stored(batch: ImportBatch) -> tuple[dict, bytes]:
    stored = json.loads(batch.content)
    return stored, base64.b64decode(stored["data"])


def _read(batch: ImportBatch, province: AdminUnit):
    stored, content = _stored(batch)
    return arrears_read(
        filename=batch.filename, content=content, province=province,
        as_of=parse_date(stored["as_of"]), period_months=stored["period_months"],
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def upload(request):
    province = perms.get_province(request, request.GET.get("tinh") or request.POST.get("tinh"))
    perms.check_manage(request.user, province)
    form = ArrearsUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        filename, content = form.cleaned_data["file"]
        stored = {
            "province": province.pk,
            "as_of": form.cleaned_data["as_of"].isoformat(),
            "period_months": form.cleaned_data["period_months"],
            "data": base64.b64encode(content).decode("ascii"),
        }
        batch = import_batch_record(
            kind=KIND, filename=filename, content=json.dumps(stored), user=request.user
        )
        try:
            parsed = _read(batch, province)
        except ImportProblems as exc:
            batch.problems, batch.status = exc.messages, ImportStatus.REJECTED
        else:
            batch.summary = parsed.summary()
        batch.save(update_fields=["problems", "status", "summary"])
        return redirect("compliance:arrears_preview", pk=batch.pk)
    recent = ImportBatch.objects.filter(kind=KIND, created_by=request.user)[:10]
    return render(request, "compliance/arrears_upload.html", {
        "form": form, "province": province, "recent": recent,
    })  # fmt: skip


def _batch(request, pk) -> tuple[ImportBatch, AdminUnit]:
    batch = get_object_or_404(ImportBatch, pk=pk, kind=KIND, created_by=request.user)
    stored, _ = _stored(batch)
    province = perms.get_province(request, stored["province"])
    perms.check_manage(request.user, province)
    return batch, province


def preview(request, pk):
    batch, province = _batch(request, pk)
    stored, _ = _stored(batch)
    as_of = parse_date(stored["as_of"])
    parsed = None
    if batch.status == ImportStatus.PREVIEWED and not batch.problems:
        parsed = _read(batch, province)
    return render(request, "compliance/arrears_preview.html", {
        "batch": batch, "province": province, "as_of": as_of, "parsed": parsed,
        "period_months": stored["period_months"], "statuses": ImportStatus,
        "exists": statement_exists(province=province, as_of=as_of),
    })  # fmt: skip


@require_POST
def apply(request, pk):
    batch, province = _batch(request, pk)
    stored, content = _stored(batch)

    def write() -> str:
        statement = arrears_import(
            province=province, as_of=parse_date(stored["as_of"]), filename=batch.filename,
            content=content, user=request.user, replace=request.POST.get("replace") == "1",
            period_months=stored["period_months"],
        )  # fmt: skip
        ArrearsStatement.objects.filter(pk=statement.pk).update(batch=batch)
        return (
            f"{statement.row_count} đơn vị, {statement.disagreeing_rows} dòng lệch số dư "
            f"(bảng số liệu nợ #{statement.pk})"
        )

    try:
        applied = import_batch_apply(batch=batch, apply=write)
    except ImportProblems as exc:
        messages.error(request, f"Không nạp được, chưa ghi gì: {'; '.join(exc.messages)}")
        return redirect("compliance:arrears_preview", pk=batch.pk)
    if applied is None:
        messages.warning(request, "Tệp này đã được nạp trước đó (hoặc có lỗi), không nạp lại.")
        return redirect("compliance:arrears_preview", pk=batch.pk)
    statement = ArrearsStatement.objects.get(batch=batch)
    messages.success(request, f"Đã nạp {batch.filename}: {applied.summary}")
    return redirect("compliance:arrears_statement", pk=statement.pk)


# One statement -----------------------------------------------------------------------------


def statement_detail(request, pk):
    statement = get_object_or_404(ArrearsStatement.objects.select_related("province"), pk=pk)
    province = perms.get_province(request, statement.province_id)
    perms.check_read(request.user, province)
    filters = LineFilter(request.GET).values()
    summary = selectors_arrears.summary(statement=statement)
    lines = selectors_arrears.lines(statement=statement, filters=filters)
    rate = selectors_arrears.rate(statement=statement)
    if request.GET.get("xuat") == "xlsx":
        per_locality = request.GET.get("theo") == "dia-ban"
        workbook = statement_workbook(
            statement=statement, summary=summary, lines=lines, rate=rate,
            per_locality=per_locality,
        )  # fmt: skip
        suffix = "-theo-dia-ban" if per_locality else ""
        return workbook_response(workbook, f"cham-dong-{statement.as_of:%Y-%m-%d}{suffix}.xlsx")
    page, querystring_base = paginate(request, lines, per_page=50)
    return render(request, "compliance/arrears_statement.html", {
        "province": province, "statement": statement, "summary": summary, "rate": rate,
        "page_obj": page, "querystring_base": querystring_base, "filters": filters,
        "classes": selectors_arrears.ArrearsClass,
        "localities": [row for row in summary.localities if row.unit is not None],
        "manage": perms.can_manage(request.user, province),
        "upload_url": f"{reverse('compliance:arrears_upload')}?tinh={province.pk}",
    })  # fmt: skip
