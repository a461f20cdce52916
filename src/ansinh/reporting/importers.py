"""Reading a reporting regime's data file (docs/regime-format.md).

The file's shape is checked before anything is written, every problem named by its entry and
line; what needs the database (the committee, the reporters, whether the deadlines exist in
every year) is `regime_load`'s to check.
"""

import re

from ansinh.org.importers.yamlfile import FileProblems, ShapeChecker, read_located
from ansinh.reporting.enums import CutoffRule, DeadlineReading, ReportLevel, ReportPeriod
from ansinh.reporting.services.regimes import MAX_REMIND_DAYS

FORMAT = "ansinh.regime/1"
FIRST_YEAR, LAST_YEAR = 2000, 2100
_SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
_TOP_KEYS = {
    "format",
    "province",
    "committee",
    "plan",
    "key",
    "name",
    "source",
    "reading",
    "years",
    "reminders",
    "reporters",
    "kinds",
}
_KIND_KEYS = {"name", "period", "level", "cutoff", "numbers", "deadline"}
_DEADLINE_RANGES = {
    "after_period_months": (0, 12),
    "day": (1, 31),
    "month": (1, 12),
    "year_offset": (0, 1),
}


def regime_file_read(*, text: str, filename: str) -> dict:
    """The regime a file describes, as `regime_load` takes it; FileProblems when its shape is
    not the format's."""
    located = read_located(text, filename)
    _RegimeChecker(located, filename).check()
    return located.data


class _RegimeChecker(ShapeChecker):
    """Checks the file and leaves every checked wording and key as text: `name: 2024` is the
    name "2024", and a key written as a number is the key the province file made of it."""

    def check(self):
        data = self.data
        if not self.mapping(data, (), _TOP_KEYS, {"province", "committee", "key", "name"}):
            raise FileProblems(self.filename, self.problems)
        if "format" in data and data["format"] != FORMAT:
            self.fail(("format",), f"phải là “{FORMAT}”")
        province = data.get("province")
        if self.mapping(province, ("province",), {"code", "edition"}, {"code"}):
            self.wording(province, ("province",), "code", 20, required=True)
            self.wording(province, ("province",), "edition", 20, required=False)
        self.wording(data, (), "committee", 60, required=True)
        key = self.wording(data, (), "key", 60, required=True)
        if key and not _SLUG_RE.match(key):
            self.fail(("key",), "mã chỉ gồm chữ không dấu, số, dấu gạch ngang")
        self.wording(data, (), "name", 300, required=True)
        self.wording(data, (), "source", 400, required=False)
        self.choice(data, (), "reading", DeadlineReading)
        if data.get("plan") is not None:
            plan = data["plan"]
            if self.mapping(plan, ("plan",), {"year"}, {"year"}):
                self.integer(plan["year"], ("plan", "year"), FIRST_YEAR, LAST_YEAR)
        for index, year in enumerate(self.items(data.get("years"), ("years",))):
            self.integer(year, ("years", index), FIRST_YEAR, LAST_YEAR)
        self.check_reminders(data.get("reminders"))
        self.check_reporters(data.get("reporters"))
        for index, kind in enumerate(self.items(data.get("kinds"), ("kinds",))):
            self.check_kind(kind, ("kinds", index))
        if self.problems:
            raise FileProblems(self.filename, self.problems)

    def wording(self, item: dict, path, name: str, longest: int, *, required: bool) -> str:
        if name not in item and not required:
            return ""
        value = self.text(item.get(name), (*path, name), required=required)
        if len(value) > longest:
            self.fail((*path, name), f"dài quá {longest} ký tự")
        if name in item and not isinstance(item[name], dict | list):
            item[name] = value
        return value

    def choice(self, item: dict, path, name: str, choices):
        if name in item and item[name] is not None and item[name] not in choices.values:
            self.fail(
                (*path, name),
                f"“{item[name]}” không hợp lệ; dùng một trong: {', '.join(choices.values)}",
            )

    def check_reminders(self, reminders):
        path = ("reminders",)
        if reminders is None or not self.mapping(reminders, path, {"before", "after"}):
            return
        for name in ("before", "after"):
            for index, days in enumerate(self.items(reminders.get(name), (*path, name))):
                self.integer(days, (*path, name, index), 0, MAX_REMIND_DAYS)

    def check_reporters(self, reporters):
        path = ("reporters",)
        if reporters is None or not self.mapping(reporters, path, {"agencies", "groups"}):
            return
        for name in ("agencies", "groups"):
            keys = self.items(reporters.get(name), (*path, name))
            for index, key in enumerate(keys):
                keys[index] = self.text(key, (*path, name, index))

    def check_kind(self, kind, path):
        if not self.mapping(kind, path, _KIND_KEYS, {"name", "period", "level"}):
            return
        self.wording(kind, path, "name", 200, required=True)
        for name in ("period", "level"):
            if name in kind and kind[name] is None:
                self.fail((*path, name), "không được để trống")
        self.choice(kind, path, "period", ReportPeriod)
        self.choice(kind, path, "level", ReportLevel)
        self.choice(kind, path, "cutoff", CutoffRule)
        for index, number in enumerate(self.items(kind.get("numbers"), (*path, "numbers"))):
            self.integer(number, (*path, "numbers", index), 1, 4)
        deadline = kind.get("deadline")
        d_path = (*path, "deadline")
        if deadline is None or not self.mapping(deadline, d_path, set(_DEADLINE_RANGES)):
            return
        if not deadline:
            return
        for name, (low, high) in _DEADLINE_RANGES.items():
            if name in deadline:
                self.integer(deadline[name], (*d_path, name), low, high)
        relative = "after_period_months" in deadline
        if relative and "month" in deadline:
            self.fail(
                d_path, "ghi after_period_months (hạn theo tháng sau kỳ) hoặc month, không cả hai"
            )
        for name in ("day",) if relative else ("month", "day"):
            if name not in deadline:
                self.fail(d_path, f"thiếu trường “{name}”")
