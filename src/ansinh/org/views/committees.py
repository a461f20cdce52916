from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ansinh.accounts import perms
from ansinh.core.excel import workbook_response
from ansinh.core.history import history_for_objects
from ansinh.org import services
from ansinh.org.enums import Role
from ansinh.org.exports import composition_workbook
from ansinh.org.forms import CommitteeCreateForm, DecisionForm, MemberFormSet
from ansinh.org.perms import get_committee_for_user
from ansinh.org.selectors.committees import (
    committee_composition,
    committee_current_regulation,
    committee_decisions,
)
from ansinh.org.views.common import day_from_request


def committee_detail(request, pk):
    committee = get_committee_for_user(request, pk)
    day, date_error = day_from_request(request)
    context = {
        "committee": committee,
        "day": day,
        "date_error": date_error,
        "groups": committee_composition(committee=committee, day=day),
        "can_manage": perms.can_manage_committee(request.user, committee),
        "section": "committee",
    }
    if request.htmx:
        return render(request, "org/committee_detail.html#composition", context)
    decisions = list(committee_decisions(committee=committee))
    context.update(
        decisions=decisions,
        regulation=committee_current_regulation(committee=committee),
        can_create=perms.can_create_committee(request.user),
        history=history_for_objects(
            [committee, *decisions, *committee.memberships.all()], limit=100
        ),
    )
    return render(request, "org/committee_detail.html", context)


def committee_export(request, pk):
    committee = get_committee_for_user(request, pk)
    day, _ = day_from_request(request)
    groups = committee_composition(committee=committee, day=day)
    workbook = composition_workbook(committee=committee, day=day, groups=groups)
    return workbook_response(workbook, f"thanh-phan-{committee.key}-{day:%Y%m%d}.xlsx")


@require_http_methods(["GET", "POST"])
def committee_reconstitute(request, pk):
    committee = get_committee_for_user(request, pk, manage=True)
    current = list(committee.memberships.filter(end_date__isnull=True).order_by("position", "pk"))
    initial = [
        {
            "keep": True,
            "role": m.role,
            "title": m.title,
            "person_name": m.person_name,
            "agency": m.agency_id,
        }
        for m in current
    ]
    if request.method == "POST":
        decision_form = DecisionForm(request.POST)
        formset = MemberFormSet(request.POST, province=committee.province)
        if decision_form.is_valid() and formset.is_valid():
            members = [
                services.MemberSpec(
                    role=f.cleaned_data["role"],
                    title=f.cleaned_data["title"],
                    agency=f.cleaned_data["agency"],
                    person_name=f.cleaned_data.get("person_name", ""),
                )
                for f in formset.forms
                if f.cleaned_data and f.cleaned_data.get("keep")
            ]
            members.sort(key=lambda m: Role.rank(m.role))
            try:
                decision = services.committee_reconstitute(
                    committee=committee,
                    members=members,
                    user=request.user,
                    **decision_form.cleaned_data,
                )
            except ValidationError as exc:
                for message in exc.messages:
                    decision_form.add_error(None, message)
            else:
                messages.success(request, f"Đã ghi nhận {decision}: thành phần mới có hiệu lực.")
                return redirect(f"{committee_url(committee)}?ngay={decision.date:%d/%m/%Y}")
    else:
        decision_form = DecisionForm()
        formset = MemberFormSet(initial=initial, province=committee.province)
    return render(
        request,
        "org/committee_reconstitute.html",
        {
            "committee": committee,
            "decision_form": decision_form,
            "formset": formset,
            "section": "committee",
        },
    )


def committee_url(committee) -> str:
    from django.urls import reverse

    return reverse("org:committee_detail", args=[committee.pk])


@require_http_methods(["GET", "POST"])
def committee_create(request):
    if not perms.can_create_committee(request.user):
        raise PermissionDenied("Chỉ cán bộ cơ quan thường trực được tạo Ban Chỉ đạo.")
    form = CommitteeCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            committee = services.committee_create_with_standing_agency(
                province=data["province"],
                name=data["name"],
                short_name=data["short_name"],
                standing_agency_name=data["standing_agency_name"],
                standing_agency_kind=data["standing_agency_kind"],
                user=request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                f"Đã tạo {committee.name}. Hãy thêm các cơ quan thành viên, rồi ghi quyết định "
                "kiện toàn để có thành phần Ban Chỉ đạo.",
            )
            return redirect("org:committee_detail", pk=committee.pk)
    return render(request, "org/committee_create.html", {"form": form, "section": "committee"})
