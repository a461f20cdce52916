"""Khó khăn, vướng mắc, kiến nghị: raised by agencies, answered by the standing agency."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from openpyxl import Workbook

from ansinh.accounts.perms import can_manage_committee
from ansinh.core.excel import workbook_response, write_table
from ansinh.core.history import history_for_objects
from ansinh.org.views.common import paginate
from ansinh.reporting import selectors_concerns as sel
from ansinh.reporting.enums import ConcernStatus, ConcernTopic
from ansinh.reporting.forms_concerns import AnswerForm, ConcernForm
from ansinh.reporting.models import Concern
from ansinh.reporting.perms import can_read_all
from ansinh.reporting.services.concerns import concern_answer as answer_service
from ansinh.reporting.services.concerns import concern_raise

NOT_YOURS = "Kiến nghị này của cơ quan khác; bạn không có quyền xem."
ANSWER_ONLY = "Chỉ cán bộ cơ quan thường trực Ban Chỉ đạo được trả lời kiến nghị."
RAISE_ONLY = "Chỉ cán bộ của cơ quan, đơn vị thành viên được nêu khó khăn, vướng mắc."


def get_concern_for_user(request, pk: int, *, answer: bool = False) -> Concern:
    concern = get_object_or_404(
        Concern.objects.for_user(request.user).select_related(
            "committee",
            "agency",
            "answered_by",
            "submission__obligation__kind__regime",
            "submission__obligation__request",
        ),
        pk=pk,
    )
    if answer and not can_manage_committee(request.user, concern.committee):
        raise PermissionDenied(ANSWER_ONLY)
    own = request.user.agency_id is not None and request.user.agency_id == concern.agency_id
    if not (own or can_read_all(request.user, concern.committee)):
        raise PermissionDenied(NOT_YOURS)
    return concern


def concern_list(request):
    filters = sel.Filters.from_query(request.GET)
    concerns = sel.concern_list(user=request.user, filters=filters)
    if request.GET.get("xuat") == "excel":
        return workbook_response(_workbook(concerns), "kien-nghi.xlsx")
    page, querystring_base = paginate(request, concerns, per_page=25)
    by_topic, by_agency = sel.concern_summary(concerns=concerns)
    context = {
        "page_obj": page,
        "querystring_base": querystring_base,
        "export_query": querystring_base + "xuat=excel",
        "filters": filters,
        "topics": ConcernTopic.choices,
        "statuses": ConcernStatus.choices,
        "agencies": sel.concern_agencies(user=request.user),
        "by_topic": by_topic,
        "by_agency": by_agency,
        "can_raise": sel.can_raise(request.user),
        "section": "concerns",
    }
    template = "reporting/concern_list.html"
    if request.headers.get("HX-Request"):
        template += "#results"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def concern_create(request):
    committees = sel.raise_committees(user=request.user)
    if not committees:
        raise PermissionDenied(RAISE_ONLY)
    form = ConcernForm(request.POST or None, committees=committees)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            concern = concern_raise(
                committee=form.chosen_committee(),
                agency=request.user.agency,
                user=request.user,
                topic=data["topic"],
                title=data["title"],
                content=data["content"],
                recommendation=data["recommendation"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã gửi kiến nghị đến cơ quan thường trực Ban Chỉ đạo.")
            return redirect("reporting:concern_detail", pk=concern.pk)
    return render(request, "reporting/concern_form.html", {"form": form, "section": "concerns"})


def _detail(request, concern: Concern, form: AnswerForm | None = None, status: int = 200):
    can_answer = can_manage_committee(request.user, concern.committee)
    if can_answer and form is None:
        form = AnswerForm.for_concern(concern)
    context = {
        "concern": concern,
        "form": form if can_answer else None,
        "history": history_for_objects([concern]),
        "section": "concerns",
    }
    return render(request, "reporting/concern_detail.html", context, status=status)


def concern_detail(request, pk: int):
    return _detail(request, get_concern_for_user(request, pk))


@require_POST
def concern_answer(request, pk: int):
    concern = get_concern_for_user(request, pk, answer=True)
    form = AnswerForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            answer_service(
                concern=concern,
                user=request.user,
                answer=data["answer"],
                status=data["status"],
                topic=data["topic"],
                seen_updated_at=data["seen"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã lưu trả lời kiến nghị.")
            return redirect("reporting:concern_detail", pk=pk)
    concern.refresh_from_db()
    return _detail(request, concern, form=form, status=409 if form.non_field_errors() else 400)


def _workbook(concerns) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kiến nghị"
    rows = [
        [
            number,
            timezone.localtime(c.created_at).date(),
            c.agency.name,
            c.get_topic_display(),
            c.title,
            c.content,
            c.recommendation,
            c.get_status_display(),
            c.answer,
            timezone.localtime(c.answered_at).date() if c.answered_at else None,
            c.submission.obligation.label if c.submission else "Nêu riêng",
        ]
        for number, c in enumerate(concerns, start=1)
    ]
    write_table(
        sheet,
        "KHÓ KHĂN, VƯỚNG MẮC, KIẾN NGHỊ",
        f"Xuất ngày {timezone.localdate():%d/%m/%Y}; {len(rows)} kiến nghị",
        [
            "STT",
            "Ngày nêu",
            "Cơ quan nêu",
            "Lĩnh vực",
            "Tóm tắt",
            "Khó khăn, vướng mắc",
            "Kiến nghị, đề xuất",
            "Trạng thái",
            "Trả lời",
            "Ngày trả lời",
            "Nêu trong",
        ],
        rows,
        [6, 12, 30, 24, 40, 60, 50, 14, 60, 12, 30],
    )
    for (cell,) in sheet.iter_rows(min_row=5, min_col=2, max_col=2):
        cell.number_format = "DD/MM/YYYY"
    for (cell,) in sheet.iter_rows(min_row=5, min_col=10, max_col=10):
        cell.number_format = "DD/MM/YYYY"
    return workbook
