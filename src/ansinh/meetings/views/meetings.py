from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ansinh.core.excel import workbook_response
from ansinh.core.history import history_for_objects
from ansinh.meetings import selectors, services
from ansinh.meetings.enums import Answer, MeetingKind, MeetingStatus
from ansinh.meetings.exports import invitation_document, meetings_workbook
from ansinh.meetings.forms import CancelForm, MeetingForm, RulesForm, add_service_errors
from ansinh.meetings.perms import (
    MANAGE_ONLY,
    can_answer,
    can_manage,
    can_read_all,
    get_committee_for_user,
    get_managed_committee,
    get_meeting_for_user,
    managed_committees,
    meetings_for_user,
)
from ansinh.meetings.services.agenda import AGENDA_EDITABLE
from ansinh.org.views.common import paginate

RENAMED = {"starts_at": "day"}


def _when(request) -> str:
    when = request.GET.get("xem", selectors.UPCOMING)
    return when if when in (selectors.UPCOMING, selectors.PAST) else selectors.UPCOMING


def meeting_list(request):
    when = _when(request)
    meetings = selectors.meeting_list(
        meetings=meetings_for_user(request.user), when=when, now=timezone.now()
    )
    page, querystring_base = paginate(request, meetings, per_page=25)
    context = {
        "page_obj": page,
        "meetings": page.object_list,
        "querystring_base": querystring_base,
        "when": when,
        "upcoming": selectors.UPCOMING,
        "past": selectors.PAST,
        "managed": managed_committees(request.user),
        "section": "meetings",
    }
    template = "meetings/meeting_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


