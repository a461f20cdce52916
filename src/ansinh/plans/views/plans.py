from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from ansinh.core.excel import workbook_response
from ansinh.plans import selectors, services
from ansinh.plans.enums import TaskStatus
from ansinh.plans.exports import plan_document, plan_workbook
from ansinh.plans.forms import GroupForm, PlanCreateForm, PlanEditForm
from ansinh.plans.models import Plan
from ansinh.plans.perms import (
    can_manage_plan,
    get_group_for_user,
    get_plan_for_user,
    managed_committees,
)
from ansinh.plans.views.common import today


def plan_list(request):
    plans = (
        Plan.objects.for_user(request.user)
        .select_related("committee__province")
        .annotate(task_count=Count("tasks"))
        .order_by("committee__province__name", "-year", "title")
    )
    year = request.GET.get("nam", "").strip()
    if year.isdigit():
        plans = plans.filter(year=int(year))
    years = sorted(
        set(Plan.objects.for_user(request.user).values_list("year", flat=True)), reverse=True
    )
    context = {
        "plans": plans,
        "years": years,
        "year": year,
        "can_manage": bool(managed_committees(request.user)),
        "section": "plans",
    }
    template = "plans/plan_list.html#results" if request.htmx else "plans/plan_list.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def plan_create(request):
    committees = managed_committees(request.user)
    if not committees:
        raise PermissionDenied("Chỉ cán bộ cơ quan thường trực được tạo kế hoạch.")
    form = PlanCreateForm(request.POST or None, committees=committees)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã tạo kế hoạch. Thêm nhóm và nhiệm vụ, hoặc nạp từ tệp.")
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(request, "plans/plan_create.html", {"form": form, "section": "plans"})


def plan_detail(request, pk):
    plan = get_plan_for_user(request, pk)
    day = today()
    tasks = selectors.plan_tasks(plan=plan, today=day)
    roots, loose = selectors.plan_tree(plan=plan, tasks=tasks)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "roots": roots,
            "loose": loose,
            "task_count": len(tasks),
            "counts": selectors.status_counts(tasks),
            "overdue": [t for t in tasks if t.state.status == TaskStatus.OVERDUE],
            "load": selectors.plan_load(plan=plan, tasks=tasks),
            "rule": selectors.STATUS_RULE,
            "today": day,
            "can_manage": can_manage_plan(request.user, plan),
            "next_year_exists": Plan.objects.filter(
                committee=plan.committee, year=plan.year + 1
            ).exists(),
            "history": selectors.plan_history(plan=plan),
            "section": "plans",
        },
    )


@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = get_plan_for_user(request, pk, manage=True)
    form = PlanEditForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=form.instance, user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã lưu thông tin kế hoạch.")
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(request, "plans/plan_edit.html", {"form": form, "plan": plan, "section": "plans"})


def _filename(plan, extension):
    return f"ke-hoach-{plan.year}-{slugify(plan.committee.key)}.{extension}"


def plan_export_docx(request, pk):
    plan = get_plan_for_user(request, pk)
    tasks = selectors.plan_tasks(plan=plan, today=today())
    return plan_document(plan=plan, tasks=tasks).response(_filename(plan, "docx"))


def plan_export_xlsx(request, pk):
    plan = get_plan_for_user(request, pk)
    tasks = selectors.plan_tasks(plan=plan, today=today())
    return workbook_response(plan_workbook(plan=plan, tasks=tasks), _filename(plan, "xlsx"))


@require_POST
def plan_copy(request, pk):
    plan = get_plan_for_user(request, pk, manage=True)
    try:
        copy = services.plan_copy(plan=plan, user=request.user)
    except ValidationError as exc:
        messages.error(request, "Không sao được: " + "; ".join(exc.messages))
        return redirect("plans:plan_detail", pk=plan.pk)
    messages.success(
        request,
        f"Đã tạo kế hoạch năm {copy.year} từ kế hoạch năm {plan.year}: cùng nhóm, nhiệm vụ, "
        "đơn vị; hạn lùi một năm; chưa có tiến độ. Hãy rà soát và sửa nội dung.",
    )
    return redirect("plans:plan_detail", pk=copy.pk)


@require_http_methods(["GET", "POST"])
def group_create(request, pk):
    plan = get_plan_for_user(request, pk, manage=True)
    form = GroupForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        services.group_add(
            plan=plan,
            parent=form.cleaned_data["parent"],
            number=form.cleaned_data["number"],
            title=form.cleaned_data["title"],
            user=request.user,
        )
        messages.success(request, "Đã thêm nhóm nhiệm vụ.")
        return redirect("plans:plan_detail", pk=plan.pk)
    return render(
        request, "plans/group_form.html", {"form": form, "plan": plan, "section": "plans"}
    )


@require_http_methods(["GET", "POST"])
def group_delete(request, pk):
    group = get_group_for_user(request, pk, manage=True)
    plan = group.plan
    tasks, children = group.tasks.count(), group.children.count()
    if request.method == "POST":
        try:
            services.group_delete(group=group, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Đã xóa nhóm “{group}”.")
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(
        request,
        "plans/confirm_delete.html",
        {
            "plan": plan,
            "object_label": f"nhóm nhiệm vụ “{group}”",
            "blocked": tasks or children,
            "tasks": tasks,
            "children": children,
            "form": None,
            "cancel_url": reverse("plans:plan_detail", args=[plan.pk]),
            "section": "plans",
        },
        status=400 if request.method == "POST" else 200,
    )
