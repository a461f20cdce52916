"""The demo's synthetic province for employer compliance (Kon Tum): the quarterly lists of Sở
KH&ĐT and Cục Thuế for the last two quarters their reporting regime asks for (quarters 1 and 2 of
2025 when the regime is not loaded), counted as those reports; the BHXH office's statement of
insured units and arrears at the end of the second quarter; a reconciliation, the published list
of late payers and two inspection cases. Files are built in memory and loaded through the same
services as an upload, so the demo shows what a real upload would. Seeded; a second run finds
the data and skips.

    ansinh load_demo_compliance [--employers 3000] [--seed 1]
"""

import datetime as dt
import io

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db.models import Max
from openpyxl import Workbook

from ansinh.compliance.config import rules_for
from ansinh.compliance.enums import InspectionOutcome, InspectionStatus, RegistryStatus, Source
from ansinh.compliance.models import ArrearsStatement, Employer
from ansinh.compliance.synthetic import PartnerRow, SyntheticProvince, province_generate
from ansinh.org.enums import AdminEdition, AdminLevel
from ansinh.org.models import AdminUnit, Agency
from ansinh.reporting.models import Obligation

PROVINCE = "62"
DEFAULT_QUARTERS = [(2025, 1), (2025, 2)]
STANDING_USER = "kontum.thuongtruc"
PARTNERS = (  # source, agency key, user, file name, headers
    (Source.BUSINESS_REGISTRY, "so-khdt", "kontum.sokhdt", "DS_doanh_nghiep_SoKHDT",
     ["STT", "Mã số doanh nghiệp", "Tên doanh nghiệp", "Địa chỉ trụ sở", "Huyện",
      "Tình trạng", "Ngày thay đổi", "Ngành nghề chính", "Trong KKT, KCN"]),
    (Source.TAX, "cuc-thue-tinh", "kontum.cucthue", "DS_NNT_CucThue",
     ["STT", "Mã số thuế", "Tên người nộp thuế", "Địa chỉ", "Huyện", "Trạng thái MST",
      "Ngày thay đổi trạng thái", "Số lao động"]),
)  # fmt: skip
ARREARS_HEADERS = ["STT", "Mã đơn vị", "Tên đơn vị", "Địa chỉ", "Mã số thuế", "Địa bàn",
                   "Số lao động", "Số phải đóng đầu kỳ", "Phải đóng trong kỳ", "Điều chỉnh",
                   "Số đã đóng", "Số phải đóng cuối kỳ", "Tỷ lệ nợ"]  # fmt: skip


