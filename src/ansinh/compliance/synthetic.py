"""A synthetic province of employers with ground truth, for the demo and the tests: the insured
units (with their C12-TS-style arrears lines) and the partners' quarterly lists written the way
partners write them: mistyped or missing tax codes, names without diacritics, "Cty", "TNHH MTV"
spelt out or the legal form moved to the end, abbreviated addresses. Every partner row carries the
key of the employer it really is, so a reconciliation can be scored.

Seeded (`random.Random(seed)`): the same arguments always give the same province. Plain Python:
a few thousand employers take well under a second. bench/compliance_synthetic.py makes a million
rows in DuckDB from the same word lists."""

import random
from dataclasses import dataclass, field

from unidecode import unidecode

# Legal forms as written in full, and how partners shorten them.
LEGAL_FORMS = {
    "tnhh": ("Công ty TNHH", 30),
    "tnhh_mtv": ("Công ty TNHH MTV", 22),
    "cp": ("Công ty CP", 18),
    "dntn": ("DNTN", 12),
    "htx": ("HTX", 8),
    "cn": ("Chi nhánh Công ty TNHH", 10),
}
SPELT_OUT = {
    "Công ty TNHH MTV": "Công ty Trách nhiệm hữu hạn một thành viên",
    "Công ty TNHH": "Công ty Trách nhiệm hữu hạn",
    "Công ty CP": "Công ty Cổ phần",
    "DNTN": "Doanh nghiệp tư nhân",
    "HTX": "Hợp tác xã",
}
SECTORS = [
    "Xây dựng", "Thương mại", "Dịch vụ", "Nông nghiệp", "Lâm nghiệp", "Cà phê", "Cao su",
    "Vận tải", "Du lịch", "Khách sạn", "Thủy điện", "Khoáng sản", "Vật liệu xây dựng",
    "Chế biến gỗ", "Dược liệu", "Sâm Ngọc Linh", "Tư vấn thiết kế", "Điện máy", "Nội thất",
    "Môi trường", "Công nghệ", "In ấn", "Xăng dầu", "Thực phẩm", "May mặc", "Giáo dục",
    "Y tế", "Bảo vệ", "Cơ khí", "Điện nước", "Đầu tư phát triển", "Nước sạch", "Chăn nuôi",
]  # fmt: skip
PROPER = [
    "Hoàng Long", "Phú Thịnh", "Minh Phát", "Thành Công", "An Khang", "Tân Phú", "Đại Việt",
    "Hưng Thịnh", "Phúc An", "Trường Sơn", "Ngọc Linh", "Đăk Bla", "Sao Mai", "Hòa Bình",
    "Bình Minh", "Kim Ngân", "Thiên Phúc", "Nam Á", "Tây Nguyên", "Hải Đăng", "Quang Minh",
    "Thái Sơn", "Việt Tiến", "Đức Thành", "Tuấn Anh", "Gia Huy", "Bảo Ngọc", "Hùng Vương",
    "Thuận Phát", "Vạn Xuân", "Kon Klor", "Măng Đen", "Sa Thầy", "Chư Mom Ray", "Phương Nam",
    "Đông Dương", "Lộc Phát", "Mai Linh", "Thanh Bình", "Hoàng Anh", "Phát Đạt", "Cường Thịnh",
    "Trung Kiên", "Hữu Nghị", "Đồng Tâm", "Toàn Thắng", "Kiến Việt", "Nhật Quang", "Khánh Hòa",
    "Tín Nghĩa", "Bắc Trung Nam", "Sông Đà", "Trường Thịnh", "Quốc Bảo", "Vĩnh Phúc",
]  # fmt: skip
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "A", "Y"]  # fmt: skip
GIVEN = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Minh Đức", "Văn Hải", "Thị Hoa",
         "Quốc Hùng", "Thị Lan", "Văn Long", "Thị Mai", "Văn Nam", "Thị Nga", "Văn Phúc",
         "Thanh Sơn", "Văn Tâm", "Thị Thu", "Văn Tuấn", "Blong", "Thị Xuân"]  # fmt: skip
STREETS = ["Trần Hưng Đạo", "Phan Đình Phùng", "Lê Hồng Phong", "Bà Triệu", "Trần Phú",
           "Nguyễn Huệ", "Phạm Văn Đồng", "Hùng Vương", "Ure", "Duy Tân", "Lê Lợi",
           "Quang Trung", "Hai Bà Trưng", "Nguyễn Sinh Sắc", "Đào Duy Từ"]  # fmt: skip
VILLAGES = ["thôn 1", "thôn 2", "thôn 3", "thôn Đăk Rơ Wang", "thôn Kon Rế", "thôn Plei Đôn",
            "tổ 4", "tổ 7", "làng Kon Tu", "thôn Tân Lập"]  # fmt: skip

# Of the partners' rows about an employer: how the tax code is written.
TAX_CODE_WAYS = {"right": 84, "digit": 5, "transposed": 3, "missing": 8}
NAME_WAYS = {"same": 35, "plain": 15, "upper": 12, "short": 12, "spelt": 12, "form_last": 8,
             "plain_upper": 6}  # fmt: skip
