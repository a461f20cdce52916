"""Inspections (thanh tra, kiểm tra): the ranked candidates, the cases (create from selected
candidates, record progress and outcome), each with Excel export. The standing agency manages;
leaders read."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from ansinh.compliance import perms, selectors_inspections, services_inspections
from ansinh.compliance.enums import InspectionOutcome, InspectionStatus
from ansinh.compliance.forms_inspections import CaseForm, ProgressForm
from ansinh.compliance.models import InspectionCase
from ansinh.core.excel import workbook_response, write_table
from ansinh.core.history import history_for_objects
from ansinh.core.vnformat import format_date
from ansinh.org.views.common import paginate


def _read(request):
    province = perms.get_province(request, request.GET.get("tinh"))
    perms.check_read(request.user, province)
    return province


def _case(request, pk) -> InspectionCase:
    case = get_object_or_404(
        InspectionCase.objects.select_related("province", "lead_agency"), pk=pk
    )
    perms.get_province(request, case.province_id)  # 404 outside the user's provinces
    perms.check_read(request.user, case.province)
    return case


def candidate_list(request):
    province = _read(request)
    query = request.GET.get("q", "")
    today = timezone.localdate()
    candidates = selectors_inspections.inspection_candidates(
        province=province, today=today, query=query
    )
    if request.GET.get("xuat") == "xlsx":
        workbook = Workbook()
        write_table(
            workbook.active, f"Đơn vị đề xuất thanh tra, kiểm tra – {province.name}",
            f"{len(candidates)} đơn vị, xếp theo điểm; lập ngày {format_date(today)}.",
            ["STT", "Mã số thuế", "Mã đơn vị BHXH", "Tên đơn vị", "Địa bàn", "Số tháng chậm đóng",
             "Số tiền chậm đóng (đồng)", "Điểm", "Lý do"],
            ([i, c.employer.tax_code, c.employer.insurer_code, c.employer.name,
              c.employer.admin_unit.name if c.employer.admin_unit else "", c.months_late,
              c.amount, c.score, c.reasons_text] for i, c in enumerate(candidates, start=1)),
            [6, 16, 14, 40, 20, 10, 18, 8, 60],
        )  # fmt: skip
        return workbook_response(workbook, "de-xuat-thanh-tra.xlsx")
    page, querystring_base = paginate(request, candidates, per_page=50)
    return render(request, "compliance/inspection_candidates.html", {
        "province": province, "page_obj": page, "querystring_base": querystring_base,
        "query": query, "manage": perms.can_manage(request.user, province),
        "statement": selectors_inspections.latest_statement(province=province),
        "scoring": {
            "month": selectors_inspections.MONTH_POINTS,
            "months_cap": selectors_inspections.MONTHS_CAP,
            "amount_step": selectors_inspections.AMOUNT_STEP,
            "amount_cap": selectors_inspections.AMOUNT_CAP,
            "findings": [(k.label, p) for k, p in selectors_inspections.FINDING_POINTS.items()],
            "not_inspected": selectors_inspections.NOT_INSPECTED_POINTS,
        },
    })  # fmt: skip


def case_list(request):
    province = _read(request)
    status, outcome = request.GET.get("trang_thai", ""), request.GET.get("ket_qua", "")
    status = status if status in InspectionStatus.values else ""
    outcome = outcome if outcome in InspectionOutcome.values else ""
    year = request.GET.get("nam", "")
    year = int(year) if year.isdigit() else None
    cases = selectors_inspections.inspection_cases(
        province=province, status=status, outcome=outcome, year=year
    )
    if request.GET.get("xuat") == "xlsx":
        workbook = Workbook()
        write_table(
            workbook.active, f"Thanh tra, kiểm tra – {province.name}", f"{cases.count()} đợt",
            ["Tên đợt", "Số quyết định", "Cơ quan chủ trì", "Từ ngày", "Đến ngày", "Số đơn vị",
             "Trạng thái", "Kết quả", "Xử phạt (đồng)", "Thu hồi (đồng)", "Ngày chuyển công an",
             "Theo dõi sau thanh tra"],
            ([c.title, c.decision_number, c.lead_agency.name, format_date(c.starts_on),
              format_date(c.ends_on), c.employer_count, c.get_status_display(),
              c.get_outcome_display(), c.fined_amount, c.recovered_amount,
              format_date(c.referred_on), c.follow_up] for c in cases),
            [36, 14, 24, 11, 11, 8, 14, 24, 14, 14, 12, 40],
        )  # fmt: skip
        return workbook_response(workbook, "thanh-tra-kiem-tra.xlsx")
    page, querystring_base = paginate(request, cases, per_page=50)
    return render(request, "compliance/inspection_list.html", {
        "province": province, "page_obj": page, "querystring_base": querystring_base,
        "status": status, "outcome": outcome, "year": year,
        "statuses": InspectionStatus, "outcomes": InspectionOutcome,
        "years": selectors_inspections.inspection_years(province=province),
        "manage": perms.can_manage(request.user, province),
    })  # fmt: skip


def _apply_errors(form, error: ValidationError) -> None:
    for name, messages in error.message_dict.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


def case_create(request):
    province = perms.get_province(request, request.GET.get("tinh"))
    perms.check_manage(request.user, province)
    source = request.POST if request.method == "POST" else request.GET
    chosen = [int(v) for v in source.getlist("employers") + source.getlist("dv") if v.isdigit()]
    form = CaseForm(
        request.POST or None,
        province=province,
        shown_employers=chosen,
        initial={"employers": chosen},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services_inspections.inspection_create(
                province=province, user=request.user, title=data["title"],
                decision_number=data["decision_number"], team=data["team"],
                lead_agency=data["lead_agency"], employers=data["all_employers"],
                starts_on=data["starts_on"], ends_on=data["ends_on"],
            )  # fmt: skip
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return redirect("compliance:inspection_detail", case.pk)
    return render(
        request,
        "compliance/inspection_form.html",
        {"province": province, "form": form},
        status=400 if form.errors else 200,
    )


def case_detail(request, pk):
    case = _case(request, pk)
    manage = perms.can_manage(request.user, case.province)
    form = ProgressForm(
        initial={
            "status": case.status,
            "ends_on": format_date(case.ends_on),
            "outcome": case.outcome,
            "fined_amount": case.fined_amount or "",
            "recovered_amount": case.recovered_amount or "",
            "referred_on": format_date(case.referred_on),
            "follow_up": case.follow_up,
        }
    )
    return _detail(request, case, form, manage)


def _detail(request, case, form, manage, status=200):
    return render(
        request,
        "compliance/inspection_detail.html",
        {
            "case": case,
            "province": case.province,
            "employers": case.employers.select_related("admin_unit").order_by("name"),
            "form": form if manage else None,
            "manage": manage,
            "history": history_for_objects([case]),
        },
        status=status,
    )


@require_POST
def case_progress(request, pk):
    case = _case(request, pk)
    perms.check_manage(request.user, case.province)
    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            services_inspections.inspection_update(
                case=case, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            case.refresh_from_db()
            _apply_errors(form, error)
        else:
            return redirect("compliance:inspection_detail", case.pk)
    return _detail(request, case, form, True, status=400)
