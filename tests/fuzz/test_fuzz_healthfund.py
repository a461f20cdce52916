"""The health-fund importers on malformed files: facilities, monthly spending (with the column
mapping the user confirms), and the regional and national reference averages."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from ansinh.core.tables import read_table
from ansinh.healthfund.importers.facilities import facilities_read
from ansinh.healthfund.importers.references import references_read
from ansinh.healthfund.importers.spending import guess_mapping, spending_read
from ansinh.healthfund.models import Facility, MonthlySpending, ReferenceAverage
from ansinh.healthfund.services import facilities_apply, references_apply, spending_apply
from ansinh.org.models import AdminUnit
from ansinh.targets.importers.common import ImportProblems
from tests.fuzz.files import attempt, table_file

MODELS = [Facility, MonthlySpending, ReferenceAverage]
FACILITY_HEADERS = ["Mã CSKCB", "Tên cơ sở", "Tuyến", "Hạng", "Chuyên khoa", "Sở hữu",
                    "Mã ĐVHC", "Địa bàn"]  # fmt: skip
FACILITY_VALUES = ["Tỉnh", "Huyện", "Xã", "Trung ương", "Đặc biệt", "I", "II", "IV",
                   "Đa khoa", "Chuyên khoa", "Công lập", "Tư nhân", "62", "Đăk Hà"]  # fmt: skip
SPENDING_HEADERS = ["Mã CS", "Tháng", "Lượt khám", "Ngày giường", "Lượt nội trú",
                    "Tổng chi phí", "Chi ngoại trú", "Quỹ BHYT TT", "Tiền thuốc"]  # fmt: skip
REFERENCE_HEADERS = ["Chỉ số", "Tuyến", "Hạng", "Chuyên khoa", "Tháng", "Giá trị",
                     "Phạm vi"]  # fmt: skip
REFERENCE_VALUES = ["Vùng", "Toàn quốc", "chi_binh_quan_luot_kham", "binh_quan_ngoai_tru",
                    "Tỉnh", "I", "Đa khoa", "9", "T9", "9/2026"]  # fmt: skip


@pytest.fixture
def kontum(seed):
    return AdminUnit.objects.get(code="62", edition="2024")


def _facilities(province):
    for code in ("62001", "62002"):
        Facility.objects.create(
            province=province, code=code, name=f"Bệnh viện {code}", tier="province", rank="1",
            specialty="general", ownership="public",
        )  # fmt: skip


@given(file=table_file(FACILITY_HEADERS, values=FACILITY_VALUES))
def test_facility_import_loads_or_refuses(kontum, file):
    filename, content = file

    def run():
        rows = facilities_read(filename=filename, content=content, province=kontum)
        return facilities_apply(province=kontum, rows=rows)

    attempt(run, models=MODELS)


@given(
    file=table_file(SPENDING_HEADERS, values=["62001", "62002", "62003", "T9", "13"]),
    year=st.integers(2000, 2100),
    replace=st.booleans(),
    twice=st.booleans(),
)
def test_spending_import_loads_or_refuses(kontum, file, year, replace, twice):
    filename, content = file

    def run():
        _facilities(kontum)
        table = read_table(filename=filename, content=content)
        mapping = guess_mapping(table.headers)
        parsed = spending_read(table=table, mapping=mapping, province=kontum, year=year)
        spending_apply(province=kontum, spending_file=parsed, replace=replace)
        if twice:  # the same months again: replaced as a whole, or refused
            spending_apply(province=kontum, spending_file=parsed, replace=replace)

    attempt(run, models=[MonthlySpending], problems=(ImportProblems, ValidationError))


@given(file=table_file(REFERENCE_HEADERS, values=REFERENCE_VALUES), year=st.integers(2000, 2100))
def test_reference_import_loads_or_refuses(file, year, seed):
    filename, content = file

    def run():
        rows = references_read(filename=filename, content=content, year=year)
        return references_apply(rows=rows, year=year)

    attempt(run, models=MODELS)
