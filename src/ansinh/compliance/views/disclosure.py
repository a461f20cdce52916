"""The standing agency's page for the public list of late payers: preview what a statement would
publish, publish it, withdraw a list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ansinh.compliance import perms, selectors_inspections, services_inspections
from ansinh.compliance.config import rules_for
from ansinh.compliance.models import ArrearsStatement, Disclosure
from ansinh.org.views.common import paginate


def disclosure_manage(request):
    province = perms.get_province(request, request.GET.get("tinh"))
    perms.check_read(request.user, province)
    statements = ArrearsStatement.objects.filter(province=province).order_by("-as_of")
    chosen = request.GET.get("bang", "")
    statement = get_object_or_404(statements, pk=chosen) if chosen.isdigit() else statements.first()
    min_months = rules_for(province).disclosure_min_months
    preview = (
        selectors_inspections.disclosure_preview(statement=statement, min_months=min_months)
        if statement
        else []
    )
    page, querystring_base = paginate(request, preview, per_page=50)
    return render(request, "compliance/disclosure_manage.html", {
        "province": province, "statements": statements[:12], "statement": statement,
        "min_months": min_months, "page_obj": page, "querystring_base": querystring_base,
        "current": selectors_inspections.current_disclosure(province=province),
        "disclosures": Disclosure.objects.filter(province=province, published_at__isnull=False)
        .select_related("published_by").order_by("-published_at")[:20],
        "manage": perms.can_manage(request.user, province),
    })  # fmt: skip


def _back(province) -> str:
    return f"{reverse('compliance:disclosure_manage')}?tinh={province.pk}"


@require_POST
def disclosure_publish(request, statement_pk):
    statement = get_object_or_404(
        ArrearsStatement.objects.select_related("province"), pk=statement_pk
    )
    perms.get_province(request, statement.province_id)  # 404 outside the user's provinces
    perms.check_manage(request.user, statement.province)
    try:
        disclosure = services_inspections.disclosure_publish(statement=statement, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"Đã công khai {disclosure.entries.count()} đơn vị chậm đóng (số liệu tại "
            f"{disclosure.as_of:%d/%m/%Y})."
        )  # fmt: skip
    return redirect(_back(statement.province))


@require_POST
def disclosure_withdraw(request, pk):
    disclosure = get_object_or_404(Disclosure.objects.select_related("province"), pk=pk)
    perms.get_province(request, disclosure.province_id)
    perms.check_manage(request.user, disclosure.province)
    try:
        services_inspections.disclosure_withdraw(disclosure=disclosure, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã gỡ danh sách khỏi trang công khai.")
    return redirect(_back(disclosure.province))
