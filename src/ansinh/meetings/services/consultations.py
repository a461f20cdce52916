"""Written consultation: send the documents and the question to the invited members, take
each member's answer until the closing date (changes kept in the history), remind those who
have not answered."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ansinh.accounts.models import User
from ansinh.core.history import acting_as
from ansinh.core.uploads import attachment_problems, store_upload
from ansinh.meetings.enums import ConsultationAnswer as CA
from ansinh.meetings.models import Consultation, ConsultationDocument, ConsultationMember
from ansinh.org.models import Committee, Membership
from ansinh.reporting.models import Notice


def _when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def _notify(consultation: Consultation, seats: list, title: str, besides=None) -> int:
    users = User.objects.filter(agency_id__in={s.agency_id for s in seats}, is_active=True)
    if besides is not None:
        users = users.exclude(pk=besides.pk)
    url = reverse("meetings:consultation_detail", args=[consultation.pk])
    notices = Notice.objects.bulk_create(Notice(user=u, title=title[:300], url=url) for u in users)
    return len(notices)


@transaction.atomic
def consultation_create(
    *,
    committee: Committee,
    title: str,
    questions: str,
    closes_at: dt.datetime | None,
    members: list[Membership] | None,
    files,
    user,
    now: dt.datetime | None = None,
) -> Consultation:
    """`members=None` invites every seat of the committee in force today."""
    now = now or timezone.now()
    errors = {}
    if closes_at is None:
        errors["closes_at"] = "Hạn trả lời: hãy ghi ngày và giờ."
    elif closes_at <= now:
        errors["closes_at"] = f"Hạn trả lời: {_when(closes_at)} đã qua; hạn phải sau thời điểm gửi."
    if members is None:
        members = list(
            Membership.objects.filter(committee=committee)
            .on(timezone.localtime(now).date())
            .select_related("agency")
        )
    if not members:
        errors["members"] = "Thành viên được xin ý kiến: hãy chọn ít nhất một thành viên."
    elif any(m.committee_id != committee.pk for m in members):
        errors["members"] = "Thành viên được xin ý kiến: có thành viên không thuộc Ban Chỉ đạo."
    files = list(files)
    if not files:
        errors["files"] = "Tài liệu: hãy đính kèm ít nhất một tài liệu xin ý kiến."
    elif problems := attachment_problems(files=files):
        errors["files"] = problems
    if errors:
        raise ValidationError(errors)
    consultation = Consultation(
        committee=committee,
        title=title.strip(),
        questions=questions.strip(),
        closes_at=closes_at,
        sent_at=now,
        created_by=user,
        updated_by=user,
    )
    with acting_as(user):
        consultation.full_clean()
        consultation.save()
        for upload in files:
            document = store_upload(
                ConsultationDocument(consultation=consultation), upload, user=user
            )
            document.full_clean()
            document.save()
        for seat in members:
            member = ConsultationMember(consultation=consultation, membership=seat, created_by=user)
            member.full_clean()
            member.save()
    _notify(
        consultation,
        members,
        f"Xin ý kiến bằng văn bản: {consultation.title} — trả lời trước {_when(closes_at)}",
        besides=user,
    )
    return consultation


@transaction.atomic
def consultation_answer(
    *, member: ConsultationMember, answer: str, comment: str = "", user, now=None
) -> ConsultationMember:
    now = now or timezone.now()
    member = (
        ConsultationMember.objects.select_for_update()
        .select_related("consultation")
        .get(pk=member.pk)
    )
    closes_at = member.consultation.closes_at
    if now >= closes_at:
        raise ValidationError(
            f"Đợt lấy ý kiến đã kết thúc lúc {_when(closes_at)}; không trả lời hay đổi ý kiến "
            "được nữa."
        )
    if answer not in (CA.AGREE, CA.DISAGREE, CA.COMMENT):
        raise ValidationError({"answer": "Ý kiến: chọn đồng ý, không đồng ý hoặc ý kiến khác."})
    comment = comment.strip()
    if answer == CA.COMMENT and not comment:
        raise ValidationError({"comment": "Ý kiến cụ thể: hãy ghi nội dung ý kiến khác."})
    member.answer, member.comment = answer, comment
    member.answered_at, member.answered_by, member.updated_by = now, user, user
    with acting_as(user):
        member.full_clean()
        member.save()
    return member


@transaction.atomic
def consultation_remind(*, consultation: Consultation, user, now=None) -> int:
    """A notice to the agencies of the members who have not answered; the number reminded."""
    now = now or timezone.now()
    if now >= consultation.closes_at:
        raise ValidationError("Đợt lấy ý kiến đã kết thúc; không nhắc được nữa.")
    pending = list(
        consultation.members.filter(answer=CA.PENDING).select_related("membership__agency")
    )
    if not pending:
        raise ValidationError("Mọi thành viên đã trả lời; không còn ai để nhắc.")
    _notify(
        consultation,
        [m.membership for m in pending],
        f"Nhắc trả lời xin ý kiến: {consultation.title} — hạn {_when(consultation.closes_at)}",
        besides=user,
    )
    with acting_as(user):
        for member in pending:
            member.reminded_at, member.updated_by = now, user
            member.save(update_fields=["reminded_at", "updated_by", "updated_at"])
    return len(pending)
