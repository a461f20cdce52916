"""A national-scale synthetic dataset: every 2025 province with its committee, agencies, users,
annual plans, monthly indicator values per commune and two years of report submissions.

Used by `ansinh generate_national` and by the load benchmark (bench/load.py). Everything is
written with `bulk_create` in batches (no per-row save, no change history: this is generated
data, not users' work), inside one transaction, and is deterministic for a given seed. The
2025 communes carry the whole history of values (the 2024 structure is loaded too, as the app
keeps it, but holds no synthetic counts). Names are plausible, figures invented; nothing here
is part of the demo.
"""

import datetime as dt
import random
import time
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from ansinh.accounts.enums import UserRole
from ansinh.accounts.models import User
from ansinh.org.enums import AdminEdition, AdminLevel, AgencyKind, Role
from ansinh.org.models import (
    AdminUnit,
    Agency,
    AgencyGroup,
    Committee,
    CommitteeDecision,
    Membership,
)

BATCH = 2000
COMMITTEE_KEY = "bcd-tinh"
PASSWORD = "ansinh-quoc-gia-2025"  # every generated user's password (synthetic accounts only)
K = AgencyKind
# (key, name with {P} for "tỉnh X", kind, title of the head who sits on the committee)
PROVINCIAL_AGENCIES = [
    ("ubnd-tinh", "Ủy ban nhân dân {P}", K.PROVINCIAL_PEOPLE_COMMITTEE, "Chủ tịch UBND {P}"),
    ("bhxh", "Bảo hiểm xã hội {P}", K.SOCIAL_INSURANCE, "Giám đốc Bảo hiểm xã hội {P}"),
    ("so-noi-vu", "Sở Nội vụ", K.DEPARTMENT, "Giám đốc Sở Nội vụ"),
    ("so-y-te", "Sở Y tế", K.DEPARTMENT, "Giám đốc Sở Y tế"),
    ("so-tai-chinh", "Sở Tài chính", K.DEPARTMENT, "Giám đốc Sở Tài chính"),
    ("thue", "Thuế {P}", K.TAX, "Trưởng Thuế {P}"),
    ("so-giao-duc", "Sở Giáo dục và Đào tạo", K.DEPARTMENT, "Giám đốc Sở Giáo dục và Đào tạo"),
    ("cong-an", "Công an {P}", K.POLICE, "Giám đốc Công an {P}"),
    ("thanh-tra", "Thanh tra {P}", K.INSPECTORATE, "Chánh Thanh tra {P}"),
    ("so-tu-phap", "Sở Tư pháp", K.DEPARTMENT, "Giám đốc Sở Tư pháp"),
    ("so-cong-thuong", "Sở Công Thương", K.DEPARTMENT, "Giám đốc Sở Công Thương"),
    ("so-nong-nghiep", "Sở Nông nghiệp và Môi trường", K.DEPARTMENT, "Giám đốc Sở"),
    ("so-xay-dung", "Sở Xây dựng", K.DEPARTMENT, "Giám đốc Sở Xây dựng"),
    ("so-khcn", "Sở Khoa học và Công nghệ", K.DEPARTMENT, "Giám đốc Sở"),
    ("so-van-hoa", "Sở Văn hóa, Thể thao và Du lịch", K.DEPARTMENT, "Giám đốc Sở"),
    ("so-dan-toc", "Sở Dân tộc và Tôn giáo", K.DEPARTMENT, "Giám đốc Sở Dân tộc và Tôn giáo"),
    ("van-phong-ubnd", "Văn phòng Ủy ban nhân dân {P}", K.DEPARTMENT, "Chánh Văn phòng"),
    ("ngan-hang", "Ngân hàng Chính sách xã hội Chi nhánh {P}", K.BANK, "Giám đốc Chi nhánh"),
    ("bao-dai", "Báo và Phát thanh, Truyền hình {P}", K.PRESS, "Tổng Biên tập"),
    ("buu-dien", "Bưu điện {P}", K.POST, "Giám đốc Bưu điện {P}"),
    ("ban-qlkcn", "Ban Quản lý các khu công nghiệp {P}", K.ECONOMIC_ZONE, "Trưởng ban"),
    ("ban-tuyen-giao", "Ban Tuyên giáo và Dân vận Tỉnh ủy", K.PARTY_BODY, "Phó Trưởng ban"),
    ("mat-tran", "Ủy ban Mặt trận Tổ quốc Việt Nam {P}", K.MASS_ORGANISATION, "Phó Chủ tịch"),
    ("lien-doan-ld", "Liên đoàn Lao động {P}", K.MASS_ORGANISATION, "Chủ tịch Liên đoàn"),
    ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ {P}", K.MASS_ORGANISATION, "Chủ tịch Hội"),
    ("hoi-nong-dan", "Hội Nông dân {P}", K.MASS_ORGANISATION, "Chủ tịch Hội Nông dân"),
    ("doan-tn", "Đoàn Thanh niên Cộng sản Hồ Chí Minh {P}", K.MASS_ORGANISATION, "Bí thư"),
    ("hoi-ccb", "Hội Cựu chiến binh {P}", K.MASS_ORGANISATION, "Chủ tịch Hội"),
]
MEMBER_KINDS = [
    K.DEPARTMENT, K.TAX, K.POLICE, K.INSPECTORATE, K.BANK, K.PRESS, K.POST,
    K.ECONOMIC_ZONE, K.PARTY_BODY, K.MASS_ORGANISATION,
]  # fmt: skip
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Quốc", "Hữu", "Ngọc", "Đức", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam",
         "Phương", "Quang", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Vân", "Yến"]  # fmt: skip


