"""The regime pages: the list of a province's regimes and the page that edits one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from ansinh.accounts.perms import can_manage_committee
from ansinh.core.history import history_for_objects
from ansinh.org.views.common import paginate
from ansinh.reporting.enums import DeadlineReading
from ansinh.reporting.forms_regimes import KindForm, KindFormSet, RegimeForm
from ansinh.reporting.models import ReportingRegime
from ansinh.reporting.selectors_regimes import regime_rows, regimes_for_user
from ansinh.reporting.services.regime_edit import KindSpec, regime_update

EDIT_ONLY = "Chỉ cán bộ cơ quan thường trực Ban Chỉ đạo sửa được chế độ báo cáo."


def regime_list(request):
    page, querystring_base = paginate(request, regimes_for_user(user=request.user), per_page=25)
    context = {
        "page_obj": page,
        "querystring_base": querystring_base,
        "rows": regime_rows(user=request.user, regimes=page.object_list),
        "section": "reports",
    }
    return render(request, "reporting/regime_list.html", context)


def _get_regime_to_edit(request, pk: int) -> ReportingRegime:
    regime = get_object_or_404(
        ReportingRegime.objects.for_user(request.user).select_related("committee__province"),
        pk=pk,
    )
    if not can_manage_committee(request.user, regime.committee):
        raise PermissionDenied(EDIT_ONLY)
    return regime


def _specs(regime: ReportingRegime, formset) -> list[KindSpec]:
    """The rows of the kinds table, each tied to the regime's own kind (or to none: a new one).
    An id that is not one of this regime's kinds is refused."""
    existing = {k.pk: k for k in regime.kinds.all()}
    specs = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data:  # the blank row left blank
            continue
        kind = None
        if data.get("id"):
            kind = existing.get(data["id"])
            if kind is None:
                raise PermissionDenied("Loại báo cáo không thuộc chế độ báo cáo này.")
        fields = {f: data.get(f) for f in KindForm.base_fields if f not in ("id", "DELETE")}
        specs.append(KindSpec(kind=kind, delete=bool(data.get("DELETE")), **fields))
    return specs


@require_http_methods(["GET", "POST"])
def regime_edit(request, pk: int):
    regime = _get_regime_to_edit(request, pk)
    kinds = list(regime.kinds.order_by("position", "pk"))
    initial = [KindForm.initial_for(k) for k in kinds]
    form = RegimeForm(request.POST or None, regime=regime)
    formset = KindFormSet(request.POST or None, initial=initial, prefix="kinds")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            try:
                result = regime_update(
                    regime=regime,
                    user=request.user,
                    name=data["name"],
                    source=data["source"],
                    reading=data["reading"],
                    remind_before=data["remind_before"],
                    remind_after=data["remind_after"],
                    reporters=data["reporters"],
                    reporter_groups=data["reporter_groups"],
                    kinds=_specs(regime, formset),
                )
            except ValidationError as error:
                form.add_error(None, error)
                regime.refresh_from_db()
            else:
                messages.success(
                    request,
                    f"Đã lưu chế độ báo cáo. Nghĩa vụ báo cáo: {result.created} thêm mới, "
                    f"{result.moved} đổi hạn, {result.removed} bỏ (chưa soạn báo cáo).",
                )
                return redirect("reporting:regime_edit", pk=regime.pk)
    context = {
        "regime": regime,
        "form": form,
        "formset": formset,
        "readings": DeadlineReading,
        "history": history_for_objects([regime, *kinds]),
        "section": "reports",
    }
    return render(request, "reporting/regime_edit.html", context, status=status)
