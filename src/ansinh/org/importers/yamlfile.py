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
