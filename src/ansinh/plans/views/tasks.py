from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ansinh.core.excel import workbook_response
from ansinh.core.history import history_for_objects
from ansinh.org.models import Agency
from ansinh.plans import selectors, services
from ansinh.plans.enums import ReportKind, UnitRole
from ansinh.plans.exports import agency_tasks_workbook
from ansinh.plans.forms import ConfirmDeleteForm, MyTasksFilterForm, ProgressForm, TaskForm
from ansinh.plans.models import Attachment, Plan, Task, TaskUnit
from ansinh.plans.perms import (
    can_manage_plan,
    can_view_agency_tasks,
    get_plan_for_user,
    get_task_for_user,
    report_kind_for,
)
from ansinh.plans.views.common import today


def _task_context(request, task, form=None):
    day = today()
    reports = list(selectors.task_reports(task=task))
    kind = report_kind_for(request.user, task)
    if form is None and kind:
        form = ProgressForm(task=task, kind=kind)
    units = sorted(  # lead units first, as the plan's table lists them
        task.units.select_related("agency", "agency_group"),
        key=lambda unit: (unit.role != UnitRole.LEAD, unit.position),
    )
    objects = [task, *units, *reports, *[a for r in reports for a in r.attachments.all()]]
    return {
        "task": task,
        "plan": task.plan,
        "state": selectors.task_status(
            task=task, reports=sorted(reports, key=lambda r: (r.reported_on, r.pk)), today=day
        ),
        "units": units,
        "agencies": selectors.task_agencies(task=task),
        "reports": reports,
        "form": form,
        "report_kind": kind,
        "report_kinds": ReportKind,
        "can_manage": can_manage_plan(request.user, task.plan),
        "province_agencies": Agency.objects.filter(
            province_id=task.plan.committee.province_id, is_active=True
        ).order_by("name")
        if can_manage_plan(request.user, task.plan)
        else [],
        "rule": selectors.STATUS_RULE,
        "history": history_for_objects(objects),
        "section": "plans",
    }


def task_detail(request, pk):
    task = get_task_for_user(request, pk)
    return render(request, "plans/task_detail.html", _task_context(request, task))


@require_POST
def progress_add(request, pk):
    task = get_task_for_user(request, pk)
    kind = report_kind_for(request.user, task)
    if kind is None:
        raise PermissionDenied(
            "Chỉ đơn vị chủ trì (báo cáo tiến độ) hoặc phối hợp (báo cáo phối hợp) của nhiệm vụ "
            "được báo cáo."
        )
    form = ProgressForm(request.POST, request.FILES, task=task, kind=kind)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.progress_record(
                task=task,
                agency=request.user.agency,
                kind=kind,
                period=data["period"],
                text=data["text"],
                percent=data.get("percent"),
                milestone=data["milestone"],
                reported_on=data["reported_on"],
                files=data["files"],
                user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã ghi nhận báo cáo.")
            return redirect("plans:task_detail", pk=task.pk)
    return render(
        request, "plans/task_detail.html", _task_context(request, task, form=form), status=400
    )


@require_http_methods(["GET", "POST"])
def task_edit(request, pk=None, plan_pk=None):
    if pk is not None:
        task = get_task_for_user(request, pk, manage=True)
        plan = task.plan
    else:
        plan = get_plan_for_user(request, plan_pk, manage=True)
        task = Task(plan=plan, group_id=request.GET.get("nhom") or None)
    form = TaskForm(request.POST or None, instance=task, plan=plan)
    if request.method == "POST" and form.is_valid():
        changed = pk is None or bool({"lead_text", "coordinators_text"} & set(form.changed_data))
        try:
            task = services.task_save(task=form.instance, user=request.user, units_changed=changed)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã lưu nhiệm vụ.")
            return redirect("plans:task_detail", pk=task.pk)
    return render(
        request,
        "plans/task_form.html",
        {"form": form, "task": task, "plan": plan, "section": "plans"},
    )


@require_http_methods(["GET", "POST"])
def task_delete(request, pk):
    task = get_task_for_user(request, pk, manage=True)
    plan = task.plan
    data = request.POST if request.method == "POST" else None
    form = ConfirmDeleteForm(data, reports=task.reports.count())
    if request.method == "POST" and form.is_valid():
        try:
            services.task_delete(
                task=task, user=request.user, with_reports=form.cleaned_data["with_reports"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Đã xóa nhiệm vụ “{task}”.")
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(
        request,
        "plans/confirm_delete.html",
        {
            "plan": plan,
            "object_label": f"nhiệm vụ “{task}”",
            "blocked": False,
            "form": form,
            "cancel_url": reverse("plans:task_detail", args=[task.pk]),
            "section": "plans",
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def unit_assign(request, pk, unit_pk):
    task = get_task_for_user(request, pk, manage=True)
    unit = get_object_or_404(TaskUnit, pk=unit_pk, task=task)
    agency = get_object_or_404(
        Agency, pk=request.POST.get("agency") or 0, province_id=task.plan.committee.province_id
    )
    services.task_unit_assign(unit=unit, agency=agency, user=request.user)
    messages.success(request, f"“{unit.name}” được gán cho {agency.name}.")
    return redirect("plans:task_detail", pk=task.pk)


def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("report"), pk=pk)
    get_task_for_user(request, attachment.report.task_id)  # 404 outside the user's provinces
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp không còn trên máy chủ.") from exc
    return FileResponse(handle, as_attachment=True, filename=attachment.name)


def my_tasks(request):
    agency = request.user.agency
    if request.GET.get("co_quan"):
        agency = get_object_or_404(Agency, pk=request.GET["co_quan"])
        if not can_view_agency_tasks(request.user, agency):
            raise Http404
    context = {"section": "my_tasks", "agency": agency, "tasks": [], "plan": None}
    if agency is None:
        return render(request, "plans/my_tasks.html", {**context, "form": None})
    plans = list(
        Plan.objects.filter(committee__province_id=agency.province_id).order_by("-year", "title")
    )
    plan = plans[0] if plans else None
    wanted = request.GET.get("ke_hoach")
    if wanted and wanted.isdigit():
        plan = next((p for p in plans if p.pk == int(wanted)), plan)
    groups = list(plan.groups.filter(parent__isnull=True).order_by("position")) if plan else []
    form = MyTasksFilterForm(
        request.GET or None, plans=plans, groups=groups, initial={"ke_hoach": plan and plan.pk}
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    tasks = []
    if plan is not None:
        tasks = selectors.agency_tasks(
            agency=agency,
            plan=plan,
            today=today(),
            group_id=filters.get("nhom"),
            status=filters.get("trang_thai", ""),
            role=filters.get("vai_tro", ""),
            due_before=filters.get("han_den"),
        )
    if request.GET.get("xuat") == "excel" and plan is not None:
        return workbook_response(
            agency_tasks_workbook(agency=agency, plan=plan, tasks=tasks),
            f"nhiem-vu-{agency.key}-{plan.year}.xlsx",
        )
    context.update(
        {
            "form": form,
            "plan": plan,
            "tasks": tasks,
            "lead_count": sum(1 for t in tasks if t.role == "lead"),
            "export_query": request.GET.urlencode(),
        }
    )
    template = "plans/my_tasks.html#results" if request.htmx else "plans/my_tasks.html"
    return render(request, template, context)
