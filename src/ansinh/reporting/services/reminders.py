"""Writes of reminders: the daily digest (e-mail and in-app notice) and reading notices.

A digest is claimed by inserting its `ReminderDigest` row, unique per user and day, in its own
transaction: a second worker running the same day gets an IntegrityError and sends nothing.
The e-mail goes out only after the claim is committed, so a slow or failing mail server never
holds the claim open, and a failed e-mail still leaves the notice in the application.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ansinh.reporting.enums import DigestStatus
from ansinh.reporting.models import Notice, ReminderDigest
from ansinh.reporting.selectors_reminders import (
    ReminderLine,
    digest_subject,
    reminder_plan,
)

logger = logging.getLogger(__name__)

ALREADY = "already"
WOULD_SEND = "would_send"
OUTCOME_LABELS = {
    ALREADY: "đã có thư nhắc trong ngày, bỏ qua",
    WOULD_SEND: "sẽ gửi (chạy thử)",
    **dict(DigestStatus.choices),
}


@dataclass
class DigestOutcome:
    user: object
    subject: str
    lines: list[ReminderLine] = field(default_factory=list)
    status: str = WOULD_SEND
    error: str = ""

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.status]


def _absolute(path: str) -> str:
    return settings.ANSINH_SITE_URL.rstrip("/") + path if path.startswith("/") else path


def _render(*, user, day: dt.date, subject: str, lines: list[ReminderLine]) -> tuple[str, str]:
    context = {
        "user": user,
        "day": day,
        "subject": subject,
        "lines": [{**line.as_json(), "link": _absolute(line.url)} for line in lines],
        "notices_link": _absolute(reverse("reporting:notices")),
    }
    text = render_to_string("reporting/email/digest.txt", context)
    html = render_to_string("reporting/email/digest.html", context)
    return text, html


def _notice_body(lines: list[ReminderLine]) -> str:
    rows = []
    for line in lines:
        rows.append(f"{line.title}: {line.when}; {line.status}.")
        if line.agencies:
            rows.append("  Chưa gửi: " + ", ".join(line.agencies) + ".")
    return "\n".join(rows)


def _claim(*, user, day: dt.date, subject: str, text: str, lines) -> ReminderDigest | None:
    """The digest row and its notice, or None when another run already has this user and day."""
    digest = ReminderDigest(
        user=user,
        day=day,
        subject=subject,
        body=text,
        items=[line.as_json() for line in lines],
        status=DigestStatus.PENDING,
    )
    # The unique (user, day) constraint is checked by the insert itself: checking it first
    # would leave a window in which two workers both pass the check.
    digest.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            digest.save()
            notice = Notice(
                user=user,
                title=subject,
                body=_notice_body(lines),
                url=lines[0].url if len(lines) == 1 else reverse("reporting:my_reports"),
                digest=digest,
            )
            notice.full_clean()
            notice.save()
    except IntegrityError:
        return None
    return digest


def _deliver(*, digest: ReminderDigest, text: str, html: str) -> None:
    email = digest.user.email
    if not email:
        digest.status = DigestStatus.NO_EMAIL
    else:
        try:
            send_mail(
                digest.subject,
                text,
                settings.DEFAULT_FROM_EMAIL,
                [email],
                html_message=html,
            )
            digest.status = DigestStatus.SENT
        except Exception as error:  # any failure of the mail server; the notice stays
            logger.warning("Thư nhắc %s cho %s không gửi được: %s", digest.pk, email, error)
            digest.status = DigestStatus.FAILED
            digest.error = f"{type(error).__name__}: {error}"
    digest.sent_at = timezone.now()
    digest.save(update_fields=["status", "error", "sent_at"])


def reminders_send(*, day: dt.date, dry_run: bool = False) -> list[DigestOutcome]:
    """Send the digests of `day`, at most one per user however often it runs. Meant to run
    outside any transaction (a task or a command), so that each claim commits at once."""
    already = set(ReminderDigest.objects.filter(day=day).values_list("user_id", flat=True))
    outcomes = []
    for user, lines in reminder_plan(day=day).items():
        outcome = DigestOutcome(user=user, subject=digest_subject(day=day, lines=lines))
        outcome.lines = lines
        outcomes.append(outcome)
        if user.pk in already:
            outcome.status = ALREADY
            continue
        if dry_run:
            continue
        text, html = _render(user=user, day=day, subject=outcome.subject, lines=lines)
        digest = _claim(user=user, day=day, subject=outcome.subject, text=text, lines=lines)
        if digest is None:
            outcome.status = ALREADY
            continue
        _deliver(digest=digest, text=text, html=html)
        outcome.status, outcome.error = digest.status, digest.error
    return outcomes


@transaction.atomic
def notice_mark_read(*, notice: Notice, user) -> Notice:
    if notice.user_id != user.pk:
        raise PermissionDenied("Thông báo này của người khác.")
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


@transaction.atomic
def notices_mark_all_read(*, user) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
