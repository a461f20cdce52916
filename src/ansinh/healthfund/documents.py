"""Official documents (Nghị định 30/2020 layout) sent by the provincial BHXH to a facility:
the notice of its expected spending, and a warning about its cost indicators."""

import datetime as dt

from ansinh.core.vnformat import format_number
from ansinh.documents.nd30 import OfficialDocument
from ansinh.healthfund.models import Allocation, FundWarning
from ansinh.org.models import Committee


def _issuer(province) -> tuple[str, str]:
    committee = Committee.objects.filter(province=province).select_related("standing_agency")
    standing = committee.first()
    name = standing.standing_agency.name if standing else f"Bảo hiểm xã hội {province.name}"
    return name, "BẢO HIỂM XÃ HỘI VIỆT NAM"


def allocation_notice(allocation: Allocation, *, today: dt.date) -> OfficialDocument:
    budget, facility = allocation.budget, allocation.facility
    issuer, parent = _issuer(budget.province)
    doc = OfficialDocument(
        issuer=issuer, issuer_parent=parent, kind="THÔNG BÁO", date=today,
        summary=f"Dự kiến chi khám bệnh, chữa bệnh BHYT năm {budget.year} của {facility.name}",
        place=budget.province.name.removeprefix("Tỉnh ").removeprefix("Thành phố "),
    )  # fmt: skip
    basis = f" theo {budget.source_document}" if budget.source_document else ""
    doc.paragraph(
        f"Căn cứ dự toán chi khám bệnh, chữa bệnh BHYT năm {budget.year} được giao cho "
        f"{budget.province.name}{basis} là {format_number(budget.amount)} đồng, "
        f"{issuer} thông báo dự kiến chi khám bệnh, chữa bệnh BHYT năm {budget.year} của "
        f"{facility.name} (mã {facility.code}) là {format_number(allocation.amount)} đồng."
    )
    doc.paragraph(
        "Đề nghị cơ sở tổ chức khám bệnh, chữa bệnh BHYT hợp lý, tiết kiệm, trong phạm vi dự kiến "
        "chi được thông báo; thường xuyên theo dõi chi phí và phối hợp với cơ quan BHXH khi có "
        "biến động bất thường."
    )
    doc.signature(authority=issuer, signer_title="Giám đốc")
    doc.recipients([facility.name, "Sở Y tế", "Lưu: VT"])
    return doc


def warning_letter(warning: FundWarning, *, today: dt.date) -> OfficialDocument:
    facility = warning.facility
    issuer, parent = _issuer(facility.province)
    doc = OfficialDocument(
        issuer=issuer, issuer_parent=parent, kind="CÔNG VĂN", date=today,
        summary=f"Cảnh báo chi phí khám bệnh, chữa bệnh BHYT tháng {warning.month}/{warning.year}",
        place=facility.province.name.removeprefix("Tỉnh ").removeprefix("Thành phố "),
    )  # fmt: skip
    doc.paragraph(f"Kính gửi: {facility.name}.")
    doc.paragraph(
        f"Qua phân tích số liệu chi khám bệnh, chữa bệnh BHYT {warning.get_span_display().lower()} "
        f"tháng {warning.month}/{warning.year}, chỉ số “{warning.indicator_name}” của cơ sở là "
        f"{format_number(warning.facility_value, 2)}, cao hơn bình quân các cơ sở cùng tuyến, "
        f"hạng, chuyên khoa trong tỉnh ({facility.peer_label}: "
        f"{format_number(warning.peer_average, 2)}) {format_number(warning.excess_percent, 2)} %."
    )
    doc.paragraph(
        "Đề nghị cơ sở rà soát nguyên nhân, có văn bản giải trình gửi Sở Y tế và cơ quan BHXH; "
        "có biện pháp kiểm soát chi phí hợp lý."
    )
    doc.signature(authority=issuer, signer_title="Giám đốc")
    doc.recipients([facility.name, "Sở Y tế", "Lưu: VT"])
    return doc
