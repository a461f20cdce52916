"""Checks of a province data file that need no database, all collected before any write."""

import datetime as dt
import re

from ansinh.core.vnformat import parse_date
from ansinh.org.enums import AdminEdition, AgencyKind, Role
from ansinh.org.importers.yamlfile import FileProblems, ShapeChecker

FORMAT = "ansinh.province/1"
_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TOP_KEYS = {
    "format",
    "province",
    "source",
    "agencies",
    "district_people_committees",
    "agency_groups",
    "committee",
    "regulation",
}
_NODE_KEYS = {"number", "title", "text", "binds"}
CHILDREN = {"chapters": "articles", "articles": "clauses", "clauses": "points", "points": None}


class Checker(ShapeChecker):
    """Structure checks that need no database, all collected before any write."""

    def check(self):
        data = self.data
        if not self.mapping(data, (), _TOP_KEYS, {"format", "province", "agencies", "committee"}):
            raise FileProblems(self.filename, self.problems)
        if data.get("format") != FORMAT:
            self.fail(("format",), f"phải là “{FORMAT}”")
        province = data.get("province")
        if self.mapping(province, ("province",), {"code", "name", "edition"}, {"code", "name"}):
            self.text(province.get("code"), ("province", "code"))
            self.text(province.get("name"), ("province", "name"))
            edition = str(province.get("edition", AdminEdition.Y2024))
            if edition not in AdminEdition.values:
                self.fail(("province", "edition"), "phải là “2024” hoặc “2025”")
        self.agency_keys = self.check_agencies()
        self.group_keys = self.check_groups()
        self.check_committee()
        if data.get("regulation") is not None:
            self.check_regulation()
        if self.problems:
            raise FileProblems(self.filename, self.problems)

    def check_agencies(self) -> set[str]:
        keys: set[str] = set()
        allowed = {"key", "name", "short_name", "kind", "aliases", "email", "phone", "address"}
        for index, item in enumerate(self.items(self.data.get("agencies"), ("agencies",))):
            path = ("agencies", index)
            if not self.mapping(item, path, allowed, {"key", "name", "kind"}):
                continue
            key = self.check_key(item.get("key"), (*path, "key"), keys, "cơ quan")
            self.text(item.get("name"), (*path, "name"))
            self.texts(item, path, ("short_name", "email", "phone", "address"))
            if item.get("kind") not in AgencyKind.values:
                self.fail(
                    (*path, "kind"),
                    f"loại cơ quan “{item.get('kind')}” không có; "
                    f"dùng một trong: {', '.join(AgencyKind.values)}",
                )
            self.check_aliases(item, path)
            keys.add(key)
        dpc = self.data.get("district_people_committees")
        if dpc is not None:
            path = ("district_people_committees",)
            if self.mapping(dpc, path, {"name", "short_name"}, {"name"}):
                for name in ("name", "short_name"):
                    if name not in dpc:
                        continue
                    wording = self.text(dpc[name], (*path, name), required=name == "name")
                    if wording and "{unit}" not in wording:
                        self.fail((*path, name), "mẫu tên phải chứa {unit}")
        return keys

    def check_key(self, value, path, seen: set[str], what: str) -> str:
        key = self.text(value, path)
        if key and not _KEY_RE.match(key):
            self.fail(path, "mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang")
        elif key in seen:
            self.fail(path, f"mã {what} “{key}” bị trùng")
        return key

    def check_aliases(self, item, path):
        aliases = item.get("aliases")
        if aliases is not None and not (
            isinstance(aliases, list) and all(isinstance(a, str) for a in aliases)
        ):
            self.fail((*path, "aliases"), "cần một danh sách tên")

    def check_groups(self) -> set[str]:
        keys: set[str] = set()
        allowed = {"key", "name", "aliases", "kinds", "agencies"}
        for index, item in enumerate(
            self.items(self.data.get("agency_groups"), ("agency_groups",))
        ):
            path = ("agency_groups", index)
            if not self.mapping(item, path, allowed, {"key", "name"}):
                continue
            keys.add(self.check_key(item.get("key"), (*path, "key"), keys, "nhóm cơ quan"))
            self.text(item.get("name"), (*path, "name"))
            self.check_aliases(item, path)
            for k_index, kind in enumerate(self.items(item.get("kinds"), (*path, "kinds"))):
                if kind not in AgencyKind.values:
                    self.fail((*path, "kinds", k_index), f"loại cơ quan “{kind}” không có")
            for a_index, key in enumerate(self.items(item.get("agencies"), (*path, "agencies"))):
                self.ref(key, (*path, "agencies", a_index), self.agency_keys, "cơ quan")
        return keys

    def check_committee(self):
        committee = self.data.get("committee")
        path = ("committee",)
        allowed = {"key", "name", "short_name", "standing_agency", "established_by", "decisions"}
        if not self.mapping(committee, path, allowed, {"key", "name", "standing_agency"}):
            return
        self.check_key(committee.get("key"), (*path, "key"), set(), "Ban Chỉ đạo")
        self.text(committee.get("name"), (*path, "name"))
        self.texts(committee, path, ("short_name", "established_by"))
        if "standing_agency" in committee:
            self.ref(
                committee["standing_agency"],
                (*path, "standing_agency"),
                self.agency_keys,
                "cơ quan",
            )
        numbers: set[str] = set()
        previous: dt.date | None = None
        decisions = self.items(committee.get("decisions"), (*path, "decisions"))
        for index, decision in enumerate(decisions):
            d_path = (*path, "decisions", index)
            allowed = {"number", "date", "issuer", "title", "note", "members"}
            if not self.mapping(decision, d_path, allowed, {"number", "date", "members"}):
                continue
            number = self.text(decision.get("number"), (*d_path, "number"))
            if number in numbers:
                self.fail((*d_path, "number"), f"quyết định số “{number}” bị trùng")
            numbers.add(number)
            day = self.date(decision.get("date"), (*d_path, "date"))
            if day and previous and day < previous:
                self.fail((*d_path, "date"), "các quyết định phải xếp từ cũ đến mới")
            previous = day or previous
            self.texts(decision, d_path, ("issuer", "title", "note"))
            self.check_members(decision.get("members"), (*d_path, "members"))

    def check_members(self, members, path):
        chairs = 0
        if members is None:
            self.fail(path, "cần danh sách thành viên")
        for index, member in enumerate(self.items(members, path)):
            m_path = (*path, index)
            allowed = {"role", "title", "agency", "person", "note"}
            if not self.mapping(member, m_path, allowed, {"role", "title", "agency"}):
                continue
            if member.get("role") not in Role.values:
                self.fail(
                    (*m_path, "role"),
                    f"vai trò “{member.get('role')}” không có; dùng một "
                    f"trong: {', '.join(Role.values)}",
                )
            chairs += member.get("role") == Role.CHAIR
            self.text(member.get("title"), (*m_path, "title"))
            self.texts(member, m_path, ("person", "note"))
            if "agency" in member:
                self.ref(member["agency"], (*m_path, "agency"), self.agency_keys, "cơ quan")
        if isinstance(members, list) and chairs != 1:
            self.fail(path, f"thành phần phải có đúng một Trưởng ban (chair), đang có {chairs}")

    def date(self, value, path) -> dt.date | None:
        if value is None or value == "":
            self.fail(path, "thiếu ngày")
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.fail(path, str(exc))
            return None

    def check_regulation(self):
        regulation = self.data["regulation"]
        path = ("regulation",)
        allowed = {"title", "decision_number", "decision_date", "issuer", "chapters"}
        if not self.mapping(regulation, path, allowed, {"title", "chapters"}):
            return
        self.text(regulation.get("title"), (*path, "title"))
        self.texts(regulation, path, ("decision_number", "issuer"))
        if regulation.get("decision_date") not in (None, ""):
            self.date(regulation.get("decision_date"), (*path, "decision_date"))
        self.article_numbers: set[str] = set()
        self.check_nodes(regulation.get("chapters"), (*path, "chapters"), "chapters")

    def check_nodes(self, nodes, path, kind: str):
        child_kind = CHILDREN[kind]
        seen: set[str] = set()
        allowed = _NODE_KEYS | ({child_kind} if child_kind else set())
        for index, node in enumerate(self.items(nodes, path)):
            n_path = (*path, index)
            if not self.mapping(node, n_path, allowed, {"number"}):
                continue
            number = self.text(node.get("number"), (*n_path, "number"))
            registry = self.article_numbers if kind == "articles" else seen
            if number and number in registry:
                word = {
                    "chapters": "Chương",
                    "articles": "Điều",
                    "clauses": "khoản",
                    "points": "điểm",
                }[kind]
                self.fail((*n_path, "number"), f"{word} {number} bị trùng")
            registry.add(number)
            self.texts(node, n_path, ("title", "text"))
            if "binds" in node:
                self.check_binds(node["binds"], (*n_path, "binds"))
            if child_kind and node.get(child_kind) is not None:
                self.check_nodes(node[child_kind], (*n_path, child_kind), child_kind)

    def check_binds(self, binds, path):
        for index, bind in enumerate(binds if isinstance(binds, list) else [binds]):
            b_path = (*path, index) if isinstance(binds, list) else path
            if not self.mapping(bind, b_path, {"agency", "agency_group", "role", "committee"}):
                continue
            if len(bind) != 1:
                self.fail(
                    b_path, "mỗi mục chỉ gắn với một: agency, agency_group, role hoặc committee"
                )
            if "agency" in bind:
                self.ref(bind["agency"], (*b_path, "agency"), self.agency_keys, "cơ quan")
            if "agency_group" in bind:
                self.ref(
                    bind["agency_group"], (*b_path, "agency_group"), self.group_keys, "nhóm cơ quan"
                )
            if "role" in bind and bind["role"] not in Role.values:
                self.fail((*b_path, "role"), f"vai trò “{bind['role']}” không có")
            if "committee" in bind and bind["committee"] is not True:
                self.fail((*b_path, "committee"), "chỉ nhận giá trị true")
