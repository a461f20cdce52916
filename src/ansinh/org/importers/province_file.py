"""Loading a province data file (docs/data-format.md): agencies, groups, committee, regulation.

The whole file is checked first and every problem is reported with its line and entry; then
everything is written in one transaction, or nothing is. A dry run does the full load and rolls
it back, so its counts are exactly what a real load would do.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from ansinh.core.history import acting_as
from ansinh.core.vnformat import parse_date
from ansinh.org import services
from ansinh.org.enums import AdminEdition, AdminLevel, AgencyKind, ClauseLevel
from ansinh.org.importers.province_file_check import CHILDREN, Checker
from ansinh.org.importers.yamlfile import FileProblems, Problem, read_located
from ansinh.org.models import AdminUnit, Agency, AgencyGroup, Committee
from ansinh.org.text import search_key

_LEVEL_OF = {
    "chapters": ClauseLevel.CHAPTER,
    "articles": ClauseLevel.ARTICLE,
    "clauses": ClauseLevel.CLAUSE,
    "points": ClauseLevel.POINT,
}


@dataclass
class LoadReport:
    filename: str
    province: str = ""
    committee: str = ""
    # What the file changes, by identity rather than by name: a file may rename its committee.
    province_id: int | None = None
    committee_key: str = ""
    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        parts = [
            f"{self.counts['agencies']} cơ quan",
            f"{self.counts['agency_groups']} nhóm cơ quan",
            f"{self.counts['decisions']} quyết định",
            f"{self.counts['members']} thành viên",
            f"{self.counts['clauses']} điều khoản",
            f"{self.counts['duties']} nhiệm vụ",
        ]
        return f"{self.committee} ({self.province}): " + ", ".join(parts)


class _DryRun(Exception):
    pass


def province_file_load(*, text: str, filename: str, user=None, dry_run: bool = False) -> LoadReport:
    located = read_located(text, filename)
    checker = Checker(located, filename)
    report = LoadReport(filename=filename, dry_run=dry_run)
    writer = _Writer(checker, report, user)
    try:
        checker.check()
        with transaction.atomic(), acting_as(user):
            writer.write()
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def province_file_load_path(*, path: Path, user=None, dry_run: bool = False) -> LoadReport:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FileProblems(Path(path).name, [Problem((), "tệp phải mã hóa UTF-8")]) from exc
    return province_file_load(text=text, filename=Path(path).name, user=user, dry_run=dry_run)


class _Writer:
    """Writes a checked file through the org services; problems found against the database
    (an unknown province, a rejected record) still name the entry."""

    def __init__(self, checker: Checker, report: LoadReport, user):
        self.checker = checker
        self.data = checker.data
        self.report = report
        self.user = user
        self.agencies: dict[str, Agency] = {}
        self.groups: dict[str, AgencyGroup] = {}

    def problem(self, path, message):
        line = self.checker.located.line(tuple(path))
        raise FileProblems(self.checker.filename, [Problem(tuple(path), message, line)])

    def guarded(self, path, func, **kwargs):
        try:
            return func(**kwargs)
        except ValidationError as exc:
            messages = "; ".join(
                f"{m}" for m in (exc.messages if hasattr(exc, "messages") else [str(exc)])
            )
            self.problem(path, messages)

    def write(self):
        self.province = self.resolve_province()
        self.report.province = self.province.name
        self.report.province_id = self.province.pk
        self.write_agencies()
        self.write_groups()
        committee = self.write_committee()
        self.report.committee = committee.name
        self.report.committee_key = committee.key
        if self.data.get("regulation"):
            self.write_regulation(committee)

    def resolve_province(self) -> AdminUnit:
        spec = self.data["province"]
        edition = str(spec.get("edition", AdminEdition.Y2024))
        code = _text(spec["code"])
        unit = AdminUnit.objects.filter(
            edition=edition, level=AdminLevel.PROVINCE, code=code
        ).first()
        if unit is None:
            self.problem(
                ("province", "code"),
                f"không có tỉnh mã “{code}” trong cấu trúc "
                f"{edition}; hãy nạp đơn vị hành chính trước (ansinh load-admin-units)",
            )
        if search_key(_text(spec["name"])) not in unit.search_name:
            self.problem(
                ("province", "name"), f"mã “{code}” là {unit.name}, không phải “{spec['name']}”"
            )
        return unit

    def write_agencies(self):
        existing = {a.key: a for a in Agency.objects.filter(province=self.province)}
        for index, item in enumerate(self.data.get("agencies") or []):
            key = _text(item["key"])
            agency = existing.get(key) or Agency(province=self.province, key=key)
            for name in ("name", "short_name", "kind", "email", "phone", "address"):
                setattr(agency, name, _text(item.get(name)))
            agency.aliases = list(item.get("aliases") or [])
            self.agencies[agency.key] = self.guarded(
                ("agencies", index), services.agency_save, agency=agency, user=self.user
            )
        template = self.data.get("district_people_committees")
        if template:
            districts = AdminUnit.objects.filter(parent=self.province, level=AdminLevel.DISTRICT)
            if not districts.exists():
                self.problem(
                    ("district_people_committees",),
                    f"{self.province.name} không có huyện trong dữ liệu đơn vị hành chính",
                )
            for district in districts.order_by("code"):
                key = f"ubnd-{district.code}"
                unit = district.name[:1].lower() + district.name[1:]
                agency = existing.get(key) or Agency(province=self.province, key=key)
                agency.name = _text(template["name"]).replace("{unit}", unit)
                agency.short_name = _text(template.get("short_name")).replace("{unit}", unit)
                agency.kind = AgencyKind.DISTRICT_PEOPLE_COMMITTEE
                agency.admin_unit = district
                self.agencies[key] = self.guarded(
                    ("district_people_committees",),
                    services.agency_save,
                    agency=agency,
                    user=self.user,
                )
        self.report.counts["agencies"] = len(self.agencies)

    def write_groups(self):
        existing = {g.key: g for g in AgencyGroup.objects.filter(province=self.province)}
        for index, item in enumerate(self.data.get("agency_groups") or []):
            key = _text(item["key"])
            group = existing.get(key) or AgencyGroup(province=self.province, key=key)
            group.name = _text(item["name"])
            group.aliases = list(item.get("aliases") or [])
            group.kinds = list(item.get("kinds") or [])
            members = [self.agencies[_text(k)] for k in item.get("agencies") or []]
            self.groups[group.key] = self.guarded(
                ("agency_groups", index),
                services.agency_group_save,
                group=group,
                members=members,
                user=self.user,
            )
        self.report.counts["agency_groups"] = len(self.groups)

    def write_committee(self) -> Committee:
        spec = self.data["committee"]
        path = ("committee",)
        key, name = _text(spec["key"]), _text(spec["name"])
        short_name, established_by = (
            _text(spec.get("short_name")),
            _text(spec.get("established_by")),
        )
        committee = Committee.objects.filter(province=self.province, key=key).first()
        standing = self.agencies[_text(spec["standing_agency"])]
        if committee is None:
            committee = self.guarded(
                path,
                services.committee_create,
                province=self.province,
                key=key,
                name=name,
                short_name=short_name,
                standing_agency=standing,
                established_by=established_by,
                user=None,
            )
        else:
            committee.name, committee.short_name = name, short_name
            committee.standing_agency = standing
            committee.established_by = established_by
            self.guarded(path, services.committee_update, committee=committee, user=self.user)
        for index, decision in enumerate(spec.get("decisions") or []):
            members = [
                services.MemberSpec(
                    role=m["role"],
                    title=_text(m["title"]),
                    agency=self.agencies[_text(m["agency"])],
                    person_name=_text(m.get("person")),
                    note=_text(m.get("note")),
                )
                for m in decision["members"]
            ]
            self.guarded(
                (*path, "decisions", index),
                services.committee_reconstitute,
                committee=committee,
                number=_text(decision["number"]),
                date=parse_date(decision["date"]),
                members=members,
                issuer=_text(decision.get("issuer")),
                title=_text(decision.get("title")),
                note=_text(decision.get("note")),
                user=self.user,
            )
            self.report.counts["decisions"] += 1
        self.report.counts["members"] = committee.memberships.filter(end_date__isnull=True).count()
        return committee

    def write_regulation(self, committee: Committee):
        spec = self.data["regulation"]
        chapters = self.clause_specs(spec["chapters"], "chapters", inherited=[])
        date = spec.get("decision_date")
        regulation = self.guarded(
            ("regulation",),
            services.regulation_save,
            committee=committee,
            title=_text(spec["title"]),
            chapters=chapters,
            decision_number=_text(spec.get("decision_number")),
            decision_date=parse_date(date) if date else None,
            issuer=_text(spec.get("issuer")),
            user=self.user,
        )
        self.report.counts["clauses"] = regulation.clauses.count()
        self.report.counts["duties"] = sum(c.duties.count() for c in regulation.clauses.all())

    def clause_specs(self, nodes, kind, inherited) -> list[services.ClauseSpec]:
        specs = []
        child_kind = CHILDREN[kind]
        for node in nodes or []:
            binds = self.binds(node["binds"]) if "binds" in node else inherited
            children = node.get(child_kind) if child_kind else None
            spec = services.ClauseSpec(
                level=_LEVEL_OF[kind],
                number=_text(node["number"]),
                title=_text(node.get("title")),
                text=_text(node.get("text")),
            )
            if children:
                spec.children = self.clause_specs(children, child_kind, binds)
            elif kind != "chapters":
                spec.duties = binds  # duties sit on the deepest parts
            specs.append(spec)
        return specs

    def binds(self, raw) -> list[services.BindSpec]:
        result = []
        for bind in raw if isinstance(raw, list) else [raw]:
            if "agency" in bind:
                result.append(services.BindSpec(agency=self.agencies[_text(bind["agency"])]))
            elif "agency_group" in bind:
                group = self.groups[_text(bind["agency_group"])]
                result.append(services.BindSpec(agency_group=group))
            elif "role" in bind:
                result.append(services.BindSpec(role=bind["role"]))
            else:
                result.append(services.BindSpec(whole_committee=True))
        return result


def _text(value) -> str:
    """A checked scalar as the text stored: keys, names and wordings alike (a key written
    as a number, `5`, is the key "5" wherever it is used)."""
    return "" if value is None else str(value).strip()
