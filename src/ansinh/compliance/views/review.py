"""The review queue: uncertain pairs side by side, confirmed or rejected one or several at once;
and the decisions taken, with who and when, which can be undone. Standing agency only."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ansinh.compliance import perms, selectors_reconcile
from ansinh.compliance.enums import MatchStatus, Source
from ansinh.compliance.models import MatchCandidate, MatchDecision
from ansinh.compliance.services_reconcile import decision_undo, review_decide
from ansinh.core.history import history_for_objects
from ansinh.org.models import AdminUnit
from ansinh.org.views.common import paginate


def _districts(province):
    return AdminUnit.objects.filter(parent=province).order_by("name")


def review_queue(request):
    province = perms.get_province(request, request.GET.get("tinh"))
    perms.check_manage(request.user, province)
    filters = {
        "source": request.GET.get("nguon", ""),
        "locality": request.GET.get("dia_ban", ""),
        "band": request.GET.get("diem", ""),
    }
    pairs = selectors_reconcile.review_queue(province, **filters)
    page, querystring_base = paginate(request, pairs, per_page=25)
    return render(
        request,
        "compliance/review_queue.html",
        {
            "province": province,
            "page_obj": page,
            "querystring_base": querystring_base,
            "filters": filters,
            "sources": Source.choices,
            "districts": _districts(province),
            "bands": [(k, v[0]) for k, v in selectors_reconcile.SCORE_BANDS.items()],
            "run": selectors_reconcile.latest_run(province),
        },
    )


@require_POST
def review_decide_view(request):
    province = perms.get_province(request, request.POST.get("tinh"))
    perms.check_manage(request.user, province)
    ids = [int(i) for i in request.POST.getlist("cap") if i.isdigit()]
    pairs = list(
        MatchCandidate.objects.filter(
            pk__in=ids, run__province=province, status=MatchStatus.PENDING
        ).select_related("run__province", "record", "employer")
    )
    back = reverse("compliance:review_queue") + f"?tinh={province.pk}"
    if not pairs:
        messages.error(request, "Chọn ít nhất một cặp chờ xem xét.")
        return redirect(back)
    accepted = request.POST.get("ket_luan") == "dung"
    count = review_decide(
        candidates=pairs, accepted=accepted, user=request.user, note=request.POST.get("ghi_chu", "")
    )
    verdict = "là cùng một đơn vị" if accepted else "không phải cùng một đơn vị"
    messages.success(request, f"Đã ghi {count} cặp {verdict}; các lượt đối chiếu sau sẽ áp dụng.")
    return redirect(back)


def decision_list(request):
    province = perms.get_province(request, request.GET.get("tinh"))
    perms.check_manage(request.user, province)
    decisions = selectors_reconcile.decisions(province)
    page, querystring_base = paginate(request, decisions, per_page=50)
    decided = list(page.object_list)
    history = history_for_objects(decided, limit=50)
    # who took each decision: the actor of its creation in the change history
    by = {}
    for row in reversed(history):
        by.setdefault(str(row.entry.object_pk), row.entry.actor)
    for decision in decided:
        decision.decided_by = by.get(str(decision.pk))
    return render(
        request,
        "compliance/review_decisions.html",
        {
            "province": province,
            "page_obj": page,
            "querystring_base": querystring_base,
            "history": history,
        },
    )


@require_POST
def decision_undo_view(request, pk: int):
    decision = get_object_or_404(MatchDecision, pk=pk)
    province = perms.get_province(request, decision.province_id)
    perms.check_manage(request.user, province)
    decision_undo(decision=decision, user=request.user)
    messages.success(request, "Đã bỏ quyết định; cặp trở lại hàng chờ xem xét.")
    return redirect(reverse("compliance:review_decisions") + f"?tinh={province.pk}")
