"""Outstanding late payments (nợ đóng BHXH, BHYT, BHTN) of a nominee, for the Kon Tum rule that
an employer or unit paying late is not commended (Kế hoạch 2024, Phụ lục 2, ghi chú 12).

ansinh does not record contributions or arrears yet: that is the compliance capability's data.
Until it exists, `arrears_of` answers None ("no data") and the rule is shown as not checkable,
never as passed. The compliance app will answer here from its own records, and this is the only
place the rewards app will need to change.
"""

from dataclasses import dataclass

NO_DATA = "Chưa kiểm tra được — chưa có dữ liệu nợ đóng BHXH, BHYT, BHTN trên hệ thống."


@dataclass(frozen=True)
class ArrearsFact:
    has_arrears: bool
    detail: str


def arrears_of(*, agency=None, unit=None, year: int) -> ArrearsFact | None:
    """Whether the nominee (an agency, or the employers of a locality) had outstanding late
    payments in `year`; None while no capability holds that data."""
    return None