def _workbook(title: str, headers: list[str], rows) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    sheet.append([title])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def quarter_end(year: int, quarter: int) -> dt.date:
    return dt.date(year + quarter // 4, 3 * quarter % 12 + 1, 1) - dt.timedelta(days=1)


def quarters(province) -> list[tuple[int, int]]:
    """The last two quarters for which the partners owe their list (the regime's obligations)."""
    partners = rules_for(province).partners
    if not partners:
        return DEFAULT_QUARTERS
    found = (
        Obligation.objects.filter(
            kind__regime__committee__province=province, kind__regime__key=partners[0].regime,
            kind__name=partners[0].kind, request__isnull=True,
        )
        .values_list("period_year", "period_number").distinct()
        .order_by("-period_year", "-period_number")[:2]
    )  # fmt: skip
    return sorted(found) if len(found) == 2 else DEFAULT_QUARTERS


def partner_file(source: str, rows: list[PartnerRow], year: int, quarter: int) -> bytes:
    labels = {s.value: s.label for s in RegistryStatus}
    lines = []
    for number, row in enumerate(rows, start=1):
        status = labels[row.status]
        start = dt.date(year, 3 * quarter - 2, 1)
        day = (start + dt.timedelta(days=row.key % 85)).strftime("%d/%m/%Y")
        if source == Source.BUSINESS_REGISTRY:
            lines.append([number, row.tax_code, row.name, row.address, row.unit_name, status,
                          day, row.sector, "x" if row.in_zone else ""])  # fmt: skip
        else:
            lines.append([number, row.tax_code, row.name, row.address, row.unit_name, status,
                          day, row.employees])  # fmt: skip
    return _workbook(f"DANH SÁCH DOANH NGHIỆP QUÝ {quarter}/{year}", PARTNERS[0][4]
                     if source == Source.BUSINESS_REGISTRY else PARTNERS[1][4], lines)  # fmt: skip


def arrears_file(data: SyntheticProvince, as_of: dt.date) -> bytes:
    by_key = {e.key: e for e in data.employers}
    lines = [
        [number, a.insurer_code, a.name, a.address, a.tax_code, by_key[a.key].unit_name,
         a.headcount, a.opening, a.due, a.adjustments, a.paid, a.closing, a.ratio]
        for number, a in enumerate(data.arrears, start=1)
    ]  # fmt: skip
    title = f"C12-TS — SỐ PHẢI ĐÓNG, ĐÃ ĐÓNG, CÒN NỢ ĐẾN NGÀY {as_of:%d/%m/%Y}"
    return _workbook(title, ARREARS_HEADERS, lines)


def quarter_rows(source: str, data: SyntheticProvince, latest: bool) -> list[PartnerRow]:
    """The earlier quarter's lists lack the enterprises registered in the later one."""
    rows = data.business_registry if source == Source.BUSINESS_REGISTRY else data.tax
    if latest:
        return rows
    return [r for r in rows if r.status != RegistryStatus.NEW]


class Command(BaseCommand):
    help = (
        "Nạp tỉnh giả lập (Kon Tum) cho phần đơn vị sử dụng lao động: danh sách doanh nghiệp "
        "hai quý gần nhất của Sở KH&ĐT và Cục Thuế, bảng C12-TS cuối quý sau, một lượt đối "
        "chiếu, danh sách công khai đơn vị chậm đóng và hai đợt thanh tra. Sinh với hạt cố định; "
        "chạy lại không tạo bản trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--employers", type=int, default=3000, help="số doanh nghiệp")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, employers: int, seed: int, **options):
        self.stdout.write(
            f"Đơn vị sử dụng lao động (dữ liệu minh họa): {self.load(employers, seed)}."
        )

    def load(self, count: int, seed: int) -> str:
        province = AdminUnit.objects.filter(
            code=PROVINCE, edition=AdminEdition.Y2024, level=AdminLevel.PROVINCE
        ).first()
        if province is None:
            return f"chưa có tỉnh mã {PROVINCE}, bỏ qua"
        if ArrearsStatement.objects.filter(province=province, illustrative=True).exists():
            return "đã có, bỏ qua"
        periods = quarters(province)
        as_of = quarter_end(*periods[-1])
        districts = province.children.filter(level=AdminLevel.DISTRICT).order_by("code")
        data = province_generate(
            localities=[(d.code, d.name) for d in districts], province_code=PROVINCE,
            province_name=province.name, employers=count, seed=seed,
        )  # fmt: skip
        users = {u.username: u for u in get_user_model().objects.filter(
            username__in=[STANDING_USER] + [p[2] for p in PARTNERS])}  # fmt: skip
        standing = users.get(STANDING_USER)
        first_new = (Employer.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        statement = self.arrears(province, data, standing, as_of)
        lists = self.lists(province, data, users, periods)
        Employer.objects.filter(province=province, pk__gte=first_new).update(illustrative=True)
        run = self.reconcile(province, standing)
        published = self.publish(statement, standing)
        cases = self.inspections(statement, standing)
        return (f"{len(data.employers)} doanh nghiệp, {len(data.arrears)} đơn vị tham gia "
                f"trong bảng nợ, {lists} danh sách của cơ quan phối hợp; {run}; {published}; "
                f"{cases}")  # fmt: skip

    def arrears(self, province, data, user, as_of) -> ArrearsStatement:
        from ansinh.compliance.services_arrears import arrears_import

        statement = arrears_import(
            province=province, as_of=as_of, filename=f"C12-TS_{as_of:%Y%m%d}.xlsx",
            content=arrears_file(data, as_of), user=user, period_months=3,
        )  # fmt: skip
        statement.illustrative = True
        statement.save(update_fields=["illustrative"])
        return statement

    def lists(self, province, data, users, periods) -> int:
        from ansinh.compliance.services_registry import registry_import

        loaded = 0
        for source, key, username, filename, _headers in PARTNERS:
            agency = Agency.objects.filter(province=province, key=key).first()
            if agency is None:
                continue
            for year, quarter in periods:
                rows = quarter_rows(source, data, latest=(year, quarter) == periods[-1])
                registry_import(
                    province=province, agency=agency, source=source, year=year,
                    quarter=quarter, filename=f"{filename}_Q{quarter}_{year}.xlsx",
                    content=partner_file(source, rows, year, quarter),
                    mapping=None, user=users.get(username),
                )  # fmt: skip
                loaded += 1
        return loaded

    def reconcile(self, province, user) -> str:
        try:
            from ansinh.compliance.services_reconcile import reconciliation_run
        except ImportError:
            return "chưa đối chiếu (chưa có phần đối chiếu)"
        run = reconciliation_run(province=province, user=user)
        return f"đối chiếu: {run.get_status_display().lower()}"

    def publish(self, statement, user) -> str:
        from ansinh.compliance.services_inspections import disclosure_publish

        disclosure = disclosure_publish(statement=statement, user=user)
        return f"công khai {disclosure.entries.count()} đơn vị chậm đóng"

    def inspections(self, statement, user) -> str:
        from ansinh.compliance.services_inspections import inspection_create, inspection_update

        province = statement.province
        lead = Agency.objects.filter(province=province, key="bhxh-tinh").first()
        lines = list(
            statement.lines.select_related("employer").order_by("-months_late", "-closing")[:4]
        )
        start = statement.as_of + dt.timedelta(days=7)
        if lead is None or len(lines) < 4:
            return "không tạo đợt thanh tra"
        team = "Nguyễn Văn Hùng — BHXH tỉnh\nTrần Thị Mai — Sở Lao động - Thương binh và Xã hội"
        done = inspection_create(
            province=province, user=user, lead_agency=lead, team=team,
            title=f"Thanh tra chuyên ngành đóng BHXH, BHYT, BHTN năm {start.year} (minh họa)",
            decision_number="125/QĐ-BHXH", employers=[lines[0].employer, lines[1].employer],
            starts_on=start, ends_on=start + dt.timedelta(days=11),
        )  # fmt: skip
        inspection_update(
            case=done, user=user, status=InspectionStatus.CONCLUDED,
            outcome=InspectionOutcome.FINED, fined_amount=45_000_000,
            recovered_amount=lines[0].closing,
            follow_up="Đơn vị đã nộp đủ số nợ; theo dõi việc nộp tiền phạt trong 30 ngày.",
        )  # fmt: skip
        inspection_create(
            province=province, user=user, lead_agency=lead, team=team,
            title="Kiểm tra đơn vị nợ kéo dài tại huyện (minh họa)",
            decision_number="140/QĐ-BHXH",
            employers=[line.employer for line in lines[2:4]],
            starts_on=start + dt.timedelta(days=28), ends_on=start + dt.timedelta(days=39),
        )  # fmt: skip
        return "2 đợt thanh tra, kiểm tra"
