"""Writes of the agenda: items with their presenter and time, and the materials sent with them
(uploaded files, checked like report attachments, or a consolidated report draft)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from ansinh.core.history import acting_as
from ansinh.core.uploads import attachment_problems, store_upload
from ansinh.meetings.enums import MeetingStatus as S
from ansinh.meetings.models import AgendaItem, Material, Meeting
from ansinh.meetings.services.meetings import require_status
from ansinh.reporting.models import ConsolidatedReport

AGENDA_EDITABLE = [S.DRAFT, S.INVITED]
NO_PRESENTER = "Người trình bày: chọn một thành viên hoặc một cơ quan trình bày nội dung này."


def material_problems(*, item: AgendaItem | None, files) -> list[str]:
    """Why these uploads cannot go with the item: the report-attachment checks (type by content,
    size), and a count per agenda item."""
    already = item.materials.exclude(file="").count() if item is not None and item.pk else 0
    limit = settings.ANSINH_ATTACHMENT_MAX_COUNT
    if already + len(files) > limit:
        return [f"Mỗi nội dung họp có tối đa {limit} tệp tài liệu; nội dung này đã có {already}."]
    return attachment_problems(files=files)


def _check(item: AgendaItem) -> None:
    meeting = item.meeting
    errors = {}
    if item.presenter_member_id is None and item.presenter_agency_id is None:
        errors["presenter"] = NO_PRESENTER
    elif item.presenter_member_id and item.presenter_member.committee_id != meeting.committee_id:
        errors["presenter"] = "Người trình bày: thành viên này không thuộc Ban Chỉ đạo."
    elif (
        item.presenter_agency_id
        and item.presenter_agency.province_id != meeting.committee.province_id
    ):
        errors["presenter"] = "Người trình bày: cơ quan này không thuộc tỉnh của Ban Chỉ đạo."
    if errors:
        raise ValidationError(errors)


def _check_report(meeting: Meeting, report: ConsolidatedReport) -> None:
    if report.kind.regime.committee_id != meeting.committee_id:
        raise ValidationError(
            {"report": "Dự thảo báo cáo tổng hợp: dự thảo này của Ban Chỉ đạo khác."}
        )


@transaction.atomic
def agenda_item_save(
    *, item: AgendaItem, user, files=(), report: ConsolidatedReport | None = None
) -> AgendaItem:
    """Add or change an item and attach its new materials, all or nothing."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    require_status(meeting, AGENDA_EDITABLE, "sửa nội dung họp")
    _check(item)
    files = list(files)
    problems = material_problems(item=item, files=files)
    if problems:
        raise ValidationError({"files": problems})
    if report is not None:
        _check_report(meeting, report)
    with acting_as(user):
        if item.pk is None:
            last = meeting.agenda.aggregate(last=Max("position"))["last"]
            item.position = (last or 0) + 1
            item.created_by = user
        item.updated_by = user
        item.full_clean()
        item.save()
        for upload in files:
            material = store_upload(Material(item=item), upload, user=user)
            material.full_clean()
            material.save()
        if report is not None and not item.materials.filter(report=report).exists():
            material = Material(
                item=item, report=report, name=str(report), created_by=user, updated_by=user
            )
            material.full_clean()
            material.save()
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, user) -> None:
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    require_status(meeting, AGENDA_EDITABLE, "xóa nội dung họp")
    if item.decisions.exists():
        raise ValidationError("Nội dung này đã có biểu quyết, không xóa được.")
    with acting_as(user):
        for material in item.materials.all():
            material_remove(material=material, user=user)
        item.delete()


def material_remove(*, material: Material, user) -> None:
    require_status(material.item.meeting, AGENDA_EDITABLE, "xóa tài liệu")
    with transaction.atomic(), acting_as(user):
        if material.file:
            material.file.delete(save=False)
        material.delete()
