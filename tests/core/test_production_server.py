"""The application behind gunicorn, the production server (the `production` extra): it starts
with the test settings on a free loopback port and answers the health endpoint and a static
file (WhiteNoise). About two seconds; skipped when gunicorn is not installed."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from importlib.util import find_spec

import pytest
from django.conf import settings

pytestmark = pytest.mark.skipif(
    find_spec("gunicorn") is None,
    reason="gunicorn is not installed (pip install -e '.[production]')",
)
START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, bytes, str]:
    """Status, body and the address finally answered (after redirects)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.geturl()
    except urllib.error.HTTPError as error:
        return error.code, error.read(), url


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ansinh.settings",
        "ANSINH_TESTING": "1",
        "ANSINH_DATA_DIR": str(tmp_path),
        # The health check needs a database that answers, not the test database's tables.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'ansinh.sqlite3'}",
        "ANSINH_LOG_FORMAT": "json",
        "PYTHONPATH": str(settings.REPO_DIR / "src"),
    }
    command = [sys.executable, "-m", "gunicorn", "ansinh.wsgi:application"]
    options = ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "60"]
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen([*command, *options], env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_SECONDS
    try:
        while True:
            try:
                get(f"{base}/healthz")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        "gunicorn did not start:\n" + (tmp_path / "gunicorn.log").read_text()
                    )
                time.sleep(0.2)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def test_gunicorn_serves_the_health_endpoint_and_static_files(gunicorn):
    status, body, _ = get(f"{gunicorn}/suc-khoe/")
    assert status == 200
    assert json.loads(body)["status"] == "ok"
    status, body, _ = get(f"{gunicorn}/static/core/favicon.svg")
    assert status == 200
    assert b"<svg" in body
    # Pages still require a login behind the production server.
    _, _, address = get(f"{gunicorn}/tong-quan/")
    assert "/tai-khoan/" in address
