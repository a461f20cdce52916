"""Reads behind reminders: which reports a day's digest names, for whom; and what was sent.

Rule, as `REMINDER_RULE` shows it to users: a report not yet sent (nothing sent, a draft, or a
report returned for correction) is named in the digest on the days its regime lists *before*
its last day (`remind_before`) and *after* it (`remind_after`). After the last day the standing
agency's officers are also told, per report and period, which agencies have still not sent it.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse

from ansinh.accounts import perms as account_perms
from ansinh.accounts.models import User
from ansinh.reporting.enums import ObligationStatus, ReportLevel
from ansinh.reporting.models import Notice, Obligation, ReminderDigest, ReportingRegime
from ansinh.reporting.perms import can_write
from ansinh.reporting.selectors import with_status

REMINDER_RULE = [
    "Báo cáo chưa gửi (chưa soạn, mới lưu nháp hoặc bị trả lại) được nhắc vào các ngày trước "
    "và sau ngày gửi cuối cùng mà chế độ báo cáo quy định (ví dụ trước 7 và 1 ngày; sau 1, 3, "
    "7 ngày).",
    "Mỗi người nhận tối đa một thư nhắc mỗi ngày, gộp mọi báo cáo cần nhắc; thư gửi qua e-mail "
    "(nếu tài khoản có e-mail) và hiện trong mục Thông báo.",
    "Sau hạn, cán bộ cơ quan thường trực nhận thêm danh sách cơ quan còn chưa gửi từng báo cáo.",
]
UNSENT = {
    ObligationStatus.NOT_DUE,
    ObligationStatus.DUE,
    ObligationStatus.OVERDUE,
    ObligationStatus.RETURNED,
}
OWN, MISSING = "own", "missing"


@dataclass
class ReminderLine:
    """One line of a digest; stored as JSON in `ReminderDigest.items`."""

    kind: str  # OWN: a report the user's agency owes; MISSING: agencies that have not sent one
    title: str
    deadline: str
    when: str
    status: str
    url: str
    agencies: list[str] = field(default_factory=list)
    total: int = 0

    def as_json(self) -> dict:
        return asdict(self)


def reminder_offset(*, regime: ReportingRegime, last_day: dt.date, day: dt.date) -> int | None:
    """Days from `day` to `last_day` (negative once it has passed) when the regime reminds on
    `day`; None when it does not."""
    ahead = (last_day - day).days
    if ahead >= 0 and ahead in (regime.remind_before or []):
        return ahead
    if ahead <= 0 and -ahead in (regime.remind_after or []):
        return ahead
    return None


def _when_words(ahead: int) -> str:
    if ahead > 0:
        return f"còn {ahead} ngày đến ngày gửi cuối cùng"
    if ahead == 0:
        return "hôm nay là ngày gửi cuối cùng"
    return f"đã quá hạn {-ahead} ngày"


def due_obligations(*, day: dt.date) -> list[Obligation]:
    """Reports not yet sent that a regime reminds of on `day`, each with `.ahead`, `.state`."""
    found = []
    for regime in ReportingRegime.objects.all():
        last_days = {day + dt.timedelta(days=n) for n in regime.remind_before or []}
        last_days |= {day - dt.timedelta(days=n) for n in regime.remind_after or []}
        if not last_days:
            continue
        obligations = (
            Obligation.objects.filter(
                kind__regime=regime, last_day__in=last_days, agency__is_active=True
            )
            .select_related("kind__regime__committee", "agency", "submission", "request")
            .order_by("last_day", "kind__position", "period_number", "agency__name")
        )
        for ob in with_status(obligations, today=day):
            if ob.state not in UNSENT:
                continue
            ob.ahead = reminder_offset(regime=regime, last_day=ob.last_day, day=day)
            found.append(ob)
    return found


def _own_line(ob: Obligation) -> ReminderLine:
    status = ob.state.label
    if ob.sub is not None and ob.state != ObligationStatus.RETURNED:
        status += " (đã có bản nháp, chưa gửi)"
    return ReminderLine(
        kind=OWN,
        title=f"{ob.label} — {ob.agency.name}",
        deadline=ob.deadline_words,
        when=_when_words(ob.ahead),
        status=status,
        url=reverse("reporting:obligation_detail", args=[ob.pk]),
    )


def _missing_lines(obligations: list[Obligation]) -> list[tuple[ReportingRegime, ReminderLine]]:
    """After the last day: per report kind and period, the agencies that still owe it."""
    groups = defaultdict(list)
    for ob in obligations:
        if ob.ahead < 0 and ob.kind.level == ReportLevel.AGENCY:
            groups[(ob.kind_id, ob.period_year, ob.period_number, ob.request_id)].append(ob)
    lines = []
    for (kind_id, year, number, request_id), owing in groups.items():
        first = owing[0]
        total = Obligation.objects.filter(
            kind_id=kind_id, period_year=year, period_number=number, request_id=request_id
        ).count()
        url = reverse("reporting:completeness", args=[first.kind.regime_id]) + f"?nam={year}"
        line = ReminderLine(
            kind=MISSING,
            title=first.label,
            deadline=first.deadline_words,
            when=_when_words(first.ahead),
            status=f"còn {len(owing)}/{total} cơ quan chưa gửi",
            url=url,
            agencies=[ob.agency.name for ob in owing],
            total=total,
        )
        lines.append((first.kind.regime, line))
    return lines


def reminder_plan(*, day: dt.date) -> dict[User, list[ReminderLine]]:
    """Who gets a digest on `day` and its lines: the officers who write each report (the roles
    `perms.can_write` allows) and, after deadlines, the standing agency's officers."""
    obligations = due_obligations(day=day)
    missing = _missing_lines(obligations)
    agency_ids = {ob.agency_id for ob in obligations}
    agency_ids |= {regime.committee.standing_agency_id for regime, _ in missing}
    users = defaultdict(list)
    for user in (
        User.objects.filter(is_active=True, agency_id__in=agency_ids)
        .select_related("agency")
        .order_by("username")
    ):
        users[user.agency_id].append(user)
    plan: dict[User, list[ReminderLine]] = defaultdict(list)
    for ob in obligations:
        for user in users[ob.agency_id]:
            if can_write(user, ob):
                plan[user].append(_own_line(ob))
    for regime, line in missing:
        committee = regime.committee
        for user in users[committee.standing_agency_id]:
            if account_perms.can_manage_committee(user, committee):
                plan[user].append(line)
    return dict(sorted(plan.items(), key=lambda item: item[0].username))


