"""Word documents from operator-editable templates (docxtpl: Jinja inside a .docx), and their
PDF copy through LibreOffice when the server has it.

Templates are rendered with autoescape (a report text with "&" or "<" stays valid XML) and
`StrictUndefined`, so that a misspelt variable in an uploaded template is refused when it is
uploaded instead of printing nothing in every report afterwards.
"""

import logging
import shutil
import subprocess
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, TemplateError, UndefinedError

logger = logging.getLogger(__name__)

DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "templates_docx" / "bao-cao-tong-hop.docx"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
PDF_TIMEOUT_SECONDS = 120
NO_LIBREOFFICE = "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF."


class TemplateProblem(Exception):
    """A template that cannot be used; the message says why, in Vietnamese."""


def _environment() -> Environment:
    return Environment(autoescape=True, undefined=StrictUndefined)


def render_docx(template: bytes, context: dict) -> bytes:
    """The .docx that `template` gives with `context`; TemplateProblem when it cannot render."""
    document = DocxTemplate(BytesIO(template))
    try:
        document.render(context, jinja_env=_environment())
    except UndefinedError as error:
        raise TemplateProblem(
            f"Mẫu dùng một biến không có trong dữ liệu báo cáo ({error.message}). Xem danh sách "
            "biến trong hướng dẫn sửa mẫu."
        ) from error
    except TemplateError as error:
        raise TemplateProblem(_syntax_message(error)) from error
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Jinja's messages are English; the commonest get a Vietnamese explanation in front.
_HINTS = [
    ("Unexpected end of template", "còn khối chưa đóng (thiếu {% endfor %} hoặc {% endif %})"),
    ("Encountered unknown tag", "thẻ không hợp lệ hoặc thẻ đóng không khớp thẻ mở"),
    ("No filter named", "bộ lọc không có"),
    ("Expected an expression", "thiếu biểu thức sau từ khóa"),
    ("unexpected", "ký tự hoặc từ không đúng chỗ"),
]


def _syntax_message(error: TemplateError) -> str:
    text = str(error.message or error)
    hint = next((vi for en, vi in _HINTS if en.lower() in text.lower()), "")
    message = f"Mẫu có lỗi cú pháp Jinja: {hint + ' — ' if hint else ''}{text}"
    if getattr(error, "lineno", None):
        # docxtpl puts each Word paragraph on a line of its own before Jinja reads it.
        message += f" (khoảng đoạn thứ {error.lineno} của mẫu)"
    nearby = " ".join(line.strip() for line in getattr(error, "docx_context", []) if line.strip())
    if nearby:
        message += f"; gần đoạn: “{nearby[:200]}”"
    return message + "."


def template_problem(data: bytes, sample: dict) -> str:
    """Why `data` is not a usable template ("" when it is): not a .docx, too large, or it does
    not render with the sample context."""
    if len(data) > MAX_TEMPLATE_BYTES:
        size = len(data) / 1024 / 1024
        return f"Tệp mẫu {size:.1f} MB, vượt giới hạn {MAX_TEMPLATE_BYTES // 1024 // 1024} MB."
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                return "Tệp mẫu không phải tệp Word .docx (thiếu word/document.xml)."
    except zipfile.BadZipFile:
        return "Tệp mẫu không phải tệp Word .docx (không đọc được dạng nén của .docx)."
    try:
        render_docx(data, sample)
    except TemplateProblem as problem:
        return str(problem)
    # docxtpl reports a damaged document through whatever lxml or python-docx raises; any of
    # them means the same thing to the operator: this file cannot be used as a template.
    except Exception as error:
        return f"Không dựng được báo cáo từ mẫu: {error}."
    return ""


def default_template() -> bytes:
    return DEFAULT_TEMPLATE.read_bytes()


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_from_docx(data: bytes) -> bytes | None:
    """The PDF of a .docx, or None when LibreOffice is absent or fails. Each run has its own
    profile directory, so two conversions at once do not lock each other out."""
    program = libreoffice()
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="ansinh-pdf-") as work:
        folder = Path(work)
        source = folder / "bao-cao.docx"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            subprocess.run(  # noqa: S603 (fixed program found on PATH, no shell)
                command, capture_output=True, timeout=PDF_TIMEOUT_SECONDS, check=True
            )
        except (subprocess.SubprocessError, OSError) as error:
            logger.warning("LibreOffice could not convert the report to PDF: %s", error)
            return None
        target = folder / "bao-cao.pdf"
        return target.read_bytes() if target.exists() else None
