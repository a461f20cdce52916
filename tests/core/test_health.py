"""The health endpoint: what a load balancer or a monitor reads, without logging in."""

import pytest
from django.test import override_settings

from ansinh.core import views_health

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/suc-khoe/", "/healthz"])
def test_an_anonymous_monitor_reads_that_everything_answers(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "tasks": "ok",
        "tasks_backend": "ImmediateBackend",
    }
    assert "no-cache" in response["Cache-Control"]


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend"}},
    REDIS_URL="redis://:mat-khau@127.0.0.1:1/0",
)
def test_an_unreachable_task_queue_gives_503_without_telling_where_it_is(client):
    response = client.get("/suc-khoe/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["tasks"] == "error"
    assert body["database"] == "ok"
    assert body["tasks_backend"] == "RQBackend"
    assert "127.0.0.1" not in response.content.decode()
    assert "mat-khau" not in response.content.decode()


def test_a_failing_database_gives_503(client, monkeypatch):
    def broken():
        raise RuntimeError("connection refused by db.example:5432")

    monkeypatch.setitem(views_health.CHECKS, "database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"
    assert "db.example" not in response.content.decode()


def test_the_health_endpoint_only_answers_reads(client):
    assert client.post("/suc-khoe/").status_code == 405