def digest_subject(*, day: dt.date, lines: list[ReminderLine]) -> str:
    own = sum(1 for line in lines if line.kind == OWN)
    parts = [f"{own} báo cáo cần gửi"] if own else []
    if len(lines) > own:
        parts.append(f"{len(lines) - own} báo cáo còn cơ quan chưa gửi")
    return f"Nhắc hạn báo cáo ngày {day:%d/%m/%Y}: " + ", ".join(parts)


def user_notices(*, user):
    """Unread first, then newest."""
    unread = Case(
        When(read_at__isnull=True, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    return (
        Notice.objects.filter(user=user)
        .select_related("digest")
        .annotate(unread=unread)
        .order_by("-unread", "-created_at", "-pk")
    )


def unread_count(*, user) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).count()


def user_digests(*, user):
    return ReminderDigest.objects.filter(user=user).order_by("-day", "-pk")


def can_see_digest_log(user) -> bool:
    return user.is_authenticated and bool(log_province_ids(user))


def log_province_ids(user) -> set[int]:
    """Provinces whose digests the user may list: the standing officer's own, every one for an
    administrator."""
    return {
        pk
        for pk in account_perms.visible_province_ids(user)
        if account_perms.can_manage_province(user, pk)
    }


def digest_log(*, user, status: str = "", day: dt.date | None = None):
    digests = ReminderDigest.objects.filter(
        user__agency__province_id__in=log_province_ids(user)
    ).select_related("user__agency")
    if status:
        digests = digests.filter(status=status)
    if day:
        digests = digests.filter(day=day)
    return digests.order_by("-day", "user__agency__name", "user__username")
