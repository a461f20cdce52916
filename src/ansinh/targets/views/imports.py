"""Upload targets or periodic values: check, preview (problems by row and column, quality
flags), then write once on confirmation."""

import base64
import json

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ansinh.core.enums import ImportStatus
from ansinh.core.models import ImportBatch
from ansinh.core.services import import_batch_apply, import_batch_record
from ansinh.org.models import AdminUnit
from ansinh.targets import perms, services
from ansinh.targets.forms import UploadForm
from ansinh.targets.importers.common import ImportProblems
from ansinh.targets.importers.targets import read_yaml_or_raise, targets_read_workbook
from ansinh.targets.importers.values import values_read_workbook
from ansinh.targets.quality import quality_flags

KINDS = {"chi-tieu": "targets", "so-lieu": "target_values"}
TITLES = {"chi-tieu": "Nạp chỉ tiêu", "so-lieu": "Nạp số liệu kỳ"}


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


def _read(kind: str, *, filename: str, content: bytes, province: AdminUnit):
    if kind == "chi-tieu":
        if filename.lower().endswith((".yaml", ".yml")):
            return read_yaml_or_raise(content.decode("utf-8", errors="replace"), filename)
        return targets_read_workbook(content=content, province=province)
    return values_read_workbook(content=content, province=province)


def _managed_provinces(user):
    units = AdminUnit.objects.filter(pk__in=perms.target_province_ids(user))
    ids = [u.pk for u in units if perms.can_manage_targets(user, u)]
    return AdminUnit.objects.filter(pk__in=ids).order_by("-edition", "name")


@require_http_methods(["GET", "POST"])
def upload(request, kind):
    batch_kind = _kind(kind)
    provinces = _managed_provinces(request.user)
    if not provinces:
        perms.check_may_manage(request.user, perms.get_province_for_user(request))
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        provinces=provinces,
        accept_yaml=kind == "chi-tieu",
    )
    if request.method == "POST" and form.is_valid():
        province = form.cleaned_data["province"]
        filename, content = form.cleaned_data["file"]
        stored = json.dumps(
            {"province": province.pk, "data": base64.b64encode(content).decode("ascii")}
        )
        try:
            parsed = _read(kind, filename=filename, content=content, province=province)
        except ImportProblems as exc:
            batch = import_batch_record(
                kind=batch_kind,
                filename=filename,
                content=stored,
                user=request.user,
                problems=exc.messages,
            )
        else:
            if getattr(parsed, "province", province) != province:
                perms.check_may_manage(request.user, parsed.province)
            summary = parsed.summary()
            if kind == "so-lieu":
                flags = quality_flags(parsed.rows)
                if flags:
                    summary += "\nCảnh báo chất lượng số liệu (không tự sửa, hãy rà soát):\n"
                    summary += "\n".join(f"- {f}" for f in flags[:200])
            batch = import_batch_record(
                kind=batch_kind, filename=filename, content=stored, user=request.user,
                summary=summary,
            )  # fmt: skip
        return redirect("targets:import_preview", kind=kind, pk=batch.pk)
    recent = ImportBatch.objects.filter(kind=batch_kind, created_by=request.user)[:10]
    return render(
        request,
        "targets/upload.html",
        {"form": form, "kind": kind, "title": TITLES[kind], "recent": recent,
         "section": "targets"},
    )  # fmt: skip


def _batch(request, kind, pk) -> ImportBatch:
    return get_object_or_404(ImportBatch, pk=pk, kind=_kind(kind), created_by=request.user)


def preview(request, kind, pk):
    batch = _batch(request, kind, pk)
    lines = batch.summary.splitlines()
    return render(
        request,
        "targets/preview.html",
        {
            "batch": batch,
            "kind": kind,
            "title": TITLES[kind],
            "summary": lines[0] if lines else "",
            "warnings": [line[2:] for line in lines if line.startswith("- ")],
            "statuses": ImportStatus,
            "section": "targets",
        },
    )


@require_POST
def apply(request, kind, pk):
    batch = _batch(request, kind, pk)
    stored = json.loads(batch.content)
    province = get_object_or_404(AdminUnit, pk=stored["province"])
    perms.check_may_manage(request.user, province)
    content = base64.b64decode(stored["data"])

    def write():
        parsed = _read(kind, filename=batch.filename, content=content, province=province)
        if kind == "chi-tieu":
            return services.targets_apply(target_file=parsed, user=request.user)
        return services.values_apply(rows=parsed.rows, user=request.user)

    try:
        applied = import_batch_apply(batch=batch, apply=write)
    except ImportProblems as exc:
        messages.error(request, "Dữ liệu đã thay đổi từ lúc xem trước: " + "; ".join(exc.messages))
        return redirect("targets:import_preview", kind=kind, pk=batch.pk)
    if applied is None:
        messages.warning(request, "Tệp này đã được nạp trước đó (hoặc có lỗi), không nạp lại.")
        return redirect("targets:import_preview", kind=kind, pk=batch.pk)
    messages.success(request, f"Đã nạp {batch.filename}: {applied.summary}")
    if kind == "chi-tieu":
        return redirect(f"{_url('targets:target_list')}?tinh={province.pk}")
    return redirect(f"{_url('targets:attainment')}?tinh={province.pk}")


def _url(name):
    from django.urls import reverse

    return reverse(name)
