from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from ansinh.meetings import selectors, services
from ansinh.meetings.enums import MeetingStatus
from ansinh.meetings.forms import DecisionForm, add_service_errors
from ansinh.meetings.models import Decision
from ansinh.meetings.perms import can_manage, get_meeting_for_user
from ansinh.meetings.services.decisions import decision_outcome


@require_http_methods(["GET", "POST"])
def decision_create(request, pk: int):
    meeting = get_meeting_for_user(request, pk, manage=True)
    form = DecisionForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decision_create(
                meeting=meeting,
                item=data["item"],
                question=data["question"],
                options=data["options"],
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã tạo vấn đề biểu quyết; ghi ý kiến của từng thành viên.")
            return redirect("meetings:decision_detail", pk=meeting.pk, decision_pk=decision.pk)
    context = {"form": form, "meeting": meeting, "section": "meetings"}
    return render(request, "meetings/decision_form.html", context)


def _choices(request) -> dict[int, str]:
    """The opinions posted, keyed by membership id; every one posted goes to the service,
    which refuses those of non-members and absent members by name."""
    choices = {}
    for key, value in request.POST.items():
        if key.startswith("seat_") and key[5:].isdigit() and value.strip():
            choices[int(key[5:])] = value.strip()
    return choices


@require_http_methods(["GET", "POST"])
def decision_detail(request, pk: int, decision_pk: int):
    meeting = get_meeting_for_user(request, pk)
    decision = get_object_or_404(
        Decision.objects.select_related("item", "meeting"), pk=decision_pk, meeting=meeting
    )
    manage = can_manage(request.user, meeting.committee)
    rules = selectors.rules_of(committee=meeting.committee)
    errors = []
    posted = None
    if request.method == "POST":
        meeting = get_meeting_for_user(request, pk, manage=True)
        posted = _choices(request)
        try:
            decision = services.decision_record(
                decision=decision,
                choices=posted,
                user=request.user,
                conclusion=request.POST.get("conclusion"),
            )
        except ValidationError as error:
            errors = error.messages
        else:
            posted = None
            if not request.htmx:
                messages.success(request, "Đã ghi ý kiến biểu quyết.")
                return redirect("meetings:decision_detail", pk=pk, decision_pk=decision.pk)
    votes = {
        v.invitation.membership_id: v.option for v in decision.votes.select_related("invitation")
    }
    current = posted if posted is not None else votes
    voters = selectors.voters(meeting=meeting, rules=rules)
    context = {
        "meeting": meeting,
        "decision": decision,
        "outcome": decision_outcome(decision=decision, rules=rules),
        "rows": [(i, current.get(i.membership_id, "")) for i in voters],
        "votes": list(
            decision.votes.select_related("invitation__membership__agency").order_by(
                "invitation__membership__position"
            )
        ),
        "rules_words": selectors.rules_words(rules),
        "editable": manage and meeting.status == MeetingStatus.HELD,
        "can_assign": manage and meeting.status in (MeetingStatus.HELD, MeetingStatus.CLOSED),
        "conclusion_tasks": selectors.conclusion_tasks(decision=decision),
        "errors": errors,
        "section": "meetings",
    }
    template = "meetings/decision_detail.html"
    if request.htmx:
        template += "#decision"
    return render(request, template, context, status=400 if errors else 200)
