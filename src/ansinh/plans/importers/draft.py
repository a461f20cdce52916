"""The draft every importer builds: a JSON-serialisable plan with its groups, tasks and units,
the units resolved to agencies or groups, and the problems found, each naming row and column.

Problems are of two kinds: `errors` stop the import (a missing column, no task table, a plan
that already exists); `warnings` (a task without a lead unit, an unreadable timeframe) and
unrecognised unit names may be accepted explicitly in the preview, or the names mapped to agencies.
"""

import re

from ansinh.org.text import search_key
from ansinh.plans.enums import UnitRole
from ansinh.plans.matching import UnitMatcher
from ansinh.plans.timeframe import parse_timeframe

_ROMAN = re.compile(r"^[IVXLC]+\.?$")
_LETTER = re.compile(r"^[a-zđ]\s*[).]$", re.IGNORECASE)


def group_level(number: str) -> int:
    """I, II… are top groups; a), b)… their sub-groups; "*" (Đối với nhóm …) one level below."""
    number = number.strip()
    if _ROMAN.match(number):
        return 1
    if _LETTER.match(number):
        return 2
    if number.startswith(("*", "-", "+")):
        return 3
    return 1


class DraftBuilder:
    def __init__(
        self, *, committee, year: int, source: str, filename: str, plan: dict | None = None
    ):
        self.year = year
        self.matcher = UnitMatcher(province_id=committee.province_id)
        self.draft = {
            "source": source,
            "filename": filename,
            "plan": {
                "committee": committee.pk,
                "year": year,
                "kind": "KẾ HOẠCH",
                "title": "",
                "number": "",
                "date": "",
                "place": "",
                "signer_authority": "",
                "signer_title": "",
                "signer_name": "",
                "recipients": [],
                "preamble": [],
                "body": [],
                "footnotes": {},
                "appendix_title": "",
                **(plan or {}),
            },
            "groups": [],
            "tasks": [],
            "errors": [],
            "warnings": [],
            "unmatched": {},
            "mapping": {},
            "remember": [],
        }
        self._levels: list[tuple[int, int]] = []  # (level, group index) of the open groups

    # Problems -------------------------------------------------------------------------------

    def error(self, where: str, message: str, column: str = ""):
        self.draft["errors"].append(_describe(where, column, message))

    def warning(self, where: str, message: str, column: str = ""):
        self.draft["warnings"].append(_describe(where, column, message))

    # Content --------------------------------------------------------------------------------

    def add_group(self, *, number: str, title: str, where: str, parent: int | None = -1) -> int:
        """Add a group; its parent is given (None for a top group), or inferred from its number."""
        number = number.strip()
        if parent == -1:
            level = group_level(number)
            while self._levels and self._levels[-1][0] >= level:
                self._levels.pop()
            parent = self._levels[-1][1] if self._levels else None
        else:
            level = 1 if parent is None else self._level_of(parent) + 1
        index = len(self.draft["groups"])
        self.draft["groups"].append(
            {"number": number, "title": _clean(title), "parent": parent, "where": where}
        )
        while self._levels and self._levels[-1][0] >= level:
            self._levels.pop()
        self._levels.append((level, index))
        return index

    def _level_of(self, index: int) -> int:
        level = 1
        while (index := self.draft["groups"][index]["parent"]) is not None:
            level += 1
        return level

    @property
    def current_group(self) -> int | None:
        return self._levels[-1][1] if self._levels else None

    def add_task(
        self,
        *,
        where: str,
        content: str,
        number: str = "",
        lead_text: str = "",
        coordinators_text: str = "",
        timeframe: str = "",
        legal_refs: str = "",
        leads: list[str] | None = None,
        coordinators: list[str] | None = None,
        group: int | None = -1,
        columns: dict[str, str] | None = None,
    ):
        columns = {"lead": "Đơn vị chủ trì", "timeframe": "Thời gian thực hiện", **(columns or {})}
        content, lead_text, timeframe = _clean(content), _clean(lead_text), _clean(timeframe)
        coordinators_text = _clean(coordinators_text)
        task = {
            "group": self.current_group if group == -1 else group,
            "number": str(number or "").strip(),
            "content": content,
            "lead_text": lead_text,
            "coordinators_text": coordinators_text,
            "timeframe": timeframe,
            "recurring": False,
            "due_date": "",
            "legal_refs": legal_refs.strip(),
            "where": where,
            "units": [],
        }
        try:
            parsed = parse_timeframe(timeframe, year=self.year)
        except ValueError as exc:
            self.warning(where, f"{exc}; nhiệm vụ sẽ không có hạn", columns["timeframe"])
        else:
            task["recurring"] = parsed.recurring
            task["due_date"] = parsed.due_date.isoformat() if parsed.due_date else ""
        for role, names, text in (
            (UnitRole.LEAD, leads, lead_text),
            (UnitRole.COORDINATOR, coordinators, coordinators_text),
        ):
            seen = set()
            for unit in self._units(names, text):
                key = search_key(unit.name)
                if key in seen:
                    continue
                seen.add(key)
                task["units"].append(unit.as_dict(role))
                if not unit.matched:
                    self.draft["unmatched"].setdefault(unit.name, []).append(where)
        if not any(u["role"] == UnitRole.LEAD for u in task["units"]):
            self.warning(where, "nhiệm vụ không có đơn vị chủ trì", columns["lead"])
        if not content:
            self.error(where, "nhiệm vụ không có nội dung", "Nội dung")
        self.draft["tasks"].append(task)

    def _units(self, names: list[str] | None, text: str):
        if names is None:
            return self.matcher.split(text)
        units = []
        for name in names:
            unit = self.matcher.resolve(name)
            units.extend([unit] if unit.matched else self.matcher.split(name))
        return units

    def finish(self) -> dict:
        from ansinh.plans.models import Plan

        plan = self.draft["plan"]
        if not plan["title"]:
            self.error("", "kế hoạch chưa có trích yếu (tên kế hoạch)")
        elif Plan.objects.filter(
            committee_id=plan["committee"], year=plan["year"], title=plan["title"]
        ).exists():
            self.error("", f"Ban Chỉ đạo đã có kế hoạch năm {plan['year']} “{plan['title']}”")
        if not self.draft["tasks"] and not self.draft["errors"]:
            self.error("", "không tìm thấy nhiệm vụ nào")
        return self.draft


def _describe(where: str, column: str, message: str) -> str:
    parts = [p for p in (where, f"cột {column}" if column else "") if p]
    return f"{', '.join(parts)}: {message}" if parts else message[:1].upper() + message[1:]


def _clean(text) -> str:
    return " ".join(str(text or "").split())


def draft_summary(draft: dict) -> str:
    units = sum(len(t["units"]) for t in draft["tasks"])
    return (
        f"{len(draft['groups'])} nhóm, {len(draft['tasks'])} nhiệm vụ, {units} lượt đơn vị "
        f"({len(draft['unmatched'])} tên chưa nhận ra)"
    )
