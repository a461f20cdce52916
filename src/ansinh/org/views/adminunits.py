from django.shortcuts import get_object_or_404, render

from ansinh.org.forms import AdminUnitSearchForm
from ansinh.org.models import AdminUnit
from ansinh.org.selectors.admin_units import admin_unit_search
from ansinh.org.views.common import paginate


def adminunit_list(request):
    """Reference data for everyone logged in: both structures, searchable without accents."""
    form = AdminUnitSearchForm(request.GET or None)
    units = AdminUnit.objects.none()
    searched = False
    if form.is_valid() and (form.cleaned_data["q"] or "").strip():
        searched = True
        units = admin_unit_search(
            query=form.cleaned_data["q"],
            edition=form.cleaned_data["edition"] or None,
            level=form.cleaned_data["level"] or None,
            limit=500,
        )
    else:
        units = AdminUnit.objects.filter(parent__isnull=True).order_by("edition", "name")
    page, querystring_base = paginate(request, units)
    context = {
        "form": form,
        "page_obj": page,
        "querystring_base": querystring_base,
        "searched": searched,
        "section": "adminunits",
    }
    template = "org/adminunit_list.html#results" if request.htmx else "org/adminunit_list.html"
    return render(request, template, context)


def adminunit_detail(request, pk):
    unit = get_object_or_404(AdminUnit.objects.select_related("parent__parent"), pk=pk)
    children = unit.children.order_by("code")
    page, querystring_base = paginate(request, children, per_page=100)
    return render(
        request,
        "org/adminunit_detail.html",
        {
            "unit": unit,
            "page_obj": page,
            "querystring_base": querystring_base,
            # The links themselves, not just the units: whether a territory passed whole or in part.
            "successors": unit.successions.select_related("successor__parent").order_by(
                "successor__code"
            ),
            "predecessors": unit.predecessions.select_related("predecessor__parent").order_by(
                "predecessor__code"
            ),
            "section": "adminunits",
        },
    )
