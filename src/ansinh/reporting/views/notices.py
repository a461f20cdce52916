"""Thông báo: a user's in-app notices and the reminder digests sent to them; the digest log of a
province for its standing agency and administrators."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from ansinh.core.excel import workbook_response, write_table
from ansinh.core.vnformat import parse_date
from ansinh.org.views.common import paginate
from ansinh.reporting import selectors_reminders as selectors
from ansinh.reporting.enums import DigestStatus
from ansinh.reporting.models import Notice
from ansinh.reporting.services import reminders as services

PAGE_SIZE = 20
STATUS_CSS = {
    DigestStatus.PENDING: "secondary",
    DigestStatus.SENT: "success",
    DigestStatus.NO_EMAIL: "info",
    DigestStatus.FAILED: "danger",
}
LOG_ONLY = "Chỉ cán bộ cơ quan thường trực Ban Chỉ đạo và quản trị hệ thống xem nhật ký thư nhắc."


def _with_css(page):
    for digest in page:
        digest.css = STATUS_CSS.get(digest.status, "secondary")
    return page


def notices(request):
    digests_tab = request.GET.get("xem") == "thu"
    if digests_tab:
        rows = selectors.user_digests(user=request.user)
    else:
        rows = selectors.user_notices(user=request.user)
    page, querystring_base = paginate(request, rows, per_page=PAGE_SIZE)
    if digests_tab:
        _with_css(page)
    context = {
        "digests_tab": digests_tab,
        "page_obj": page,
        "querystring_base": querystring_base,
        "unread": selectors.unread_count(user=request.user),
        "can_see_log": selectors.can_see_digest_log(request.user),
        "rule": selectors.REMINDER_RULE,
        "section": "notices",
    }
    template = "reporting/notices.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


def _back_to_notices(request):
    url = reverse("reporting:notices")
    page = request.POST.get("page", "")
    return redirect(f"{url}?page={page}" if page.isdigit() else url)


@require_POST
def notice_read(request, pk: int):
    # Another user's notice does not exist for this user.
    notice = get_object_or_404(Notice, pk=pk, user=request.user)
    services.notice_mark_read(notice=notice, user=request.user)
    return _back_to_notices(request)


@require_POST
def notices_read_all(request):
    count = services.notices_mark_all_read(user=request.user)
    if count:
        messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    return _back_to_notices(request)


def _log_filters(request):
    status = request.GET.get("trang_thai", "")
    if status not in DigestStatus.values:
        status = ""
    raw_day, day, error = request.GET.get("ngay", "").strip(), None, ""
    if raw_day:
        try:
            day = parse_date(raw_day)
        except ValueError as exc:
            error = f"Ngày nhắc: {exc}"
    return status, raw_day, day, error


def digest_log(request):
    if not selectors.can_see_digest_log(request.user):
        raise PermissionDenied(LOG_ONLY)
    status, raw_day, day, error = _log_filters(request)
    digests = selectors.digest_log(user=request.user, status=status, day=day)
    if request.GET.get("xuat") == "excel":
        return workbook_response(_log_workbook(digests), "nhat-ky-thu-nhac.xlsx")
    page, querystring_base = paginate(request, digests)
    context = {
        "page_obj": _with_css(page),
        "querystring_base": querystring_base,
        "status": status,
        "statuses": DigestStatus.choices,
        "day": raw_day,
        "day_error": error,
        "section": "notices",
    }
    template = "reporting/digest_log.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


def _log_workbook(digests) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Thư nhắc"
    rows = (
        [
            d.day,
            str(d.user),
            d.user.username,
            d.user.agency.name if d.user.agency else "",
            d.user.email,
            d.get_status_display(),
            len(d.items),
            d.subject,
            timezone.localtime(d.sent_at).replace(tzinfo=None) if d.sent_at else None,
            d.error,
        ]
        for d in digests
    )
    write_table(
        sheet,
        "Nhật ký thư nhắc hạn báo cáo",
        "Mỗi người nhận nhiều nhất một thư mỗi ngày, qua e-mail và thông báo trên hệ thống.",
        [
            "Ngày nhắc",
            "Người nhận",
            "Tên đăng nhập",
            "Cơ quan",
            "E-mail",
            "Trạng thái",
            "Số mục nhắc",
            "Tiêu đề",
            "Gửi lúc",
            "Lỗi gửi e-mail",
        ],
        rows,
        [12, 28, 20, 36, 28, 24, 10, 50, 18, 40],
    )
    for row in sheet.iter_rows(min_row=5):
        row[0].number_format = "DD/MM/YYYY"
        row[8].number_format = "DD/MM/YYYY HH:MM"
    return workbook
