"""Files users upload with their work (report attachments, meeting materials, consultation
documents): one rule for what is accepted, checked before anything is written, and one way to
store an accepted file on its model."""

from pathlib import PurePath

from django import forms
from django.conf import settings

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


def extension(name: str) -> str:
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
        ext = extension(upload.name)
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


def store_upload(obj, upload, *, user, field: str = "file"):
    """Fill a file-holding model's name, size and authors from an accepted upload and write the
    file; the caller validates and saves the row."""
    obj.name = PurePath(upload.name).name[:255]
    obj.size = upload.size
    obj.created_by = obj.created_by if obj.pk else user
    if hasattr(obj, "updated_by"):
        obj.updated_by = user
    getattr(obj, field).save(obj.name, upload, save=False)
    return obj


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input, each checked by `attachment_problems` so that every form
    refuses the same files with the same words, naming the file. `check=False` leaves the check
    to a service that reports it together with the other fields' problems."""

    def __init__(self, *args, check: bool = True, **kwargs):
        self.check = check
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "form-control"}))
        kwargs.setdefault("allow_empty_file", True)  # refused below, with the file's name
        kwargs.setdefault("help_text", upload_rule())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(d, initial) for d in data if d]
        else:
            files = [single(data, initial)] if data else []
        problems = attachment_problems(files=files) if self.check else []
        if problems:
            raise forms.ValidationError(problems)
        return files