@dataclass
class Size:
    """How much to generate. `scale` shrinks everything per province (1.0 = the issue's sizes:
    ~40 agencies, ~80 tasks per plan, every commune); provinces and years are counted apart."""

    provinces: int = 34
    years: int = 5
    scale: float = 1.0
    seed: int = 1
    users_per_agency: int = 3
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def agencies(self) -> int:
        return max(6, round(40 * self.scale))

    @property
    def tasks(self) -> int:
        return max(4, round(80 * self.scale))

    def communes(self, available: int) -> int:
        return min(available, max(2, round(available * self.scale)))

    @property
    def year_list(self) -> list[int]:
        return list(range(self.today.year - self.years + 1, self.today.year + 1))


@dataclass
class Province:
    """What one province got, handed from one step to the next."""

    unit: AdminUnit
    communes: list[AdminUnit]
    agencies: list[Agency] = field(default_factory=list)
    groups: dict[str, AgencyGroup] = field(default_factory=dict)
    committee: Committee | None = None


class Counter:
    """Counts and elapsed time per step, printed by the command."""

    def __init__(self, out=None):
        self.counts: dict[str, int] = {}
        self.started = time.perf_counter()
        self.out = out

    def add(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def step(self, text: str) -> None:
        if self.out:
            self.out(f"[{time.perf_counter() - self.started:7.1f} s] {text}")


def bulk(model, rows: list, counter: Counter, name: str) -> list:
    model.objects.bulk_create(rows, batch_size=BATCH)
    counter.add(name, len(rows))
    return rows


def insert(model, fields: list[str], rows: list[tuple], counter: Counter, name: str) -> None:
    """Plain INSERTs for the millions of counts: a model instance per row costs more than the
    database does. Portable SQL through Django's cursor (SQLite and PostgreSQL alike)."""
    now = timezone.now()
    columns = [model._meta.get_field(f).column for f in fields] + ["created_at", "updated_at"]
    # Table and column names come from the model, never from input.
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} "  # noqa: S608
        f"({', '.join(connection.ops.quote_name(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10 * BATCH):
            cursor.executemany(sql, [(*r, now, now) for r in rows[start : start + 10 * BATCH]])
    counter.add(name, len(rows))


def place(unit: AdminUnit) -> str:
    """ "tỉnh Thanh Hóa", "thành phố Hà Nội": how agency names mention the province."""
    return f"{unit.division_type.lower()} {unit.short_name}".strip()


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