ADDRESS_WAYS = {"same": 50, "short": 30, "plain": 20}
ABBREVIATED = {"thành phố ": "TP. ", "huyện ": "H. ", "xã ": "X. ", "phường ": "P. ",
               "tỉnh ": "T. ", "thị trấn ": "TT. "}  # fmt: skip
TAX_PREFIX = {"62": "61", "38": "28"}  # first digits of tax codes issued in the province


@dataclass
class SyntheticEmployer:
    key: int
    tax_code: str  # '' for a unit registered with the insurer only
    insurer_code: str  # '' when the enterprise has no insured account (uninsured)
    name: str
    address: str
    unit_code: str
    unit_name: str
    sector: str
    status: str  # RegistryStatus value: what the registry says
    insured_headcount: int | None
    tax_headcount: int | None
    in_zone: bool = False


@dataclass
class PartnerRow:
    """One row of a partner's list; `key` is the employer it really is (ground truth)."""

    key: int
    tax_code: str
    name: str
    address: str
    unit_name: str
    status: str
    sector: str = ""
    employees: int | None = None
    in_zone: bool = False


@dataclass
class ArrearsRow:
    key: int
    insurer_code: str
    name: str
    address: str
    tax_code: str
    headcount: int
    opening: int
    due: int
    adjustments: int
    paid: int
    closing: int  # as the file writes it
    ratio: float
    disagrees: bool  # the file's closing differs from the arithmetic


@dataclass
class SyntheticProvince:
    employers: list[SyntheticEmployer]
    business_registry: list[PartnerRow] = field(default_factory=list)
    tax: list[PartnerRow] = field(default_factory=list)
    arrears: list[ArrearsRow] = field(default_factory=list)

    @property
    def insured(self) -> list[SyntheticEmployer]:
        return [e for e in self.employers if e.insurer_code]


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def strip_marks(text: str) -> str:
    """'Công ty Hòa Bình' → 'Cong ty Hoa Binh' (what a partner's old software writes)."""
    return unidecode(text)


def mistype(code: str, rng: random.Random, how: str) -> str:
    """A tax code with one digit changed, or two neighbouring digits swapped."""
    digits = list(code[:10])
    if how == "digit":
        at = rng.randrange(2, 10)
        digits[at] = str((int(digits[at]) + rng.randrange(1, 10)) % 10)
    else:
        at = rng.randrange(2, 9)
        if digits[at] == digits[at + 1]:
            digits[at] = str((int(digits[at]) + 1) % 10)
        digits[at], digits[at + 1] = digits[at + 1], digits[at]
    return "".join(digits) + code[10:]


def name_as_written(name: str, rng: random.Random, how: str) -> str:
    if how == "plain":
        return strip_marks(name)
    if how == "upper":
        return name.upper()
    if how == "plain_upper":
        return strip_marks(name).upper()
    if how == "short":
        return name.replace("Công ty", "Cty").replace("Chi nhánh", "CN")
    for short, full in SPELT_OUT.items():
        if name.startswith(short + " ") or f" {short} " in name:
            if how == "spelt":
                return name.replace(short, full, 1)
            # "Hoàng Long, Công ty TNHH" — the legal form after the proper name.
            rest = name.replace(short, "", 1).strip()
            return f"{rest}, {short}" if not name.startswith("Chi nhánh") else name
    return name


def address_as_written(address: str, how: str) -> str:
    if how == "short":
        for full, short in ABBREVIATED.items():
            address = address.replace(full, short)
        return address
    if how == "plain":
        return strip_marks(address)
    return address


