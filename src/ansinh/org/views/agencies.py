from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ansinh.accounts import perms
from ansinh.core.excel import workbook_response
from ansinh.core.history import history_for
from ansinh.org import services
from ansinh.org.enums import AgencyKind
from ansinh.org.exports import agencies_workbook
from ansinh.org.forms import AgencyForm, AgencyGroupForm
from ansinh.org.models import AdminUnit, Agency, AgencyGroup
from ansinh.org.perms import get_agency_for_user, get_group_for_user
from ansinh.org.selectors.agencies import agency_group_list, agency_list
from ansinh.org.selectors.committees import (
    agency_duties,
    agency_group_expand,
    agency_groups_containing,
)
from ansinh.org.views.common import paginate


def _own_province(request):
    agency = request.user.agency
    return agency.province if agency else None


def agency_list_view(request):
    query, kind = request.GET.get("q", ""), request.GET.get("loai", "")
    agencies = agency_list(user=request.user, query=query, kind=kind)
    if request.GET.get("xuat") == "excel":
        return workbook_response(agencies_workbook(agencies=agencies), "co-quan.xlsx")
    page, querystring_base = paginate(request, agencies)
    province = _own_province(request)
    context = {
        "page_obj": page,
        "querystring_base": querystring_base,
        "q": query,
        "kind": kind,
        "kinds": AgencyKind.choices,
        "section": "agencies",
        "can_add": province is not None and perms.can_manage_province(request.user, province.pk),
    }
    template = "org/agency_list.html#results" if request.htmx else "org/agency_list.html"
    return render(request, template, context)


def agency_detail(request, pk):
    agency = get_agency_for_user(request, pk)
    memberships = agency.memberships.select_related("committee", "appointed_by").order_by(
        "-start_date"
    )
    return render(
        request,
        "org/agency_detail.html",
        {
            "agency": agency,
            "duties": agency_duties(agency=agency, day=timezone.localdate()),
            "memberships": memberships,
            "groups": agency_groups_containing(agency=agency),
            "can_edit": perms.can_edit_agency(request.user, agency),
            "history": history_for(agency),
            "section": "agencies",
        },
    )


def _province_for_new(request) -> AdminUnit:
    """The province a new agency or group goes to: ?tinh=<id> (a province the officer set up),
    else the officer's own; refused unless the user manages it."""
    province = _own_province(request)
    province_id = request.GET.get("tinh") or request.POST.get("tinh")
    if province_id:
        province = AdminUnit.objects.filter(pk=province_id, parent__isnull=True).first()
    if province is None or not perms.can_manage_province(request.user, province.pk):
        raise PermissionDenied("Chỉ cán bộ cơ quan thường trực của tỉnh được thêm vào đây.")
    return province


@require_http_methods(["GET", "POST"])
def agency_edit(request, pk=None):
    if pk is None:
        agency = Agency(province=_province_for_new(request))
    else:
        agency = get_agency_for_user(request, pk, edit=True)
    form = AgencyForm(
        request.POST or None,
        instance=agency,
        province=agency.province,
        own_agency_only=not perms.can_manage_province(request.user, agency.province_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.agency_save(agency=form.instance, user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Đã lưu {agency.name}.")
            return redirect("org:agency_detail", pk=agency.pk)
    return render(
        request,
        "org/agency_form.html",
        {
            "form": form,
            "agency": agency,
            "section": "agencies",
        },
    )


def group_list(request):
    groups = agency_group_list(user=request.user)
    page, querystring_base = paginate(request, groups)
    province = _own_province(request)
    return render(
        request,
        "org/group_list.html",
        {
            "page_obj": page,
            "querystring_base": querystring_base,
            "section": "groups",
            "can_add": province is not None
            and perms.can_manage_province(request.user, province.pk),
        },
    )


def group_detail(request, pk):
    group = get_group_for_user(request, pk)
    return render(
        request,
        "org/group_detail.html",
        {
            "group": group,
            "agencies": agency_group_expand(group=group).select_related("admin_unit"),
            "kind_labels": [
                AgencyKind(k).label for k in group.kinds or [] if k in AgencyKind.values
            ],
            "duties": group.duties.select_related("clause__parent__parent").order_by(
                "clause__position"
            ),
            "can_edit": perms.can_manage_province(request.user, group.province_id),
            "history": history_for(group),
            "section": "groups",
        },
    )


@require_http_methods(["GET", "POST"])
def group_edit(request, pk=None):
    if pk is None:
        group = AgencyGroup(province=_province_for_new(request))
    else:
        group = get_group_for_user(request, pk, edit=True)
    form = AgencyGroupForm(request.POST or None, instance=group, province=group.province)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.agency_group_save(
                group=form.instance,
                members=list(form.cleaned_data["members"]),
                user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Đã lưu nhóm “{group.name}”.")
            return redirect("org:group_detail", pk=group.pk)
    return render(
        request,
        "org/group_form.html",
        {
            "form": form,
            "group": group,
            "section": "groups",
        },
    )
