"""The burn-down's Excel export, and the fund pages reading the database a bounded number of
times however many facilities the province has."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from ansinh.healthfund import selectors
from ansinh.healthfund.models import Allocation, Facility, MonthlySpending
from ansinh.org.models import AdminUnit
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(seed):
    call_command("load_demo_healthfund", stdout=io.StringIO())
    return AdminUnit.objects.get(code="62", edition="2024")


def test_burn_down_workbook_has_months_and_facilities(client, demo):
    MonthlySpending.objects.filter(month__gt=9).delete()
    login(client, "kontum.lanhdao")
    response = client.get(reverse("healthfund:burn_down") + f"?tinh={demo.pk}&nam=2024&xuat=xlsx")
    assert response["Content-Disposition"].endswith('tien-do-chi-kcb-2024.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    months = list(workbook["Theo tháng"].iter_rows(min_row=5, values_only=True))
    burn = selectors.burn_down(province=demo, year=2024)
    assert [row[0] for row in months] == list(range(1, 10))
    _, budget, _, cumulative, percent, projected, _ = months[-1]
    assert (budget, cumulative) == (burn.budget, burn.spent)
    assert cumulative == sum(row[2] for row in months)
    assert round(percent, 2) == round(cumulative * 100 / budget, 2)
    assert projected == cumulative * 12 // 9  # nine months loaded, projected to twelve
    assert months[0][5] == months[0][3] * 12  # January alone, twelve times over

    facilities = list(workbook["Theo cơ sở"].iter_rows(min_row=5, values_only=True))
    assert len(facilities) == Facility.objects.filter(province=demo).count()
    row = next(r for r in facilities if r[0] == "62101")
    facility = Facility.objects.get(code="62101")
    own = selectors.burn_down(province=demo, year=2024, facility=facility)
    allocation = Allocation.objects.get(facility=facility)
    assert (row[2], row[3], row[5]) == (allocation.amount, own.spent, own.projected)


def test_burn_down_page_offers_the_export_and_projection_per_month(client, demo):
    login(client, "kontum.thuongtruc")
    page = client.get(reverse("healthfund:burn_down") + f"?tinh={demo.pk}").content.decode()
    assert "xuat=xlsx" in page and "Dự báo cả năm" in page


@pytest.mark.parametrize(
    ("name", "most"),
    [("facility_list", 12), ("budget", 24), ("burn_down", 16), ("warning_list", 20)],
)
def test_pages_read_the_database_a_bounded_number_of_times(
    client, demo, name, most, django_assert_max_num_queries
):
    login(client, "kontum.thuongtruc")
    url = reverse(f"healthfund:{name}") + f"?tinh={demo.pk}"
    with django_assert_max_num_queries(most):  # 40 facilities: not a query per facility
        response = client.get(url)
    assert response.status_code == 200
