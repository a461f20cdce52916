"""Files sent with a report: checked before anything is written, added and removed only while
the report can be edited, under the same version check as the text."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError

from ansinh.core.history import acting_as
from ansinh.reporting.models import Attachment, Submission

# The first bytes each accepted type starts with: Office Open XML and OpenDocument are zip
# files, the older Office formats are OLE compound files.
_ZIP, _OLE = (b"PK\x03\x04",), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "doc": _OLE,
    "xls": _OLE,
    "docx": _ZIP,
    "xlsx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
    "zip": _ZIP,
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


def _extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def upload_rule() -> str:
    types = ", ".join("." + t for t in settings.ANSINH_ATTACHMENT_TYPES)
    return (
        f"Nhận {types}; mỗi tệp tối đa {settings.ANSINH_ATTACHMENT_MAX_MB} MB, mỗi báo cáo "
        f"tối đa {settings.ANSINH_ATTACHMENT_MAX_COUNT} tệp. Có thể chọn nhiều tệp một lúc."
    )


def attachment_problems(*, files, already: int = 0) -> list[str]:
    """Why these uploads cannot be accepted, one message per file, naming it."""
    allowed = [t.lower() for t in settings.ANSINH_ATTACHMENT_TYPES]
    limit_mb = settings.ANSINH_ATTACHMENT_MAX_MB
    problems = []
    if already + len(files) > settings.ANSINH_ATTACHMENT_MAX_COUNT:
        problems.append(
            f"Mỗi báo cáo đính kèm tối đa {settings.ANSINH_ATTACHMENT_MAX_COUNT} tệp; báo cáo "
            f"đã có {already} tệp."
        )
    for upload in files:
        ext = _extension(upload.name)
        if ext not in allowed:
            problems.append(
                f"Tệp “{upload.name}”: không nhận loại tệp “.{ext or '?'}”. Các loại được nhận: "
                f"{', '.join('.' + t for t in allowed)}."
            )
            continue
        if upload.size > limit_mb * 1024 * 1024:
            problems.append(
                f"Tệp “{upload.name}”: dung lượng {upload.size / 1024 / 1024:.1f} MB, vượt "
                f"giới hạn {limit_mb} MB."
            )
            continue
        if upload.size == 0:
            problems.append(f"Tệp “{upload.name}”: tệp rỗng.")
            continue
        head = upload.read(16)
        upload.seek(0)
        if not any(head.startswith(sig) for sig in SIGNATURES.get(ext, (b"",))):
            problems.append(
                f"Tệp “{upload.name}”: nội dung không phải tệp .{ext} (tệp hỏng hoặc bị đổi đuôi)."
            )
    return problems


def attachments_add(*, submission: Submission, user, files) -> list[Attachment]:
    """Called inside the submission's locked update; refuses all files if one is refused."""
    problems = attachment_problems(files=files, already=submission.attachments.count())
    if problems:
        raise ValidationError(problems)
    added = []
    with acting_as(user):
        for upload in files:
            attachment = Attachment(
                submission=submission,
                name=PurePath(upload.name).name[:255],
                size=upload.size,
                created_by=user,
                updated_by=user,
            )
            attachment.file.save(attachment.name, upload, save=False)
            attachment.save()
            added.append(attachment)
    return added


def attachment_remove(*, attachment: Attachment, user) -> None:
    with acting_as(user):
        attachment.file.delete(save=False)
        attachment.delete()
