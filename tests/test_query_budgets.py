"""Query budgets: every list and detail page of the demo, opened by the standing agency (who
sees the most), stays within a fixed number of database queries — the same whatever the
number of rows, so that a query per row (an N+1) fails here before it reaches a province.

The pages and their arguments come from the access matrix (every GET that answers 200 to the
standing agency); the budgets below were measured on the demo with a little headroom.
"""

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import login
from tests.test_access_matrix import MATRIX_FILE, ROLES, demo, url_for, url_patterns  # noqa: F401

STANDING = ROLES.index("standing")
# Measured on the demo, plus a fifth (at least 3) of headroom. A page not listed gets the default.
BUDGETS: dict[str, int] = {
    "suc-khoe/": 6,
    "healthz": 6,
    "tong-quan/": 39,
    "tai-khoan/cua-toi/": 9,
    "tai-khoan/xac-thuc-hai-buoc/": 8,
    "ban-chi-dao/moi/": 8,
    "ban-chi-dao/<int:pk>/": 26,
    "ban-chi-dao/<int:pk>/xuat-excel/": 9,
    "ban-chi-dao/<int:pk>/kien-toan/": 33,
    "nap-du-lieu/": 8,
    "co-quan/": 12,
    "co-quan/them/": 11,
    "co-quan/<int:pk>/": 20,
    "co-quan/<int:pk>/sua/": 12,
    "nhom-co-quan/": 12,
    "nhom-co-quan/them/": 10,
    "nhom-co-quan/<int:pk>/": 14,
    "nhom-co-quan/<int:pk>/sua/": 12,
    "don-vi-hanh-chinh/": 9,
    "don-vi-hanh-chinh/<int:pk>/": 12,
    "ke-hoach/": 11,
    "ke-hoach/moi/": 10,
    "ke-hoach/nap/": 10,
    "ke-hoach/nap/mau-excel/": 5,
    "ke-hoach/<int:pk>/": 23,
    "ke-hoach/<int:pk>/sua/": 9,
    "ke-hoach/<int:pk>/xuat-word/": 12,
    "ke-hoach/<int:pk>/xuat-excel/": 12,
    "ke-hoach/<int:pk>/them-nhom/": 10,
    "ke-hoach/<int:plan_pk>/them-nhiem-vu/": 10,
    "nhom-nhiem-vu/<int:pk>/xoa/": 11,
    "nhiem-vu/<int:pk>/": 39,
    "nhiem-vu/<int:pk>/sua/": 10,
    "nhiem-vu/<int:pk>/xoa/": 10,
    "tep-dinh-kem/<int:pk>/": 9,
    "nhiem-vu-cua-don-vi/": 14,
    "chi-tieu/": 29,
    "chi-tieu/cham-tien-do/": 21,
    "chi-tieu/don-vi/<int:pk>/": 39,
    "chi-tieu/giao/": 21,
    "chi-tieu/chat-luong/": 20,
    "chi-tieu/giao/<int:pk>/sua/": 15,
    "chi-tieu/chi-so/": 8,
    "chi-tieu/mau/<str:kind>.xlsx": 12,
    "chi-tieu/nap/<str:kind>/": 16,
    "bao-cao/": 11,
    "bao-cao/<int:pk>/": 16,
    "bao-cao/<int:pk>/tep/<int:attachment_pk>/": 9,
    "che-do-bao-cao/<int:pk>/tinh-hinh/": 11,
    "che-do-bao-cao/<int:pk>/tong-hop/": 12,
    "bao-cao-tong-hop/<int:pk>/<str:fmt>/": 8,
    "mau-bao-cao-tong-hop/<int:pk>/": 18,
    "mau-bao-cao-tong-hop/<int:pk>/tai-ve/": 9,
    "thong-bao/": 12,
    "thong-bao/nhat-ky-thu-nhac/": 11,
    "che-do-bao-cao/": 16,
    "che-do-bao-cao/<int:pk>/sua/": 23,
    "che-do-bao-cao/<int:pk>/dot-xuat/": 16,
    "bao-cao-dot-xuat/<int:pk>/": 14,
    "kien-nghi/": 16,
    "kien-nghi/<int:pk>/": 14,
    "cuoc-hop/": 12,
    "cuoc-hop/excel/": 9,
    "ban-chi-dao/<int:committee_pk>/cuoc-hop/tao/": 13,
    "ban-chi-dao/<int:committee_pk>/quy-tac-hop/": 10,
    "cuoc-hop/<int:pk>/": 22,
    "cuoc-hop/<int:pk>/sua/": 10,
    "cuoc-hop/<int:pk>/giay-moi.docx": 11,
    "cuoc-hop/<int:pk>/noi-dung/them/": 12,
    "cuoc-hop/<int:pk>/noi-dung/<int:item_pk>/sua/": 13,
    "cuoc-hop/<int:pk>/tai-lieu/<int:material_pk>/": 9,
    "cuoc-hop/<int:pk>/diem-danh/": 10,
    "cuoc-hop/<int:pk>/bieu-quyet/them/": 10,
    "lay-y-kien/": 12,
    "ban-chi-dao/<int:committee_pk>/lay-y-kien/tao/": 11,
    "lay-y-kien/<int:pk>/": 18,
    "lay-y-kien/<int:pk>/tai-lieu/<int:document_pk>/": 9,
    "quy-kcb/": 14,
    "quy-kcb/co-so/<int:pk>/": 35,
    "quy-kcb/nap/<slug:kind>/": 12,
    "quy-kcb/du-toan/": 27,
    "quy-kcb/du-toan/thong-bao/<int:pk>/": 11,
    "quy-kcb/theo-doi-chi/": 17,
    "quy-kcb/canh-bao/": 23,
    "quy-kcb/canh-bao/<int:pk>/": 16,
    "quy-kcb/canh-bao/<int:pk>/van-ban/": 10,
    "don-doc-thu/": 20,
    "don-doc-thu/danh-sach-dn/": 18,
    "don-doc-thu/danh-sach-dn/nap/": 12,
    "don-doc-thu/danh-sach-dn/<int:pk>/": 17,
    "don-doc-thu/don-vi/": 13,
    "don-doc-thu/don-vi/<int:pk>/": 18,
    "don-doc-thu/cham-dong/": 13,
    "don-doc-thu/cham-dong/nap/": 11,
    "don-doc-thu/cham-dong/<int:pk>/": 17,
    "don-doc-thu/de-xuat-thanh-tra/": 17,
    "don-doc-thu/thanh-tra/": 14,
    "don-doc-thu/thanh-tra/them/": 11,
    "don-doc-thu/thanh-tra/<int:pk>/": 18,
    "don-doc-thu/cong-khai/": 18,
    "don-doc-thu/doi-chieu/": 12,
    "don-doc-thu/doi-chieu/<int:pk>/": 12,
    "don-doc-thu/doi-chieu/xem-xet/": 14,
    "don-doc-thu/doi-chieu/quyet-dinh/": 17,
    "don-doc-thu/phat-hien/": 15,
    "don-doc-thu/phat-hien/<int:pk>/": 15,
    "cong-khai/cham-dong/<str:code>/": 12,
    "tra-cuu-no/": 7,
    "khen-thuong/": 12,
    "ban-chi-dao/<int:committee_pk>/khen-thuong/mo-dot/": 9,
    "khen-thuong/excel/": 9,
    "khen-thuong/<int:pk>/": 43,
    "khen-thuong/<int:pk>/sua/": 9,
    "khen-thuong/<int:pk>/excel/": 33,
    "khen-thuong/<int:pk>/danh-sach.docx": 33,
    "khen-thuong/<int:round_pk>/de-nghi/them/": 12,
    "de-nghi-khen-thuong/<int:pk>/": 17,
}
DEFAULT_BUDGET = 40