def _names(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    """Distinct (legal form key, name, sector) triples."""
    seen, found = set(), []
    while len(found) < count:
        form = _pick(rng, {k: w for k, (_, w) in LEGAL_FORMS.items()})
        sector = rng.choice(SECTORS)
        if form == "dntn":
            proper = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
            name = f"DNTN {proper}" if rng.random() < 0.5 else f"DNTN {sector} {proper}"
        elif form == "htx":
            name = f"HTX {sector} {rng.choice(PROPER)}"
        else:
            words = [sector] + ([rng.choice(SECTORS)] if rng.random() < 0.3 else [])
            name = f"{LEGAL_FORMS[form][0]} {' '.join(dict.fromkeys(words))} {rng.choice(PROPER)}"
        if len(seen) > len(SECTORS) * len(PROPER) * 4:
            name = f"{name} {len(found) + 1}"  # a very large province: numbered names
        if name not in seen:
            seen.add(name)
            found.append((form, name, sector))
    return found


def _address(rng: random.Random, unit_name: str, province_name: str) -> str:
    if rng.random() < 0.5:
        place = f"số {rng.randrange(1, 300)} đường {rng.choice(STREETS)}"
    else:
        place = rng.choice(VILLAGES)
    # The unit library names a province "Tỉnh Kon Tum"; an address says "tỉnh Kon Tum".
    bare = province_name.removeprefix("Tỉnh ").removeprefix("Thành phố ")
    return f"{place}, {unit_name}, tỉnh {bare}"


def province_generate(
    *,
    localities: list[tuple[str, str]],
    province_code: str = "62",
    province_name: str = "Kon Tum",
    employers: int = 3000,
    seed: int = 1,
) -> SyntheticProvince:
    """`localities`: (unit code, unit name as written in addresses, e.g. 'huyện Đăk Hà')."""
    rng = random.Random(seed)
    prefix = TAX_PREFIX.get(province_code, "01")
    taken, found = set(), []
    for key, (form, name, sector) in enumerate(_names(rng, employers), start=1):
        code, unit_name = localities[rng.randrange(len(localities))]
        tax_code = ""
        while not tax_code or tax_code in taken:
            tax_code = prefix + f"{rng.randrange(10**8):08d}"
        if form == "cn":
            tax_code += f"-{rng.randrange(1, 4):03d}"
        taken.add(tax_code)
        roll = rng.random()
        # ~15% active enterprises with no insured account; ~4% closed, a third still insured.
        status = (
            "hoat_dong"
            if roll < 0.9
            else "moi"
            if roll < 0.95
            else rng.choice(["tam_ngung", "giai_the", "pha_san", "ngung_hd", "khong_tai_dc"])
        )
        insured = rng.random() < (0.85 if status in ("hoat_dong", "moi") else 0.35)
        headcount = max(1, int(rng.lognormvariate(2.0, 1.1))) if insured else None
        found.append(
            SyntheticEmployer(
                key=key, tax_code=tax_code if form != "htx" or rng.random() < 0.8 else "",
                insurer_code=f"TK{key:05d}A" if insured else "", name=name,
                address=_address(rng, unit_name, province_name), unit_code=code,
                unit_name=unit_name, sector=sector, status=status,
                insured_headcount=headcount, tax_headcount=None,
                in_zone=rng.random() < 0.05,
            )
        )  # fmt: skip
    result = SyntheticProvince(employers=found)
    for employer in found:
        if not employer.tax_code:
            continue  # registered with the insurer only (a cooperative without a tax code)
        if employer.status in ("hoat_dong", "moi", "tam_ngung", "giai_the", "pha_san"):
            result.business_registry.append(partner_row(employer, rng))
        in_tax = employer.status in ("ngung_hd", "khong_tai_dc", "pha_san", "tam_ngung")
        checked = employer.insured_headcount is not None and rng.random() < 0.25
        if in_tax or checked:
            row = partner_row(employer, rng)
            if checked:
                gap = rng.random() < 0.12  # more workers found by the tax inspection
                extra = int(employer.insured_headcount * rng.uniform(0.3, 1.0)) + 6 if gap else 0
                row.employees = employer.tax_headcount = employer.insured_headcount + extra
            result.tax.append(row)
    result.arrears = [arrears_row(e, rng) for e in found if e.insurer_code]
    for row in rng.sample(result.arrears, k=max(2, len(result.arrears) // 200)):
        row.closing += rng.choice([-1, 1]) * rng.randrange(100_000, 5_000_000, 1000)
        row.disagrees = True
    return result


def partner_row(employer: SyntheticEmployer, rng: random.Random) -> PartnerRow:
    way = _pick(rng, TAX_CODE_WAYS)
    tax_code = employer.tax_code
    if way == "missing":
        tax_code = ""
    elif way != "right":
        tax_code = mistype(tax_code, rng, way)
    return PartnerRow(
        key=employer.key,
        tax_code=tax_code,
        name=name_as_written(employer.name, rng, _pick(rng, NAME_WAYS)),
        address=address_as_written(employer.address, _pick(rng, ADDRESS_WAYS)),
        unit_name=employer.unit_name,
        status=employer.status,
        sector=employer.sector,
        in_zone=employer.in_zone,
    )


def arrears_row(employer: SyntheticEmployer, rng: random.Random) -> ArrearsRow:
    """A quarter of contributions: 32% of an average wage per insured worker a month; most pay
    in full, some carry months of arrears."""
    monthly = employer.insured_headcount * rng.randrange(5_000_000, 9_000_000, 100_000) * 32 // 100
    months = rng.choices([0, 1, 2, 4, 8, 15], weights=[70, 10, 6, 6, 5, 3])[0]
    if employer.status not in ("hoat_dong", "moi"):
        months = max(months, 8)  # a closed enterprise still insured stops paying
    due = monthly * 3
    adjustments = rng.choice([0] * 9 + [rng.randrange(-2, 3) * 500_000])
    # `months` unpaid at the quarter's end; at its start, up to three fewer.
    opening = monthly * max(0, months - rng.choice([0, 1, 3]))
    closing = monthly * months
    paid = opening + due + adjustments - closing
    if paid < 0:
        paid, closing = 0, opening + due + adjustments
    ratio = round(closing * 100 / due, 2) if due else 0.0
    return ArrearsRow(
        key=employer.key, insurer_code=employer.insurer_code, name=employer.name,
        address=employer.address, tax_code=employer.tax_code,
        headcount=employer.insured_headcount, opening=opening, due=due,
        adjustments=adjustments, paid=paid, closing=closing, ratio=ratio, disagrees=False,
    )  # fmt: skip
