"""Pick the importer by the file's extension; every importer returns a draft."""

from ansinh.org.importers.yamlfile import FileProblems, shape_problem
from ansinh.plans.importers.excel import plan_excel_read
from ansinh.plans.importers.word import plan_word_read
from ansinh.plans.importers.yamlfile import plan_yaml_read


def default_title(year: int) -> str:
    return f"Thực hiện chính sách bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp năm {year}"


def plan_file_read(*, data: bytes, filename: str, committee, year: int, title: str = "") -> dict:
    """The draft of an uploaded plan. A YAML file names its own committee and year; the
    result's `errors` say whether it may be written."""
    extension = filename.rsplit(".", 1)[-1].lower()
    title = title.strip() or default_title(year)
    if extension in ("yaml", "yml"):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return _failed(filename, committee, year, ["Tệp phải mã hóa UTF-8."])
        try:
            return plan_yaml_read(text=text, filename=filename)
        except FileProblems as exc:
            return _failed(filename, committee, year, exc.messages)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            # Valid YAML of another shape (a list where a mapping belongs, a missing key):
            # refused with what was wrong rather than a server error.
            return _failed(filename, committee, year, [shape_problem(exc)])
    reader = plan_excel_read if extension == "xlsx" else plan_word_read
    return reader(data=data, filename=filename, committee=committee, year=year, title=title)


def _failed(filename, committee, year, errors) -> dict:
    return {
        "source": "yaml",
        "filename": filename,
        "plan": {"committee": committee.pk if committee else None, "year": year, "title": ""},
        "groups": [],
        "tasks": [],
        "errors": errors,
        "warnings": [],
        "unmatched": {},
        "mapping": {},
    }
