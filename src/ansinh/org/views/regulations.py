from django.contrib import messages
from django.shortcuts import redirect, render

from ansinh.core.history import history_for_objects
from ansinh.org.models import Committee
from ansinh.org.perms import get_regulation_for_user
from ansinh.org.selectors.committees import (
    committee_current_regulation,
    regulation_stats,
    regulation_tree,
)


def regulation_current(request):
    """The regulation of the user's own committee (or the first committee they can see)."""
    committees = Committee.objects.for_user(request.user).order_by("pk")
    own = request.user.agency.province_id if request.user.agency_id else None
    committee = committees.filter(province_id=own).first() or committees.first()
    regulation = committee_current_regulation(committee=committee) if committee else None
    if regulation is None:
        messages.info(request, "Ban Chỉ đạo của bạn chưa có quy chế trong ansinh.")
        return redirect("core:home")
    return redirect("org:regulation_detail", pk=regulation.pk)


def regulation_detail(request, pk):
    regulation = get_regulation_for_user(request, pk)
    tree = regulation_tree(regulation=regulation)
    return render(
        request,
        "org/regulation_detail.html",
        {
            "regulation": regulation,
            "tree": tree,
            "history": history_for_objects([regulation, *_clauses(tree)], limit=100),
            "stats": regulation_stats(regulation=regulation),
            "section": "regulation",
        },
    )


def _clauses(nodes):
    for node in nodes:
        yield node.clause
        yield from node.duties
        yield from _clauses(node.children)
