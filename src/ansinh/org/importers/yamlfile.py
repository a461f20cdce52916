"""Reading YAML (and JSON, which YAML reads too) while remembering where each value was written,
so that an error can name the line as well as the entry."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

Path_ = tuple[str | int, ...]


@dataclass
class Problem:
    path: Path_
    message: str
    line: int | None = None

    def describe(self, filename: str) -> str:
        where = filename
        if self.line:
            where += f", dòng {self.line}"
        if self.path:
            where += f" ({format_path(self.path)})"
        return f"{where}: {self.message}"


@dataclass
class Located:
    """A parsed document with the line of every entry."""

    data: object
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


class FileProblems(Exception):
    def __init__(self, filename: str, problems: list[Problem]):
        self.filename = filename
        self.problems = problems
        super().__init__("\n".join(self.messages))

    @property
    def messages(self) -> list[str]:
        return [p.describe(self.filename) for p in self.problems]


class ShapeChecker:
    """Checks that a parsed file has the shape its format says, each problem kept with its
    entry and line; a format's checker adds its own rules on top of these."""

    def __init__(self, located: Located, filename: str):
        self.located = located
        self.filename = filename
        self.problems: list[Problem] = []
        self.data = located.data

    def fail(self, path, message):
        self.problems.append(Problem(tuple(path), message, self.located.line(tuple(path))))

    def mapping(self, value, path, allowed: set[str], required: set[str] = frozenset()) -> bool:
        if not isinstance(value, dict):
            self.fail(path, "cần một nhóm trường (khóa: giá trị)")
            return False
        for key in value:
            if key not in allowed:
                self.fail((*path, key), f"trường “{key}” không được hỗ trợ")
        for key in sorted(required - value.keys()):
            self.fail(path, f"thiếu trường “{key}”")
        return True

    def text(self, value, path, required=True) -> str:
        if value is None or value == "":
            if required:
                self.fail(path, "không được để trống")
            return ""
        if isinstance(value, dict | list):
            self.fail(path, "cần một đoạn chữ")
            return ""
        return str(value).strip()

    def texts(self, item: dict, path, names) -> None:
        """The optional wording fields of an entry: each a piece of text when given."""
        for name in names:
            if name in item:
                self.text(item[name], (*path, name), required=False)

    def ref(self, value, path, known: set[str], what: str) -> None:
        """A reference to an entry declared earlier in the file, by its key."""
        if isinstance(value, dict | list):
            self.fail(path, f"cần một mã {what}, không phải một nhóm trường hay danh sách")
        elif value is None or value == "":
            self.fail(path, f"thiếu mã {what}")
        elif str(value).strip() not in known:
            self.fail(path, f"không có {what} với mã “{value}”")

    def items(self, value, path) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, "cần một danh sách")
            return []
        return value

    def integer(self, value, path, low: int, high: int) -> int | None:
        if value is None or value == "":
            self.fail(path, "không được để trống")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(path, f"cần một số nguyên từ {low} đến {high}, gặp “{value}”")
            return None
        return value


def format_path(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def read_located(text: str, filename: str) -> Located:
    try:
        # The reader refuses control characters as soon as it is made.
        loader = yaml.SafeLoader(text)
    except yaml.YAMLError as exc:
        raise FileProblems(filename, [Problem((), f"tệp không đọc được: {exc}")]) from exc
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            line = mark.line + 1 if mark else None
            raise FileProblems(
                filename, [Problem((), f"tệp không đọc được: {exc.problem}", line)]
            ) from exc
        except yaml.YAMLError as exc:
            raise FileProblems(filename, [Problem((), f"tệp không đọc được: {exc}")]) from exc
        if root is None:
            raise FileProblems(filename, [Problem((), "tệp rỗng")])
        located = Located(None)
        problems: list[Problem] = []
        located.data = _build(loader, root, (), located.lines, problems)
    finally:
        loader.dispose()
    if problems:
        raise FileProblems(filename, problems)
    return located


def read_located_file(path: Path) -> Located:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FileProblems(Path(path).name, [Problem((), "tệp phải mã hóa UTF-8")]) from exc
    return read_located(text, Path(path).name)


def _build(loader, node, path: Path_, lines: dict, problems: list[Problem]):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                problems.append(
                    Problem((*path, key), "khóa bị lặp lại", key_node.start_mark.line + 1)
                )
                continue
            result[key] = _build(loader, value_node, (*path, key), lines, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, (*path, index), lines, problems)
            for index, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)


def shape_problem(exc: Exception) -> str:
    """A loader's message for YAML that parsed but is not shaped as the format says."""
    if isinstance(exc, KeyError):
        return f"tệp thiếu mục {exc.args[0]!r} (xem tài liệu định dạng tệp)"
    return f"tệp không đúng cấu trúc của định dạng (xem tài liệu định dạng tệp): {exc}"
