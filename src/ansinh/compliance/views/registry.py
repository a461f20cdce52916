"""A data partner's quarterly list: upload → column mapping (remembered per partner) → preview
with problems by row and column → confirm; the lists of a year with each partner's quarters;
one list's rows, filtered and exported. Nothing is written before the confirmation."""

import base64
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from openpyxl import Workbook

from ansinh.compliance import perms, selectors_registry, services_registry
from ansinh.compliance.enums import RegistryStatus, Source
from ansinh.compliance.forms_registry import RegistryUploadForm
from ansinh.compliance.importers.registry import FIELDS, REQUIRED
from ansinh.compliance.models import RegistrySnapshot
from ansinh.core.enums import ImportStatus
from ansinh.core.excel import workbook_response, write_table
from ansinh.core.models import ImportBatch
from ansinh.core.services import import_batch_apply, import_batch_record
from ansinh.core.tables import read_table
from ansinh.org.models import Agency
from ansinh.org.views.common import paginate
from ansinh.targets.importers.common import ImportProblems

PREVIEW_ROWS = 10


def _check_partner_or_read(user, province) -> None:
    if not (perms.can_read(user, province) or perms.partner_roles(user, province)):
        raise PermissionDenied("Chỉ cơ quan phối hợp, BHXH tỉnh và lãnh đạo xem được trang này.")


