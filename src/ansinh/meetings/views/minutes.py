"""The minutes of a held meeting (.docx), and the tasks given by its conclusions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from ansinh.meetings.forms import ConclusionTaskForm, add_service_errors
from ansinh.meetings.minutes import minutes_document
from ansinh.meetings.models import Decision
from ansinh.meetings.perms import can_read_all, get_meeting_for_user
from ansinh.meetings.services.conclusions import conclusion_task_create as create_task

READ_ALL_ONLY = "Chỉ cơ quan thường trực và lãnh đạo Ban Chỉ đạo tải biên bản cuộc họp."


def minutes_docx(request, pk: int):
    meeting = get_meeting_for_user(request, pk)
    if not can_read_all(request.user, meeting.committee):
        raise PermissionDenied(READ_ALL_ONLY)
    try:
        document = minutes_document(meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:meeting_detail", pk=pk)
    return document.response(f"bien-ban-hop-{meeting.pk}.docx")


@require_http_methods(["GET", "POST"])
def conclusion_task_create(request, pk: int, decision_pk: int):
    meeting = get_meeting_for_user(request, pk, manage=True)
    decision = get_object_or_404(
        Decision.objects.select_related("item", "meeting"), pk=decision_pk, meeting=meeting
    )
    form = ConclusionTaskForm(
        request.POST or None, meeting=meeting, initial={"content": decision.conclusion}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            link = create_task(
                decision=decision,
                content=data["content"],
                lead=data["lead"],
                coordinators=list(data["coordinators"]),
                due_date=data["due_date"],
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Đã giao nhiệm vụ cho {link.task.lead_text} trong {link.task.plan}; nhiệm vụ "
                "được theo dõi như mọi nhiệm vụ của kế hoạch.",
            )
            return redirect("meetings:decision_detail", pk=pk, decision_pk=decision.pk)
    context = {"form": form, "meeting": meeting, "decision": decision, "section": "meetings"}
    return render(request, "meetings/conclusion_task_form.html", context)
