"""Written consultation pages: list, send, answer, remind, documents and the summary."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ansinh.core.uploads import upload_rule
from ansinh.meetings import selectors_consultations as selectors
from ansinh.meetings.consultation_summary import summary_document
from ansinh.meetings.forms import ConsultationAnswerForm, ConsultationForm, add_service_errors
from ansinh.meetings.models import ConsultationDocument, ConsultationMember
from ansinh.meetings.perms import (
    can_answer,
    can_manage,
    consultations_for_user,
    get_consultation_for_user,
    get_managed_committee,
    managed_committees,
)
from ansinh.meetings.services import consultations as services
from ansinh.org.models import Membership
from ansinh.org.views.common import paginate


def consultation_list(request):
    items = selectors.consultation_list(consultations=consultations_for_user(request.user))
    page, querystring_base = paginate(request, items, per_page=25)
    context = {
        "page_obj": page,
        "consultations": page.object_list,
        "querystring_base": querystring_base,
        "managed": managed_committees(request.user),
        "now": timezone.now(),
        "section": "meetings",
    }
    return render(request, "meetings/consultation_list.html", context)


@require_http_methods(["GET", "POST"])
def consultation_create(request, committee_pk: int):
    committee = get_managed_committee(request, committee_pk)
    seats = (
        Membership.objects.filter(committee=committee)
        .on(timezone.localdate())
        .select_related("agency")
        .order_by("position", "pk")
    )
    form = ConsultationForm(
        request.POST or None, request.FILES or None, members=seats, initial={"members": seats}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = services.consultation_create(
                committee=committee,
                title=data["title"],
                questions=data["questions"],
                closes_at=form.closes_at(),
                members=list(data["members"]),
                files=request.FILES.getlist("files"),
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error, {"closes_at": "day"})
        else:
            messages.success(request, "Đã gửi xin ý kiến tới các thành viên (thông báo).")
            return redirect("meetings:consultation_detail", pk=consultation.pk)
    context = {
        "form": form,
        "committee": committee,
        "upload_rule": upload_rule(),
        "section": "meetings",
    }
    return render(request, "meetings/consultation_form.html", context)


def _detail(request, consultation, form=None, status=200):
    now = timezone.now()
    members = selectors.consultation_members(consultation=consultation)
    mine = [m for m in members if can_answer(request.user, m)]
    context = {
        "consultation": consultation,
        "members": members,
        "mine": mine,
        "form": form or ConsultationAnswerForm(),
        "tally": selectors.tally(members=members, closes_at=consultation.closes_at, now=now),
        "documents": list(consultation.documents.all()),
        "can_manage": can_manage(request.user, consultation.committee),
        "history": selectors.consultation_history(consultation=consultation),
        "section": "meetings",
    }
    return render(request, "meetings/consultation_detail.html", context, status=status)


def consultation_detail(request, pk: int):
    return _detail(request, get_consultation_for_user(request, pk))


@require_POST
def consultation_answer(request, pk: int, member_pk: int):
    consultation = get_consultation_for_user(request, pk)
    member = get_object_or_404(
        ConsultationMember.objects.select_related("membership__agency"),
        pk=member_pk,
        consultation=consultation,
    )
    if not can_answer(request.user, member):
        raise PermissionDenied("Bạn chỉ trả lời cho thành viên của cơ quan mình.")
    form = ConsultationAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_answer(
                member=member,
                answer=form.cleaned_data["answer"],
                comment=form.cleaned_data["comment"],
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã ghi ý kiến của {member.seat_label}.")
            return redirect("meetings:consultation_detail", pk=pk)
    return _detail(request, consultation, form=form, status=400)


@require_POST
def consultation_remind(request, pk: int):
    consultation = get_consultation_for_user(request, pk, manage=True)
    try:
        count = services.consultation_remind(consultation=consultation, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã nhắc {count} thành viên chưa trả lời (thông báo).")
    return redirect("meetings:consultation_detail", pk=pk)


def consultation_document(request, pk: int, document_pk: int):
    consultation = get_consultation_for_user(request, pk)
    document = get_object_or_404(ConsultationDocument, pk=document_pk, consultation=consultation)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.name)


def consultation_docx(request, pk: int):
    consultation = get_consultation_for_user(request, pk)
    now = timezone.now()
    if now < consultation.closes_at:
        messages.error(request, "Bản tổng hợp ý kiến có sau khi hết hạn trả lời.")
        return redirect("meetings:consultation_detail", pk=pk)
    members = selectors.consultation_members(consultation=consultation)
    tally = selectors.tally(members=members, closes_at=consultation.closes_at, now=now)
    document = summary_document(consultation=consultation, members=members, tally=tally)
    return document.response(f"tong-hop-y-kien-{consultation.pk}.docx")
