from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ansinh.meetings import selectors, services
from ansinh.meetings.enums import Answer, Attendance
from ansinh.meetings.forms import AnswerForm, ExcuseForm, add_service_errors
from ansinh.meetings.perms import get_invitation_for_user, get_meeting_for_user


def _back(meeting_pk: int, anchor: str):
    return redirect(reverse("meetings:meeting_detail", args=[meeting_pk]) + anchor)


@require_http_methods(["GET", "POST"])
def invitation_answer(request, pk: int, invitation_pk: int):
    invitation = get_invitation_for_user(request, pk, invitation_pk)
    meeting = invitation.meeting
    initial = {
        "answer": invitation.answer if invitation.answer != Answer.PENDING else Answer.ATTEND,
        "reason": invitation.excuse_reason,
        "substitute_name": invitation.substitute_name,
        "substitute_title": invitation.substitute_title,
    }
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.invitation_answer(
                invitation=invitation,
                answer=data["answer"],
                user=request.user,
                reason=data["reason"],
                substitute_name=data["substitute_name"],
                substitute_title=data["substitute_title"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã ghi nhận trả lời giấy mời.")
            return _back(meeting.pk, "#giay-moi")
    rules = selectors.rules_of(committee=meeting.committee)
    context = {
        "form": form,
        "invitation": invitation,
        "meeting": meeting,
        "rules": rules,
        "section": "meetings",
    }
    status = 400 if form.is_bound else 200
    return render(request, "meetings/answer_form.html", context, status=status)


@require_POST
def excuse_decide(request, pk: int, invitation_pk: int, action: str):
    if action not in ("dong-y", "khong-dong-y"):
        raise Http404
    invitation = get_invitation_for_user(request, pk, invitation_pk, manage=True)
    form = ExcuseForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.excuse_decide(
            invitation=invitation, approve=action == "dong-y", user=request.user, note=note
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã ghi ý kiến của Trưởng ban: {invitation.seat_label}.")
    return _back(pk, "#giay-moi")


@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    meeting = get_meeting_for_user(request, pk, manage=True)
    invitations = selectors.meeting_invitations(meeting=meeting)
    marks = selectors.attendance_defaults(invitations)
    errors = []
    if request.method == "POST":
        marks = {i.pk: request.POST.get(f"att_{i.pk}", "") for i in invitations}
        try:
            services.attendance_record(meeting=meeting, marks=marks, user=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, "Đã ghi điểm danh.")
            return _back(pk, "#diem-danh")
    rows = [(i, marks.get(i.pk, "")) for i in invitations]
    choices = [(value, label) for value, label in Attendance.choices if value]
    context = {
        "meeting": meeting,
        "rows": rows,
        "choices": choices,
        "errors": errors,
        "section": "meetings",
    }
    return render(request, "meetings/attendance.html", context, status=400 if errors else 200)