# Steps --------------------------------------------------------------------------------------


def ensure_reference_data(size: Size) -> list[AdminUnit]:
    """The first `size.provinces` 2025 provinces, loading the administrative units (both
    structures) and the indicators when they are missing."""
    from django.conf import settings

    from ansinh.org.importers.admin_units import admin_units_load
    from ansinh.targets.models import Measure
    from ansinh.targets.services import indicators_load

    provinces = AdminUnit.objects.filter(edition=AdminEdition.Y2025, level=AdminLevel.PROVINCE)
    if provinces.count() < size.provinces:
        admin_units_load()
    if not Measure.objects.exists():
        path = settings.SEED_DATA_DIR / "indicators.yaml"
        indicators_load(text=path.read_text("utf-8"), filename=path.name)
    return list(provinces.order_by("code")[: size.provinces])


def create_agencies(provinces: list[Province], size: Size, counter: Counter) -> None:
    rows = []
    for p in provinces:
        n_provincial = min(len(PROVINCIAL_AGENCIES), max(4, round(size.agencies * 0.7)))
        where = place(p.unit)
        for key, name, kind, _ in PROVINCIAL_AGENCIES[:n_provincial]:
            rows.append(_agency(p, key, name.format(P=where), kind, None))
        for commune in p.communes[: size.agencies - n_provincial]:
            name = f"Ủy ban nhân dân {commune.name}"
            rows.append(
                _agency(p, f"ubnd-{commune.code}", name, K.COMMUNE_PEOPLE_COMMITTEE, commune)
            )
    bulk(Agency, rows, counter, "cơ quan")
    by_province = {p.unit.pk: p for p in provinces}
    for agency in rows:
        by_province[agency.province_id].agencies.append(agency)
    groups = []
    for p in provinces:
        p.groups = {
            "so-ban-nganh-doan-the": AgencyGroup(
                province=p.unit, key="so-ban-nganh-doan-the",
                name="Các sở, ban, ngành, đoàn thể là thành viên Ban Chỉ đạo",
                aliases=["Các Sở, ban, ngành liên quan"], kinds=[str(k) for k in MEMBER_KINDS],
            ),
            "ubnd-cac-xa": AgencyGroup(
                province=p.unit, key="ubnd-cac-xa", name="UBND các xã, phường",
                aliases=["Ủy ban nhân dân các xã, phường, đặc khu"],
                kinds=[str(K.COMMUNE_PEOPLE_COMMITTEE)],
            ),
        }  # fmt: skip
        groups.extend(p.groups.values())
    bulk(AgencyGroup, groups, counter, "nhóm cơ quan")


def _agency(p: Province, key, name, kind, commune) -> Agency:
    short = name.replace("Ủy ban nhân dân", "UBND").replace("Bảo hiểm xã hội", "BHXH")
    short = short if short != name else ""
    agency = Agency(
        province=p.unit, key=key, name=name, short_name=short, kind=kind, admin_unit=commune
    )
    agency.refresh_search_name()
    return agency


def create_committees(provinces: list[Province], size: Size, counter: Counter) -> None:
    rng = random.Random(size.seed)
    committees = []
    for p in provinces:
        by_key = {a.key: a for a in p.agencies}
        p.committee = Committee(
            province=p.unit, key=COMMITTEE_KEY, standing_agency=by_key["bhxh"],
            name=f"Ban Chỉ đạo thực hiện chính sách BHXH, BHYT, BHTN {place(p.unit)}",
            short_name=f"Ban Chỉ đạo {place(p.unit)}",
            established_by=f"Quyết định số {rng.randint(100, 3999)}/QĐ-UBND",
        )  # fmt: skip
        committees.append(p.committee)
    bulk(Committee, committees, counter, "Ban Chỉ đạo")
    start = dt.date(size.year_list[0], 1, 15)
    decisions = [
        CommitteeDecision(
            committee=p.committee,
            number=p.committee.established_by.split()[-1],
            date=start,
            issuer=f"UBND {place(p.unit)}",
            title="Kiện toàn Ban Chỉ đạo",
        )
        for p in provinces
    ]
    bulk(CommitteeDecision, decisions, counter, "quyết định kiện toàn")
    memberships = []
    titles = {key: title for key, _, _, title in PROVINCIAL_AGENCIES}
    for p, decision in zip(provinces, decisions, strict=True):
        seated = [a for a in p.agencies if a.admin_unit_id is None]
        for position, agency in enumerate(seated):
            role = (
                [Role.CHAIR, Role.STANDING_DEPUTY, Role.DEPUTY][position]
                if position < 3
                else Role.MEMBER
            )
            memberships.append(
                Membership(
                    committee=p.committee, role=role, agency=agency, position=position,
                    title=titles[agency.key].format(P=place(p.unit)), person_name=person(rng),
                    start_date=start, appointed_by=decision,
                )
            )  # fmt: skip
    bulk(Membership, memberships, counter, "thành viên Ban Chỉ đạo")