def meeting_export(request):
    when = _when(request)
    meetings = selectors.meeting_list(
        meetings=meetings_for_user(request.user), when=when, now=timezone.now()
    )
    label = "Cuộc họp sắp tới" if when == selectors.UPCOMING else "Cuộc họp đã qua"
    subtitle = f"{label}, tại {timezone.localtime():%H:%M %d/%m/%Y}"
    return workbook_response(
        meetings_workbook(meetings=meetings, subtitle=subtitle), f"cuoc-hop-{when}.xlsx"
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request, committee_pk: int):
    committee = get_managed_committee(request, committee_pk)
    today = timezone.localdate()
    rules = selectors.rules_of(committee=committee)
    suggestion = selectors.next_regular(
        committee=committee, interval_months=rules.interval_months, today=today
    )
    chairs = selectors.chair_choices(committee=committee, day=today)
    initial = {
        "kind": MeetingKind.REGULAR,
        "time": "08:00",
        "day": f"{suggestion.day:%d/%m/%Y}" if suggestion.day else "",
        "chair": chairs.first(),
    }
    form = MeetingForm(request.POST or None, chairs=chairs, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                committee=committee,
                kind=data["kind"],
                title=data["title"],
                starts_at=form.starts_at(),
                place=data["place"],
                chair=data["chair"],
                number=data["number"],
                note=data["note"],
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error, RENAMED)
        else:
            messages.success(request, "Đã lên lịch cuộc họp. Thêm nội dung họp rồi gửi giấy mời.")
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    context = {
        "form": form,
        "committee": committee,
        "suggestion": suggestion,
        "section": "meetings",
    }
    return render(request, "meetings/meeting_form.html", context)


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int):
    meeting = get_meeting_for_user(request, pk, manage=True)
    chairs = selectors.chair_choices(
        committee=meeting.committee, day=timezone.localtime(meeting.starts_at).date()
    )
    form = MeetingForm(
        request.POST or None, chairs=chairs, initial=MeetingForm.initial_from(meeting)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        for name in ("kind", "title", "place", "chair", "number", "note"):
            setattr(meeting, name, data[name])
        meeting.starts_at = form.starts_at()
        try:
            services.meeting_update(meeting=meeting, user=request.user)
        except ValidationError as error:
            add_service_errors(form, error, RENAMED)
        else:
            messages.success(request, "Đã lưu thông tin cuộc họp.")
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    context = {"form": form, "meeting": meeting, "committee": meeting.committee}
    return render(request, "meetings/meeting_form.html", {**context, "section": "meetings"})


def _detail_context(request, meeting, cancel_form=None):
    rules = selectors.rules_of(committee=meeting.committee)
    manage = can_manage(request.user, meeting.committee)
    invitations = selectors.meeting_invitations(meeting=meeting)
    for invitation in invitations:
        invitation.mine = can_answer(request.user, invitation)
    return {
        "meeting": meeting,
        "rules": rules,
        "rules_words": selectors.rules_words(rules),
        "agenda": selectors.meeting_agenda(meeting=meeting),
        "invitations": invitations,
        "mine": [i for i in invitations if i.mine],
        "answers": selectors.answer_counts(invitations),
        "quorum": selectors.meeting_quorum(invitations=invitations, rules=rules),
        "decisions": selectors.meeting_decisions(meeting=meeting, rules=rules),
        "can_manage": manage,
        "can_read_all": can_read_all(request.user, meeting.committee),
        "agenda_editable": manage and meeting.status in AGENDA_EDITABLE,
        "cancel_form": cancel_form or CancelForm(),
        "history": selectors.meeting_history(meeting=meeting),
        "S": MeetingStatus,
        "A": Answer,
        "section": "meetings",
    }


def meeting_detail(request, pk: int):
    meeting = get_meeting_for_user(request, pk)
    return render(request, "meetings/meeting_detail.html", _detail_context(request, meeting))


@require_POST
def meeting_send(request, pk: int):
    meeting = get_meeting_for_user(request, pk, manage=True)
    try:
        invitations = services.invitations_send(meeting=meeting, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Đã gửi giấy mời tới {len(invitations)} thành viên: thông báo trên hệ thống và "
            "e-mail tới cơ quan có địa chỉ e-mail.",
        )
    return redirect("meetings:meeting_detail", pk=pk)


@require_POST
def meeting_close(request, pk: int):
    meeting = get_meeting_for_user(request, pk, manage=True)
    try:
        services.meeting_transition(meeting=meeting, action="close", user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã kết thúc cuộc họp.")
    return redirect("meetings:meeting_detail", pk=pk)


@require_POST
def meeting_cancel(request, pk: int):
    meeting = get_meeting_for_user(request, pk, manage=True)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_transition(
                meeting=meeting,
                action="cancel",
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"cancel_reason": "reason"})
        else:
            messages.success(request, "Đã hủy cuộc họp.")
            return redirect("meetings:meeting_detail", pk=pk)
    context = _detail_context(request, meeting, cancel_form=form)
    return render(request, "meetings/meeting_detail.html", context, status=400)


def invitation_docx(request, pk: int):
    meeting = get_meeting_for_user(request, pk)
    document = invitation_document(
        meeting=meeting,
        agenda=selectors.meeting_agenda(meeting=meeting),
        invitations=selectors.meeting_invitations(meeting=meeting),
    )
    return document.response(f"giay-moi-hop-{meeting.pk}.docx")


@require_http_methods(["GET", "POST"])
def rules_edit(request, committee_pk: int):
    committee = get_committee_for_user(request, committee_pk)
    rules = selectors.rules_of(committee=committee)
    editable = can_manage(request.user, committee)
    form = RulesForm(request.POST or None, instance=rules) if editable else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(MANAGE_ONLY)
        if form.is_valid():
            try:
                services.rules_update(rules=form.instance, user=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Đã lưu quy tắc họp của Ban Chỉ đạo.")
                return redirect("meetings:rules_edit", committee_pk=committee.pk)
    context = {
        "committee": committee,
        "rules": rules,
        "rules_words": selectors.rules_words(rules),
        "form": form,
        "history": history_for_objects([rules]) if rules.pk else [],
        "section": "meetings",
    }
    return render(request, "meetings/rules.html", context)
