"""The access matrix: every URL of the project, opened and written to by six kinds of visitor,
against the outcome written down for each cell in tests/access_matrix.yaml.

The visitors are: nobody logged in, an officer of another agency, an officer of the agency that
owns the object, the committee's leader, the standing agency, and the standing agency of another
province. Any outcome other than the one written down fails (an unexpected 200 is an
unauthorized read, an unexpected redirect after a POST an unauthorized write), and a request that
was refused must not have inserted, changed or deleted a single row. Each request runs in a
savepoint undone after it, so the cells do not depend on each other. A URL added to the project
without an entry fails the test, so each new page is classified on purpose.

To classify a new URL, run this file with ACCESS_MATRIX_RECORD=/tmp/matrix.yaml: it writes what
every cell does today; review the cells, then copy the entry into access_matrix.yaml.
"""

import os
import time
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from django.db import connection, transaction
from django.shortcuts import resolve_url
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import FAST_HASHERS, login
from tests.demo_objects import build_demo

MATRIX_FILE = Path(__file__).with_name("access_matrix.yaml")
ROLES = ["anon", "other", "owner", "leader", "standing", "province"]
USERS = {
    "anon": None,
    "other": "kontum.soyte",
    "owner": "kontum.sotttt",
    "leader": "kontum.lanhdao",
    "standing": "kontum.thuongtruc",
    "province": "thanhhoa.thuongtruc",
}
# Outcomes that refuse: a refused write must change nothing.
REFUSED = {"login", "401", "403", "404", "405"}
# Tables whose rows a refused request may still touch (the visitor's session, the login-lockout
# bookkeeping); PostgreSQL counts per table and leaves them out, SQLite counts them all.
UNTRACKED_TABLES = {
    "django_session",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
}


def url_patterns(patterns=None, prefix="", namespace=None):
    """(route, name, pattern) for every URL of the project, the admin's included."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace
            inner = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from url_patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry


def outcome(response) -> str:
    if response.status_code in (301, 302, 303):
        location = response.headers["Location"]
        if location.startswith((resolve_url(settings.LOGIN_URL), reverse("admin:login"))):
            return "login"
        return "redirect"
    return str(response.status_code)


def rows_written() -> int:
    """Rows inserted, changed or deleted so far by this connection (cheap, so that every write
    attempt can be checked): SQLite counts them per connection, PostgreSQL per transaction."""
    if connection.vendor == "sqlite":
        sql = "SELECT total_changes()"
    else:
        untracked = ", ".join(f"'{table}'" for table in sorted(UNTRACKED_TABLES))
        sql = (
            "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0) "
            f"FROM pg_stat_xact_user_tables WHERE relname NOT IN ({untracked})"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


ADMIN_VALUES = {"app_label": "accounts", "object_id": "1", "content_type_id": "1", "url": "x"}


def admin_url(name, pattern):
    if name is None:
        return "/quan-tri/khong-co/"
    return reverse(
        name, kwargs={key: ADMIN_VALUES[key] for key in pattern.pattern.regex.groupindex}
    )


def api_url(route: str, args: list) -> str:
    """DRF's router routes are regular expressions: fill them in order."""
    path = route.replace("^", "").replace("$", "").replace("/?", "/").replace("\\.", ".")
    for value in args:
        start = path.index("(?P<")
        path = path[:start] + str(value) + path[path.index(")", start) + 1 :]
    return "/" + path


def unclassified(routes, matrix) -> list[str]:
    """URLs without an entry: each new page must be classified before the test passes."""
    return [
        route
        for route, _, _ in routes
        if route not in matrix["urls"] and not route.startswith("quan-tri/")
    ]


