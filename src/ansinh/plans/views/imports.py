"""Loading a plan from a file: upload → preview (map unrecognised names) → apply once."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ansinh.accounts import perms
from ansinh.core.enums import ImportStatus
from ansinh.core.excel import workbook_response
from ansinh.core.models import ImportBatch
from ansinh.core.services import import_batch_apply, import_batch_record
from ansinh.org.models import Agency, Committee
from ansinh.plans import services
from ansinh.plans.exports import template_workbook
from ansinh.plans.forms import PlanUploadForm
from ansinh.plans.importers.draft import draft_summary
from ansinh.plans.importers.read import plan_file_read
from ansinh.plans.models import Plan
from ansinh.plans.perms import managed_committees

KIND = "plan"


@require_http_methods(["GET", "POST"])
def plan_upload(request):
    committees = managed_committees(request.user)
    if not committees:
        raise PermissionDenied("Chỉ cán bộ cơ quan thường trực được nạp kế hoạch.")
    form = PlanUploadForm(request.POST or None, request.FILES or None, committees=committees)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        draft = plan_file_read(
            data=upload.read(),
            filename=upload.name,
            committee=form.cleaned_data["committee"],
            year=form.cleaned_data["year"],
            title=form.cleaned_data["title"],
        )
        committee = Committee.objects.get(pk=draft["plan"]["committee"])
        if not perms.can_manage_committee(request.user, committee):
            raise PermissionDenied(
                f"Tệp là kế hoạch của {committee.name}, bạn không quản lý Ban này."
            )
        batch = import_batch_record(
            kind=KIND,
            filename=upload.name,
            content=json.dumps(draft, ensure_ascii=False),
            user=request.user,
            summary=draft_summary(draft),
            problems=draft["errors"],
        )
        return redirect("plans:import_preview", pk=batch.pk)
    recent = ImportBatch.objects.filter(kind=KIND, created_by=request.user)[:10]
    return render(
        request,
        "plans/import_upload.html",
        {"form": form, "recent": recent, "section": "plans"},
    )


def _batch(request, pk) -> tuple[ImportBatch, dict]:
    batch = get_object_or_404(ImportBatch, pk=pk, kind=KIND, created_by=request.user)
    return batch, json.loads(batch.content)


def _tree(draft):
    """Groups with their tasks, in document order, for the preview."""
    rows = []
    by_group: dict = {}
    for task in draft["tasks"]:
        by_group.setdefault(task["group"], []).append(task)
    depth = {}
    for index, group in enumerate(draft["groups"]):
        depth[index] = 0 if group["parent"] is None else depth[group["parent"]] + 1
        rows.append({"group": group, "depth": depth[index]})
        rows.extend({"task": t, "depth": depth[index] + 1} for t in by_group.get(index, []))
    rows[:0] = [{"task": t, "depth": 0} for t in by_group.get(None, [])]
    return rows


@require_http_methods(["GET", "POST"])
def plan_import_preview(request, pk):
    batch, draft = _batch(request, pk)
    committee = get_object_or_404(Committee, pk=draft["plan"]["committee"])
    agencies = Agency.objects.filter(province_id=committee.province_id, is_active=True).order_by(
        "name"
    )
    if request.method == "POST" and batch.status == ImportStatus.PREVIEWED:
        known = {str(a.pk) for a in agencies}
        remember = set(draft.get("remember") or [])
        for index, name in enumerate(draft["unmatched"]):
            choice = request.POST.get(f"map-{index}", "")
            if choice in known:
                draft["mapping"][name] = int(choice)
            elif choice == "":
                draft["mapping"].pop(name, None)
            if draft["mapping"].get(name) and request.POST.get(f"remember-{index}"):
                remember.add(name)
            else:
                remember.discard(name)
        draft["remember"] = [n for n in draft["unmatched"] if n in remember]
        batch.content = json.dumps(draft, ensure_ascii=False)
        batch.save(update_fields=["content"])
        messages.success(request, "Đã lưu cách gán đơn vị.")
        return redirect("plans:import_preview", pk=batch.pk)
    unmatched = [
        {
            "index": i,
            "name": name,
            "where": where,
            "mapped": draft["mapping"].get(name),
            "remember": name in (draft.get("remember") or []),
        }
        for i, (name, where) in enumerate(draft["unmatched"].items())
    ]
    return render(
        request,
        "plans/import_preview.html",
        {
            "batch": batch,
            "draft": draft,
            "committee": committee,
            "rows": _tree(draft),
            "unmatched": unmatched,
            "unmapped": [u for u in unmatched if not u["mapped"]],
            "agencies": agencies,
            "statuses": ImportStatus,
            "section": "plans",
        },
    )


@require_POST
def plan_import_apply(request, pk):
    batch, draft = _batch(request, pk)
    committee = get_object_or_404(Committee, pk=draft["plan"]["committee"])
    if not perms.can_manage_committee(request.user, committee):
        raise PermissionDenied("Chỉ cán bộ cơ quan thường trực được nạp kế hoạch.")
    unmapped = [n for n in draft["unmatched"] if not draft["mapping"].get(n)]
    if (draft["warnings"] or unmapped) and not request.POST.get("accept"):
        messages.error(
            request,
            "Còn vấn đề hoặc tên đơn vị chưa gán: gán tên cho cơ quan, hoặc đánh dấu "
            "“chấp nhận” để nạp như vậy.",
        )
        return redirect("plans:import_preview", pk=batch.pk)
    created: list[Plan] = []

    def apply():
        created.append(services.plan_import(draft=draft, user=request.user))
        return draft_summary(draft)

    try:
        applied = import_batch_apply(batch=batch, apply=apply)
    except (ValidationError, IntegrityError) as exc:
        text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, f"Không nạp được: {text}")
        return redirect("plans:import_preview", pk=batch.pk)
    if applied is None:
        messages.warning(request, "Tệp này đã được nạp trước đó (hoặc có lỗi), không nạp lại.")
        return redirect("plans:import_preview", pk=batch.pk)
    messages.success(request, f"Đã nạp kế hoạch: {applied.summary}.")
    return redirect("plans:plan_detail", pk=created[0].pk)


def plan_template(request):
    return workbook_response(template_workbook(), "mau-ke-hoach.xlsx")
