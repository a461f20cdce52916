"""Demo written consultations read from the `consultations:` key of data/meetings/*.yaml
(illustrative). Each is sent on the load day with a closing date `closes_in_days` later, so it
stays open, to every seat in force; its document is drafted at load time as a Word file in the
Nghị định 30 layout from the text in the file (the service accepts only real files), and a few
members' answers are recorded so the page shows a partial response."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from ansinh.accounts.models import User
from ansinh.documents.nd30 import DOCX, OfficialDocument
from ansinh.meetings.demo import DemoProblem, _seat
from ansinh.meetings.enums import ConsultationAnswer
from ansinh.meetings.exports import _place
from ansinh.meetings.models import Consultation
from ansinh.meetings.services.consultations import consultation_answer, consultation_create
from ansinh.org.models import Committee


def _required(spec: dict, key: str, name: str):
    value = spec.get(key)
    if value in (None, "", []):
        raise DemoProblem(f"{name}: thiếu “{key}”.")
    return value


def _document(committee: Committee, spec: dict, day: dt.date, name: str) -> SimpleUploadedFile:
    filename = str(_required(spec, "filename", f"{name}.document"))
    if not filename.lower().endswith(".docx"):
        raise DemoProblem(f"{name}.document: tên tệp “{filename}” phải có đuôi .docx.")
    doc = OfficialDocument(
        issuer_parent=f"UBND {committee.province.name}",
        issuer=spec.get("issuer", "BAN CHỈ ĐẠO"),
        number=spec.get("number", ""),
        place=_place(committee.province),
        date=day,
        kind=spec.get("kind", "DỰ THẢO"),
        summary=str(_required(spec, "title", f"{name}.document")),
    )
    for index, entry in enumerate(_required(spec, "paragraphs", f"{name}.document")):
        if isinstance(entry, dict) and "heading" in entry:
            doc.heading(str(entry["heading"]))
        elif isinstance(entry, str):
            doc.paragraph(entry)
        else:
            raise DemoProblem(
                f"{name}.document.paragraphs[{index}]: ghi một đoạn văn hoặc {{heading: …}}."
            )
    return SimpleUploadedFile(filename, doc.to_bytes(), content_type=DOCX)


def _answers(consultation: Consultation, entries: list[dict], now: dt.datetime, name: str):
    day = timezone.localtime(now).date()
    members = {m.membership_id: m for m in consultation.members.all()}
    allowed = {c.value for c in ConsultationAnswer} - {ConsultationAnswer.PENDING}
    for index, entry in enumerate(entries):
        where = f"{name}.answers[{index}]"
        seat = _seat(consultation.committee, str(_required(entry, "seat", where)), day, where)
        answer = str(_required(entry, "answer", where))
        if answer not in allowed:
            raise DemoProblem(
                f"{where}: ý kiến “{answer}” không hợp lệ; ghi một trong {', '.join(allowed)}."
            )
        # The answer is recorded as given by an officer of that seat's agency when there is
        # one, so the page names a person as it would for a real answer.
        officer = (
            User.objects.filter(agency_id=seat.agency_id, is_active=True)
            .order_by("username")
            .first()
        )
        consultation_answer(
            member=members[seat.pk],
            answer=answer,
            comment=entry.get("comment", ""),
            user=officer,
            now=now,
        )


def load_consultation(committee: Committee, spec: dict, name: str, now: dt.datetime) -> str:
    title = str(_required(spec, "title", name)).strip()
    if Consultation.objects.filter(committee=committee, title=title).exists():
        return f"{title}: đã có, bỏ qua."
    days = int(_required(spec, "closes_in_days", name))
    if days < 1:
        raise DemoProblem(f"{name}: “closes_in_days” phải từ 1 ngày trở lên.")
    today = timezone.localtime(now).date()
    hour, minute = (int(part) for part in str(spec.get("closes_time", "17:00")).split(":"))
    closes_at = timezone.make_aware(
        dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour, minute))
    )
    document = _document(committee, _required(spec, "document", name), today, name)
    consultation = consultation_create(
        committee=committee,
        title=title,
        questions=str(_required(spec, "questions", name)),
        closes_at=closes_at,
        members=None,
        files=[document],
        user=None,
        now=now,
    )
    _answers(consultation, spec.get("answers", []), now, name)
    answered = consultation.members.exclude(answer=ConsultationAnswer.PENDING).count()
    return f"{title}: đã gửi, {answered}/{consultation.members.count()} thành viên đã trả lời."


def load_consultations(committee: Committee, spec: dict, file_name: str, now=None) -> list[str]:
    lines = []
    for index, entry in enumerate(spec.get("consultations", [])):
        name = f"{file_name}, consultations[{index}]"
        try:
            with transaction.atomic():
                lines.append(load_consultation(committee, entry, name, now or timezone.now()))
        except ValidationError as error:
            raise DemoProblem(f"{name}: {' '.join(error.messages)}") from error
    return lines
