from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.templatetags.static import static

from ansinh.accounts import perms
from ansinh.org.models import Committee


def home(request):
    """Send the user to their province's committee; list committees when there are several."""
    committees = list(Committee.objects.for_user(request.user).select_related("province"))
    own = [
        c
        for c in committees
        if request.user.agency_id and c.province_id == request.user.agency.province_id
    ]
    if len(own) == 1 and len(committees) == 1:
        return redirect("org:committee_detail", pk=own[0].pk)
    return render(
        request,
        "core/home.html",
        {
            "committees": committees,
            "can_create": perms.can_create_committee(request.user),
            "section": "committee",
        },
    )


@login_not_required
def favicon(request):
    # Browsers ask for /favicon.ico before reading the page's icon link.
    return redirect(static("core/favicon.svg"), permanent=True)
