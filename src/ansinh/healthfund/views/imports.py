"""Upload → (map columns) → preview with problems by row and column → confirm. Nothing is
written before the confirmation; the file is read again then, in one transaction."""

import base64
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ansinh.core.enums import ImportStatus
from ansinh.core.models import ImportBatch
from ansinh.core.services import import_batch_apply, import_batch_record
from ansinh.healthfund import perms, services
from ansinh.healthfund.forms import UploadForm
from ansinh.healthfund.importers.common import ImportProblems, read_table
from ansinh.healthfund.importers.facilities import facilities_read
from ansinh.healthfund.importers.references import references_read
from ansinh.healthfund.importers.spending import guess_mapping, mapping_fields, spending_read
from ansinh.healthfund.models import ColumnMapping
from ansinh.org.models import AdminUnit

KINDS = {
    "co-so": ("healthfund_facilities", "Nạp danh sách cơ sở KCB BHYT"),
    "tham-chieu": ("healthfund_references", "Nạp bình quân vùng, toàn quốc"),
    "chi-thang": ("healthfund_spending", "Nạp số liệu chi KCB BHYT tháng"),
}


def _kind(kind):
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


def _stored(batch):
    stored = json.loads(batch.content)
    return stored, base64.b64decode(stored["data"])


def _read(kind, batch, province):
    stored, content = _stored(batch)
    if kind == "co-so":
        return facilities_read(filename=batch.filename, content=content, province=province)
    if kind == "tham-chieu":
        return references_read(filename=batch.filename, content=content, year=stored["year"])
    table = read_table(filename=batch.filename, content=content)
    return spending_read(
        table=table, mapping=stored.get("mapping", {}), province=province, year=stored["year"]
    )


def _summary(kind, parsed, province) -> str:
    if kind == "co-so":
        return f"{len(parsed)} cơ sở KCB BHYT của {province.name}"
    if kind == "tham-chieu":
        return f"{len(parsed)} giá trị bình quân vùng, toàn quốc"
    return parsed.summary()


def _check(kind, batch, province):
    """Read the stored file and record its problems or its summary on the batch."""
    try:
        parsed = _read(kind, batch, province)
    except ImportProblems as exc:
        batch.problems, batch.status, batch.summary = exc.messages, ImportStatus.REJECTED, ""
    else:
        batch.problems, batch.status = [], ImportStatus.PREVIEWED
        batch.summary = _summary(kind, parsed, province)
    batch.save(update_fields=["problems", "status", "summary"])


@require_http_methods(["GET", "POST"])
def upload(request, kind):
    batch_kind, title = _kind(kind)
    province = perms.get_province(request, request.GET.get("tinh") or request.POST.get("tinh"))
    perms.check_manage(request.user, province)
    form = UploadForm(request.POST or None, request.FILES or None,
                      needs_year=kind != "co-so", needs_source=kind == "chi-thang")  # fmt: skip
    if request.method == "POST" and form.is_valid():
        filename, content = form.cleaned_data["file"]
        stored = {"province": province.pk, "year": form.cleaned_data.get("year"),
                  "source": form.cleaned_data.get("source", ""),
                  "data": base64.b64encode(content).decode("ascii")}  # fmt: skip
        batch = import_batch_record(kind=batch_kind, filename=filename,
                                    content=json.dumps(stored), user=request.user)  # fmt: skip
        if kind == "chi-thang":
            return redirect("healthfund:spending_mapping", pk=batch.pk)
        _check(kind, batch, province)
        return redirect("healthfund:import_preview", kind=kind, pk=batch.pk)
    recent = ImportBatch.objects.filter(kind=batch_kind, created_by=request.user)[:10]
    return render(request, "healthfund/upload.html", {
        "form": form, "kind": kind, "title": title, "province": province, "recent": recent,
    })  # fmt: skip


def _batch(request, kind, pk) -> tuple[ImportBatch, AdminUnit]:
    batch = get_object_or_404(ImportBatch, pk=pk, kind=_kind(kind)[0], created_by=request.user)
    stored, _ = _stored(batch)
    province = perms.get_province(request, stored["province"])
    perms.check_manage(request.user, province)
    return batch, province


@require_http_methods(["GET", "POST"])
def spending_mapping(request, pk):
    batch, province = _batch(request, "chi-thang", pk)
    stored, content = _stored(batch)
    try:
        headers = [h for h in read_table(filename=batch.filename, content=content).headers if h]
    except ImportProblems as exc:
        batch.problems, batch.status = exc.messages, ImportStatus.REJECTED
        batch.save(update_fields=["problems", "status"])
        return redirect("healthfund:import_preview", kind="chi-thang", pk=batch.pk)
    remembered = ColumnMapping.objects.filter(province=province, source=stored["source"]).first()
    current = {k: v for k, v in (remembered.columns if remembered else {}).items() if v in headers}
    current = current or guess_mapping(headers)
    fields = mapping_fields()
    if request.method == "POST":
        chosen = {f: request.POST.get(f, "") for f in fields}
        chosen = {f: h for f, h in chosen.items() if h in headers}
        services.mapping_remember(province=province, source=stored["source"], columns=chosen,
                                  user=request.user)  # fmt: skip
        stored["mapping"] = chosen
        batch.content = json.dumps(stored)
        batch.save(update_fields=["content"])
        _check("chi-thang", batch, province)
        return redirect("healthfund:import_preview", kind="chi-thang", pk=batch.pk)
    rows = [
        {"field": f, "label": label, "chosen": current.get(f, "")} for f, label in fields.items()
    ]
    return render(request, "healthfund/mapping.html", {
        "batch": batch, "rows": rows, "headers": headers, "source": stored["source"],
        "remembered": remembered is not None, "province": province,
    })  # fmt: skip


def preview(request, kind, pk):
    batch, province = _batch(request, kind, pk)
    loaded = []
    if kind == "chi-thang" and batch.status == ImportStatus.PREVIEWED and not batch.problems:
        loaded = _read(kind, batch, province).loaded_months(province)
    return render(request, "healthfund/preview.html", {
        "batch": batch, "kind": kind, "title": _kind(kind)[1], "province": province,
        "loaded": loaded, "statuses": ImportStatus,
    })  # fmt: skip


@require_POST
def apply(request, kind, pk):
    batch, province = _batch(request, kind, pk)
    stored, _ = _stored(batch)
    replace = request.POST.get("replace") == "1"

    def write():
        parsed = _read(kind, batch, province)
        if kind == "co-so":
            return services.facilities_apply(province=province, rows=parsed, user=request.user)
        if kind == "tham-chieu":
            return services.references_apply(rows=parsed, year=stored["year"])
        return services.spending_apply(province=province, spending_file=parsed,
                                       replace=replace, batch=batch)  # fmt: skip

    try:
        applied = import_batch_apply(batch=batch, apply=write)
    except (ImportProblems, ValidationError) as exc:
        text = "; ".join(exc.messages)
        messages.error(request, f"Không nạp được, chưa ghi gì: {text}")
        return redirect("healthfund:import_preview", kind=kind, pk=batch.pk)
    if applied is None:
        messages.warning(request, "Tệp này đã được nạp trước đó (hoặc có lỗi), không nạp lại.")
        return redirect("healthfund:import_preview", kind=kind, pk=batch.pk)
    messages.success(request, f"Đã nạp {batch.filename}: {applied.summary}")
    target = "healthfund:burn_down" if kind == "chi-thang" else "healthfund:facility_list"
    return redirect(f"{reverse(target)}?tinh={province.pk}")