def pages(matrix):
    for route, name, pattern in url_patterns():
        entry = matrix["urls"].get(route)
        if route.startswith(("quan-tri/", "api/")) or not entry:
            continue
        if str(entry["get"][STANDING]) == "200":
            yield route, name, pattern, entry


@pytest.mark.django_db
def test_every_page_within_its_query_budget(client, demo, settings):  # noqa: F811
    settings.MEDIA_ROOT = demo["media_root"]
    matrix = yaml.safe_load(MATRIX_FILE.read_text(encoding="utf-8"))
    login(client, "kontum.thuongtruc")
    over = []
    for route, name, pattern, entry in pages(matrix):
        url = url_for(route, name, pattern, entry, demo)
        client.get(url)  # warm the per-process caches, as in a running server
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        budget = BUDGETS.get(route, DEFAULT_BUDGET)
        if len(queries) > budget:
            over.append(f"{url} [{route}]: {len(queries)} queries, budget {budget}")
    assert not over, "\n".join(over)


# Pages known to cost a few queries per row shown, bounded by their page size: the growth
# allowed per added row. None now: the rewards round, once 4 per proposal, reads its nominees'
# committees, reports and arrears for the whole page at once (RoundFacts.prepare).
PER_ROW: dict[str, int] = {}


def _clone(queryset, tweak):
    """Save a copy of every row, changed by `tweak(copy, n)` where a unique key asks for it."""
    for n, row in enumerate(list(queryset.all()), start=1):
        children = list(row.units.all()) if hasattr(row, "units") else []
        row.pk = row.id = None
        row._state.adding = True
        tweak(row, n)
        row.save()
        for child in children:  # a task's units are on its line of the plan page
            child.pk = child.id = None
            child._state.adding = True
            child.task = row
            child.save()


