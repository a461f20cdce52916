from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ansinh.accounts import perms
from ansinh.core.enums import ImportStatus
from ansinh.core.models import ImportBatch
from ansinh.core.services import import_batch_apply, import_batch_record
from ansinh.org.forms import ProvinceFileForm
from ansinh.org.importers.province_file import province_file_load
from ansinh.org.importers.yamlfile import FileProblems

KIND = "province_file"


def _check_may_load(request, report):
    from ansinh.org.models import Committee

    existing = Committee.objects.filter(province_id=report.province_id, key=report.committee_key)
    for committee in existing:
        if not perms.can_manage_committee(request.user, committee):
            raise PermissionDenied(
                f"Tệp thay đổi {committee.name}, bạn không phải cán bộ thường trực của Ban này."
            )


@require_http_methods(["GET", "POST"])
def province_file_upload(request):
    if not perms.can_create_committee(request.user):
        raise PermissionDenied("Chỉ cán bộ cơ quan thường trực được nạp tệp dữ liệu tỉnh.")
    form = ProvinceFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        filename, text = form.cleaned_data["file"]
        try:
            report = province_file_load(text=text, filename=filename, dry_run=True)
        except FileProblems as exc:
            batch = import_batch_record(
                kind=KIND,
                filename=filename,
                content=text,
                user=request.user,
                problems=exc.messages,
            )
        else:
            _check_may_load(request, report)
            batch = import_batch_record(
                kind=KIND,
                filename=filename,
                content=text,
                user=request.user,
                summary=report.summary(),
            )
        return redirect("org:province_file_preview", pk=batch.pk)
    recent = ImportBatch.objects.filter(kind=KIND, created_by=request.user)[:10]
    return render(
        request,
        "org/province_file_upload.html",
        {
            "form": form,
            "recent": recent,
            "section": "committee",
        },
    )


def province_file_preview(request, pk):
    batch = get_object_or_404(ImportBatch, pk=pk, kind=KIND, created_by=request.user)
    return render(
        request,
        "org/province_file_preview.html",
        {
            "batch": batch,
            "section": "committee",
            "statuses": ImportStatus,
        },
    )


@require_POST
def province_file_apply(request, pk):
    batch = get_object_or_404(ImportBatch, pk=pk, kind=KIND, created_by=request.user)
    if not perms.can_create_committee(request.user):
        raise PermissionDenied
    try:
        applied = import_batch_apply(
            batch=batch,
            apply=lambda: province_file_load(
                text=batch.content, filename=batch.filename, user=request.user
            ).summary(),
        )
    except FileProblems as exc:
        messages.error(request, "Dữ liệu đã thay đổi từ lúc xem trước: " + "; ".join(exc.messages))
        return redirect("org:province_file_preview", pk=batch.pk)
    if applied is None:
        messages.warning(request, "Tệp này đã được nạp trước đó (hoặc có lỗi), không nạp lại.")
    else:
        messages.success(request, f"Đã nạp {batch.filename}: {applied.summary}")
    return redirect("core:home")