def _year(request) -> int:
    try:
        return int(request.GET.get("nam") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


def snapshot_list(request):
    province = perms.get_province(request, request.GET.get("tinh"))
    _check_partner_or_read(request.user, province)
    year = _year(request)
    if selectors_registry.sees_all(request.user, province):
        partners = _all_partners(province)
    else:
        partners = selectors_registry.partner_choices(user=request.user, province=province)
    snapshots = selectors_registry.snapshots_for(user=request.user, province=province).filter(
        period_year=year
    )
    return render(request, "compliance/registry_list.html", {
        "province": province, "year": year, "years": range(year + 1, year - 4, -1),
        "status_rows": selectors_registry.quarter_status(
            province=province, year=year, partners=partners, today=timezone.localdate()),
        "snapshots": snapshots,
        "can_upload": bool(selectors_registry.partner_choices(user=request.user,
                                                              province=province)),
    })  # fmt: skip


def _all_partners(province):
    from ansinh.compliance.config import rules_for

    rules = rules_for(province)
    agencies = {a.key: a for a in Agency.objects.filter(province=province)}
    return [
        selectors_registry.PartnerChoice(agencies[p.agency], p.source)
        for p in rules.partners
        if p.agency in agencies
    ]


def _stored(batch):
    stored = json.loads(batch.content)
    return stored, base64.b64decode(stored["data"])


@require_http_methods(["GET", "POST"])
def upload(request):
    province = perms.get_province(request, request.GET.get("tinh") or request.POST.get("tinh"))
    choices = selectors_registry.partner_choices(user=request.user, province=province)
    if not choices:
        perms.check_read(request.user, province)  # 403 for an officer of no partner agency
        raise PermissionDenied("Chỉ cơ quan phối hợp hoặc BHXH tỉnh nạp được danh sách.")
    form = RegistryUploadForm(
        request.POST or None, request.FILES or None,
        partners=[(c.value, c.label) for c in choices],
        initial={"year": timezone.localdate().year},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        chosen = {c.value: c for c in choices}[form.cleaned_data["partner"]]
        filename, content = form.cleaned_data["file"]
        stored = {"province": province.pk, "agency": chosen.agency.pk, "source": chosen.source,
                  "year": form.cleaned_data["year"], "quarter": form.cleaned_data["quarter"],
                  "data": base64.b64encode(content).decode("ascii")}  # fmt: skip
        batch = import_batch_record(kind=services_registry.BATCH_KIND, filename=filename,
                                    content=json.dumps(stored), user=request.user)  # fmt: skip
        return redirect("compliance:registry_mapping", pk=batch.pk)
    return render(request, "compliance/registry_upload.html", {
        "form": form, "province": province,
        "recent": ImportBatch.objects.filter(kind=services_registry.BATCH_KIND,
                                             created_by=request.user)[:10],
    })  # fmt: skip


def _batch(request, pk):
    """The user's own upload, its stored fields, province and agency; 404 for anyone else's."""
    batch = get_object_or_404(
        ImportBatch, pk=pk, kind=services_registry.BATCH_KIND, created_by=request.user
    )
    stored, content = _stored(batch)
    province = perms.get_province(request, stored["province"])
    agency = get_object_or_404(Agency, pk=stored["agency"], province=province)
    if not (perms.can_manage(request.user, province) or request.user.agency_id == agency.pk):
        raise Http404
    return batch, stored, content, province, agency


def _check(batch, stored, content, province, agency):
    """Check the stored file with its mapping; record problems or the summary on the batch."""
    try:
        _, _, parsed = services_registry.registry_check(
            province=province, agency=agency, source=stored["source"], filename=batch.filename,
            content=content, mapping=stored.get("mapping") or {},
        )  # fmt: skip
    except ImportProblems as exc:
        batch.problems, batch.status, batch.summary = exc.messages, ImportStatus.REJECTED, ""
        parsed = None
    else:
        batch.problems, batch.status, batch.summary = [], ImportStatus.PREVIEWED, parsed.summary()
    batch.save(update_fields=["problems", "status", "summary"])
    return parsed


@require_http_methods(["GET", "POST"])
def mapping(request, pk):
    batch, stored, content, province, agency = _batch(request, pk)
    if batch.status == ImportStatus.APPLIED:
        return redirect("compliance:registry_preview", pk=batch.pk)
    try:
        table = read_table(filename=batch.filename, content=content)
    except ImportProblems as exc:
        batch.problems, batch.status = exc.messages, ImportStatus.REJECTED
        batch.save(update_fields=["problems", "status"])
        return redirect("compliance:registry_preview", pk=batch.pk)
    headers = [h for h in table.headers if h]
    if request.method == "POST":
        chosen = {f: request.POST.get(f, "") for f in FIELDS}
        stored["mapping"] = {f: h for f, h in chosen.items() if h in headers}
        batch.content = json.dumps(stored)
        batch.save(update_fields=["content"])
        _check(batch, stored, content, province, agency)
        return redirect("compliance:registry_preview", pk=batch.pk)
    current, remembered = services_registry.mapping_for(
        province=province, agency=agency, source=stored["source"], headers=headers
    )
    current = stored.get("mapping") or current
    examples = dict.fromkeys(headers, "")
    for _, values in table.rows[:3]:
        for position, header in enumerate(table.headers):
            if header in examples and not examples[header] and position < len(values):
                examples[header] = "" if values[position] is None else str(values[position])[:40]
    rows = [{"field": f, "label": label, "required": f in REQUIRED, "chosen": current.get(f, "")}
            for f, label in FIELDS.items()]  # fmt: skip
    return render(request, "compliance/registry_mapping.html", {
        "batch": batch, "stored": stored, "agency": agency, "province": province, "rows": rows,
        "headers": headers, "examples": examples, "remembered": remembered,
        "encoding": table.encoding_name, "source_label": Source(stored["source"]).label,
    })  # fmt: skip


def preview(request, pk):
    batch, stored, content, province, agency = _batch(request, pk)
    parsed, existing = None, None
    if batch.status == ImportStatus.PREVIEWED and not batch.problems:
        parsed = _check(batch, stored, content, province, agency)
        existing = RegistrySnapshot.objects.filter(
            province=province, agency=agency, source=stored["source"],
            period_year=stored["year"], period_quarter=stored["quarter"],
        ).first()  # fmt: skip
    return render(request, "compliance/registry_preview.html", {
        "batch": batch, "stored": stored, "agency": agency, "province": province,
        "parsed": parsed, "first_rows": parsed.rows[:PREVIEW_ROWS] if parsed else [],
        "existing": existing, "statuses": ImportStatus,
        "source_label": Source(stored["source"]).label,
        "obligation": services_registry.quarter_obligation(
            province=province, agency=agency, source=stored["source"], year=stored["year"],
            quarter=stored["quarter"]),
    })  # fmt: skip


@require_POST
def apply(request, pk):
    batch, stored, content, province, agency = _batch(request, pk)
    result = {}

    def write():
        snapshot = services_registry.registry_import(
            province=province, agency=agency, source=stored["source"], year=stored["year"],
            quarter=stored["quarter"], filename=batch.filename, content=content,
            mapping=stored.get("mapping") or None, user=request.user,
            replace=request.POST.get("replace") == "1", batch=batch,
        )  # fmt: skip
        result["snapshot"] = snapshot
        return snapshot.summary

    try:
        applied = import_batch_apply(batch=batch, apply=write)
    except (ImportProblems, ValidationError) as exc:
        messages.error(request, f"Không nạp được, chưa ghi gì: {'; '.join(exc.messages)}")
        return redirect("compliance:registry_preview", pk=batch.pk)
    if applied is None:
        messages.warning(request, "Tệp này đã được nạp trước đó (hoặc có lỗi), không nạp lại.")
        return redirect("compliance:registry_preview", pk=batch.pk)
    snapshot = result["snapshot"]
    note = "" if snapshot.obligation_id else (
        " Chưa có nghĩa vụ báo cáo quý này trong chế độ báo cáo nên chưa tính vào bảng theo dõi."
    )  # fmt: skip
    messages.success(request, f"Đã nạp {batch.filename}: {applied.summary}.{note}")
    return redirect("compliance:registry_snapshot", pk=snapshot.pk)


def snapshot_detail(request, pk):
    snapshot = get_object_or_404(
        RegistrySnapshot.objects.select_related("agency", "obligation", "province"), pk=pk
    )
    province = perms.get_province(request, snapshot.province_id)
    _check_partner_or_read(request.user, province)
    mine = request.user.agency_id == snapshot.agency_id
    if not (mine or selectors_registry.sees_all(request.user, province)):
        raise Http404
    status = request.GET.get("tinh_trang", "")
    locality = request.GET.get("dia_ban", "")
    query = request.GET.get("q", "").strip()
    records = selectors_registry.record_list(
        snapshot=snapshot, status=status, locality=locality, query=query
    )
    if request.GET.get("xuat") == "xlsx":
        return _export(snapshot, records)
    page, querystring_base = paginate(request, records, per_page=50)
    return render(request, "compliance/registry_snapshot.html", {
        "snapshot": snapshot, "province": province, "page_obj": page,
        "querystring_base": querystring_base, "status": status, "locality": locality,
        "query": query, "statuses": RegistryStatus.choices,
        "localities": selectors_registry.record_localities(snapshot=snapshot),
        "counts": selectors_registry.status_counts(snapshot=snapshot),
    })  # fmt: skip


def _export(snapshot, records):
    workbook = Workbook()
    write_table(
        workbook.active,
        f"{snapshot.agency.name} — danh sách doanh nghiệp quý {snapshot.period_quarter}/"
        f"{snapshot.period_year}",
        f"{records.count()} doanh nghiệp, số liệu tại {snapshot.as_of:%d/%m/%Y}",
        ["Dòng", "Mã số thuế", "Tên doanh nghiệp", "Địa chỉ", "Địa bàn", "Tình trạng",
         "Ngày", "Ngành nghề", "Số lao động", "Quỹ lương (đồng)", "Trong KKT, KCN"],
        ([r.row_number, r.tax_code, r.name, r.address,
          r.admin_unit.name if r.admin_unit else "", r.get_status_display(),
          r.status_date.strftime("%d/%m/%Y") if r.status_date else "", r.sector, r.employees,
          r.wage_fund, "x" if r.in_zone else ""] for r in records.iterator()),
        [6, 14, 40, 40, 20, 22, 12, 24, 10, 16, 8],
    )  # fmt: skip
    name = f"danh-sach-dn-q{snapshot.period_quarter}-{snapshot.period_year}.xlsx"
    return workbook_response(workbook, name)