def create_users(provinces: list[Province], size: Size, counter: Counter) -> None:
    """`size.users_per_agency` officers per agency, named p<province>.<agency>.<n>: the
    standing agency's are standing officers, the first of the provincial People's Committee
    is a leader of the committee. One password hash for all (hashing is slow on purpose)."""
    rng = random.Random(size.seed + 1)
    password = make_password(PASSWORD)
    rows = []
    for p in provinces:
        for agency in p.agencies:
            for n in range(1, size.users_per_agency + 1):
                role = UserRole.AGENCY_OFFICER
                if agency.key == "bhxh":
                    role = UserRole.STANDING_OFFICER
                elif agency.key == "ubnd-tinh" and n == 1:
                    role = UserRole.LEADER
                rows.append(
                    User(
                        username=username(p.unit, agency, n), password=password,
                        full_name=person(rng), agency=agency, role=role,
                        email=f"{username(p.unit, agency, n)}@example.invalid",
                    )
                )  # fmt: skip
    bulk(User, rows, counter, "người dùng")


def username(province: AdminUnit, agency: Agency, n: int) -> str:
    return f"p{province.code}.{agency.key}.{n}"


def generate(*, size: Size, out=None) -> dict[str, int]:
    """Generate everything; provinces that already have a committee are left as they are."""
    from ansinh.core.national_work import create_plans, create_reporting, create_values

    counter = Counter(out)
    units = ensure_reference_data(size)
    taken = set(Committee.objects.filter(province__in=units).values_list("province_id", flat=True))
    if taken:
        counter.step(f"Bỏ qua {len(taken)} tỉnh đã có Ban Chỉ đạo.")
    units = [u for u in units if u.pk not in taken]
    communes = {}
    for c in AdminUnit.objects.filter(parent__in=units, level=AdminLevel.COMMUNE).order_by("code"):
        communes.setdefault(c.parent_id, []).append(c)
    provinces = [
        Province(u, communes.get(u.pk, [])[: size.communes(len(communes.get(u.pk, [])))])
        for u in units
    ]
    counter.add("tỉnh", len(provinces))
    counter.add("xã có số liệu", sum(len(p.communes) for p in provinces))
    counter.step(f"{len(provinces)} tỉnh; đơn vị hành chính và chỉ số sẵn sàng.")
    with transaction.atomic():
        create_agencies(provinces, size, counter)
        create_committees(provinces, size, counter)
        create_users(provinces, size, counter)
        counter.step("Cơ quan, Ban Chỉ đạo, người dùng.")
        create_plans(provinces, size, counter)
        counter.step("Kế hoạch và nhiệm vụ.")
        create_values(provinces, size, counter)
        counter.step("Chỉ tiêu và số liệu tháng.")
        create_reporting(provinces, size, counter)
        counter.step("Chế độ báo cáo, nghĩa vụ và báo cáo đã gửi.")
    # Planner statistics for the rows just written: until autovacuum gets to them, PostgreSQL
    # plans a province's figures as if the tables were empty (seconds instead of milliseconds).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    counter.step("Thống kê cho bộ lập kế hoạch truy vấn (ANALYZE).")
    return counter.counts
