"""Báo cáo đột xuất: the standing agency asks chosen reporters for a report by a date."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from openpyxl import Workbook

from ansinh.accounts.perms import can_manage_committee, visible_province_ids
from ansinh.core.excel import workbook_response, write_table
from ansinh.core.history import history_for_objects
from ansinh.org.views.common import paginate
from ansinh.reporting import deadlines
from ansinh.reporting import selectors_adhoc as sel
from ansinh.reporting.forms_regimes import AdHocRequestForm
from ansinh.reporting.models import AdHocRequest
from ansinh.reporting.perms import can_read_all, get_regime_for_user
from ansinh.reporting.services.adhoc import adhoc_request_create
from ansinh.reporting.services.regimes import regime_reporters

ASK_ONLY = "Chỉ cán bộ cơ quan thường trực Ban Chỉ đạo được yêu cầu báo cáo đột xuất."


@require_http_methods(["GET", "POST"])
def adhoc_list(request, pk: int):
    regime = get_regime_for_user(request, pk)
    can_ask = can_manage_committee(request.user, regime.committee)
    if request.method == "POST" and not can_ask:
        raise PermissionDenied(ASK_ONLY)
    kinds = sel.adhoc_kinds(regime=regime)
    form = None
    if can_ask and kinds:
        reporters = regime_reporters(regime=regime)
        form = AdHocRequestForm(request.POST or None, kinds=kinds, reporters=reporters)
    status = 200
    if request.method == "POST" and form is not None:
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                adhoc = adhoc_request_create(
                    kind=form.chosen_kind(),
                    user=request.user,
                    title=data["title"],
                    content=data["content"],
                    due_date=data["due_date"],
                    agencies=form.chosen_agencies(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"Đã gửi yêu cầu báo cáo đột xuất đến {adhoc.obligations.count()} cơ quan.",
                )
                return redirect("reporting:adhoc_detail", pk=adhoc.pk)
    page, querystring_base = paginate(request, sel.adhoc_requests(regime=regime), per_page=25)
    context = {
        "regime": regime,
        "has_kind": bool(kinds),
        "can_ask": can_ask,
        "form": form,
        "page_obj": page,
        "querystring_base": querystring_base,
        "section": "reports",
    }
    return render(request, "reporting/adhoc_list.html", context, status=status)


def _get_request(request, pk: int) -> AdHocRequest:
    adhoc = get_object_or_404(
        AdHocRequest.objects.filter(
            kind__regime__committee__province_id__in=visible_province_ids(request.user)
        ).select_related("kind__regime__committee", "created_by"),
        pk=pk,
    )
    if not can_read_all(request.user, adhoc.kind.regime.committee):
        raise PermissionDenied("Chỉ cơ quan thường trực và lãnh đạo Ban Chỉ đạo xem trang này.")
    return adhoc


def adhoc_detail(request, pk: int):
    adhoc = _get_request(request, pk)
    obligations = sel.adhoc_obligations(request=adhoc, today=timezone.localdate())
    if request.GET.get("xuat") == "excel":
        return workbook_response(_workbook(adhoc, obligations), f"dot-xuat-{adhoc.pk}.xlsx")
    sent = sum(1 for ob in obligations if ob.sub and ob.sub.first_submitted_at)
    context = {
        "adhoc": adhoc,
        "regime": adhoc.kind.regime,
        "deadline": deadlines.deadline_words(due=adhoc.due_date, reading=adhoc.kind.regime.reading),
        "obligations": obligations,
        "sent": sent,
        "missing": len(obligations) - sent,
        "history": history_for_objects([adhoc]),
        "section": "reports",
    }
    return render(request, "reporting/adhoc_detail.html", context)


def _workbook(adhoc: AdHocRequest, obligations) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Báo cáo đột xuất"
    rows = [
        [
            number,
            ob.agency.name,
            ob.state.label,
            timezone.localtime(ob.sub.submitted_at).replace(tzinfo=None)
            if ob.sub and ob.sub.submitted_at
            else None,
        ]
        for number, ob in enumerate(obligations, start=1)
    ]
    write_table(
        sheet,
        f"BÁO CÁO ĐỘT XUẤT: {adhoc.title.upper()}",
        f"{adhoc.kind.regime.name}; "
        + deadlines.deadline_words(due=adhoc.due_date, reading=adhoc.kind.regime.reading),
        ["STT", "Cơ quan", "Trạng thái", "Gửi lúc"],
        rows,
        [6, 50, 20, 18],
    )
    for (cell,) in sheet.iter_rows(min_row=5, min_col=4, max_col=4):
        cell.number_format = "DD/MM/YYYY HH:MM"
    return workbook