def test_a_new_url_without_an_entry_is_reported():
    matrix = yaml.safe_load(MATRIX_FILE.read_text(encoding="utf-8"))
    routes = [*url_patterns(), ("bao-cao/<int:pk>/xuat-moi/", "reporting:new", None)]
    assert unclassified(routes, matrix) == ["bao-cao/<int:pk>/xuat-moi/"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data, built once for the module inside a transaction undone at its end."""
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        objects = build_demo()
        yield {**objects, "media_root": media}
        transaction.set_rollback(True)


def resolve_args(spec: list, objects: dict) -> list:
    values = []
    for item in spec:
        if isinstance(item, str) and item in objects:
            value = objects[item]
            values.append(value if isinstance(value, (str, int)) else value.pk)
        else:
            values.append(item)
    return values


def url_for(route, name, pattern, entry, objects) -> str:
    if route.startswith("quan-tri/"):
        return admin_url(name, pattern)
    args = resolve_args(entry.get("args", []), objects)
    if route.startswith("api/v1/^"):
        return "/api/v1" + api_url(route[len("api/v1/") :], args)
    if name is None:
        return "/" + route
    return reverse(name, args=args)


def visit(client, method, url, data):
    cache.clear()  # the public pages count requests per address; each cell starts afresh
    if method == "get":
        return client.get(url)
    return client.post(url, data)


@pytest.mark.django_db
def test_every_url_as_every_visitor(client, demo, settings, monkeypatch):
    # Every request is undone in the database; deleting a file would outlive that.
    monkeypatch.setattr(FileSystemStorage, "delete", lambda storage, name: None)
    settings.MEDIA_ROOT = demo["media_root"]
    # A server error is an outcome like any other here: it is never the expected one.
    client.raise_request_exception = False
    matrix = yaml.safe_load(MATRIX_FILE.read_text(encoding="utf-8"))
    routes = list(url_patterns())
    missing = unclassified(routes, matrix)
    record = os.environ.get("ACCESS_MATRIX_RECORD")
    assert record or not missing, (
        "URL chưa được phân loại trong access_matrix.yaml (chạy với ACCESS_MATRIX_RECORD để "
        "ghi lại, xem xét rồi thêm vào):\n" + "\n".join(missing)
    )
    stale = set(matrix["urls"]) - {route for route, _, _ in routes}
    assert not stale, f"Entries for URLs that no longer exist: {sorted(stale)}"

    cells = []  # (route, name, pattern, entry, url) of every URL opened
    for route, name, pattern in routes:
        is_admin = route.startswith("quan-tri/")
        if is_admin and name is not None and not name.endswith(("_changelist", "index")):
            # The admin refuses before it looks at the object: one page per model is enough.
            continue
        entry = matrix["admin"] if is_admin else matrix["urls"].get(route, {})
        url = url_for(route, name, pattern, entry, demo)
        # post_data: where an empty form would be refused as invalid before anyone's rights
        # are asked, the write attempt sends what passes that first check.
        data = dict(
            zip(
                entry.get("post_data", {}),
                resolve_args(list(entry.get("post_data", {}).values()), demo),
                strict=True,
            )
        )
        cells.append((route, entry, url, data))

    problems, timings = [], dict.fromkeys((cell[0] for cell in cells), 0.0)
    seen = {cell[0]: {"get": [], "post": []} for cell in cells}
    # One login per visitor, not per cell: the session is the visitor's for the whole round.
    for role in ROLES:
        client.logout()
        if USERS[role]:
            login(client, USERS[role])
        for route, entry, url, data in cells:
            started = time.monotonic()
            for method in ("get", "post"):
                with transaction.atomic():
                    before = rows_written()
                    got = outcome(visit(client, method, url, data))
                    written = rows_written() - before
                    if written and got in REFUSED and not entry.get("logs_out"):
                        problems.append(
                            f"{method.upper()} {url} as {role} ({got}) wrote {written} rows"
                        )
                    transaction.set_rollback(True)
                if entry.get("logs_out") and USERS[role]:
                    login(client, USERS[role])
                seen[route][method].append(got)
                expected = entry.get(method)
                if expected and str(expected[ROLES.index(role)]) != got:
                    problems.append(
                        f"{method.upper()} {url} [{route}] as {role} ({USERS[role]}): "
                        f"expected {expected[ROLES.index(role)]}, got {got}"
                    )
            timings[route] += time.monotonic() - started
    recorded = {
        route: {**{k: v for k, v in entry.items() if k not in ("get", "post")}, **seen[route]}
        for route, entry, _, _ in cells
        if not route.startswith("quan-tri/")
    }
    if record:
        Path(record).write_text(
            yaml.safe_dump(
                {"urls": recorded},
                allow_unicode=True,
                sort_keys=False,
                default_flow_style=None,
                width=120,
            ),
            encoding="utf-8",
        )
        slowest = sorted(((t, r) for r, t in timings.items()), reverse=True)
        Path(record + ".times").write_text("\n".join(f"{t:.2f} {r}" for t, r in slowest))
    assert not problems, "\n".join(problems)
