"""The compliance importers on malformed files: the partners' quarterly lists (registry) and the
BHXH office's C12-TS arrears statement. Each loads, or raises ImportProblems and writes nothing."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansinh.compliance.enums import Source
from ansinh.compliance.models import (
    ArrearsLine,
    ArrearsStatement,
    Employer,
    RegistryRecord,
    RegistrySnapshot,
)
from ansinh.compliance.services_arrears import arrears_import
from ansinh.compliance.services_registry import registry_import
from ansinh.org.models import AdminUnit, Agency
from tests.compliance import arrears_files, registry_files
from tests.fuzz.files import attempt, table_file

MODELS = [Employer, RegistrySnapshot, RegistryRecord, ArrearsStatement, ArrearsLine]
REGISTRY_HEADERS = [*registry_files.HEADER, "Ngành nghề", "Quỹ lương", "Trong KCN", "MST"]
ARREARS_HEADERS = [*arrears_files.HEADER, "Lãi chậm đóng", "Số tháng nợ", "Mã ĐVHC"]


@pytest.fixture
def kontum(seed):
    return AdminUnit.objects.get(code="62", edition="2024")


@given(file=table_file(REGISTRY_HEADERS), quarter=st.integers(0, 5), replace=st.booleans())
def test_registry_import_loads_or_refuses(kontum, file, quarter, replace):
    filename, content = file
    agency = Agency.objects.get(province=kontum, key="so-khdt")
    attempt(
        lambda: registry_import(
            province=kontum, agency=agency, source=Source.BUSINESS_REGISTRY, year=2026,
            quarter=quarter, filename=filename, content=content, mapping=None, user=None,
            replace=replace,
        ),
        models=MODELS,
    )  # fmt: skip


@given(
    file=table_file(ARREARS_HEADERS),
    as_of=st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)),
    period_months=st.integers(1, 12),
)
def test_arrears_import_loads_or_refuses(kontum, file, as_of, period_months):
    filename, content = file
    attempt(
        lambda: arrears_import(
            province=kontum, as_of=as_of, filename=filename, content=content, user=None,
            period_months=period_months,
        ),
        models=MODELS,
    )  # fmt: skip


@given(rows=st.lists(st.lists(st.sampled_from(["", "-1", "1e30", "abc", "10.000.000", "0,5",
                                                "(500.000)", "12%", "99999999999999999999"]),
                              min_size=11, max_size=11), min_size=1, max_size=5))  # fmt: skip
def test_arrears_numbers_of_every_shape(kontum, rows):
    """The money columns of a well-formed statement filled with odd numbers."""
    lines = [[f"TA{i:04d}", f"Đơn vị {i}", "Kon Tum", "", "Thành phố Kon Tum", *r[:7]]
             for i, r in enumerate(rows, start=1)]  # fmt: skip
    content = arrears_files.xlsx(lines)
    attempt(
        lambda: arrears_import(
            province=kontum, as_of=dt.date(2026, 11, 30), filename="c12.xlsx", content=content,
            user=None,
        ),
        models=MODELS,
    )  # fmt: skip
