"""Reconciliation runs: start one (standing agency), watch its progress (the section is polled
by htmx every second while the run is going) and read its results."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ansinh.compliance import perms, selectors_reconcile
from ansinh.compliance.enums import RunStatus
from ansinh.compliance.models import Reconciliation
from ansinh.compliance.tasks import reconciliation_task


def run_list(request):
    province = perms.get_province(request, request.GET.get("tinh"))
    perms.check_read(request.user, province)
    return render(
        request,
        "compliance/reconcile_list.html",
        {
            "province": province,
            "manage": perms.can_manage(request.user, province),
            "runs": selectors_reconcile.runs(province)[:20],
        },
    )


@require_POST
def run_start(request):
    province = perms.get_province(request, request.POST.get("tinh"))
    perms.check_manage(request.user, province)
    # a run silent for half an hour lost its worker; it no longer blocks a new one
    going = selectors_reconcile.runs(province).filter(
        status__in=[RunStatus.QUEUED, RunStatus.RUNNING],
        updated_at__gte=timezone.now() - dt.timedelta(minutes=30),
    )
    if going.exists():
        messages.info(request, "Đang có một lượt đối chiếu chạy; theo dõi tiến độ ở đây.")
        return redirect("compliance:reconcile_detail", pk=going.first().pk)
    run = Reconciliation.objects.create(province=province, stage="Đang chờ chạy")
    # A failure is stored on the run row (status, message), which the page shows.
    reconciliation_task.enqueue(run_id=run.pk, user_id=request.user.pk)
    return redirect(reverse("compliance:reconcile_detail", args=[run.pk]))


def run_detail(request, pk: int):
    run = get_object_or_404(Reconciliation.objects.select_related("province"), pk=pk)
    province = perms.get_province(request, run.province_id)
    perms.check_read(request.user, province)
    template = "compliance/reconcile_detail.html"
    if request.htmx:
        template += "#progress"
    return render(
        request,
        template,
        {
            "province": province,
            "run": run,
            "going": run.status in (RunStatus.QUEUED, RunStatus.RUNNING),
            "manage": perms.can_manage(request.user, province),
        },
    )