def _doublings(objects):
    """(route, rows to copy, how a copy differs) for the main lists and pages."""
    from ansinh.compliance.models import Finding
    from ansinh.healthfund.models import Facility
    from ansinh.meetings.models import Meeting
    from ansinh.org.models import Agency
    from ansinh.plans.models import Task
    from ansinh.reporting.models import Concern

    province = objects["committee"].province
    plan = objects["plan"]
    top = max(Task.objects.filter(plan=plan).values_list("position", flat=True))

    def renamed(row, n):
        row.key, row.name = f"{row.key}-ban-sao", f"{row.name} (bản sao)"

    return [
        (
            "ke-hoach/<int:pk>/",
            Task.objects.filter(plan=plan),
            lambda row, n: setattr(row, "position", top + n),
        ),
        ("co-quan/", Agency.objects.filter(province=province), renamed),
        ("cuoc-hop/", Meeting.objects.filter(committee=objects["committee"]), lambda row, n: None),
        ("kien-nghi/", Concern.objects.all(), lambda row, n: setattr(row, "submission", None)),
        (
            "quy-kcb/",
            Facility.objects.filter(province=province),
            lambda row, n: setattr(row, "code", f"{row.code}{n:03d}x"),
        ),
        ("don-doc-thu/phat-hien/", Finding.objects.filter(province=province), lambda r, n: None),
        (
            "khen-thuong/<int:pk>/",
            objects["round"].proposals.all(),
            lambda row, n: setattr(row, "nominee_key", f"{row.nominee_key}-{n}"),
        ),
    ]


@pytest.mark.django_db
def test_twice_the_rows_cost_no_more_queries(client, demo, settings):  # noqa: F811
    settings.MEDIA_ROOT = demo["media_root"]
    matrix = yaml.safe_load(MATRIX_FILE.read_text(encoding="utf-8"))
    urls = {route: url_for(route, n, p, e, demo) for route, n, p, e in pages(matrix)}
    login(client, "kontum.thuongtruc")
    grew = []
    for route, rows, tweak in _doublings(demo):
        client.get(urls[route])
        with CaptureQueriesContext(connection) as before:
            client.get(urls[route])
        count = rows.count()
        _clone(rows, tweak)
        assert rows.count() == 2 * count, route
        client.get(urls[route])
        with CaptureQueriesContext(connection) as after:
            response = client.get(urls[route])
        assert response.status_code == 200, route
        allowed = len(before) + PER_ROW.get(route, 0) * count
        if len(after) > allowed or (
            route not in PER_ROW and len(after) > BUDGETS.get(route, DEFAULT_BUDGET)
        ):
            grew.append(
                f"{route}: {count} rows {len(before)} queries, {2 * count} rows {len(after)}"
            )
    assert not grew, "\n".join(grew)
