"""`ansinh check`: Django's deployment checks plus ansinh's own, non-zero exit on errors."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from ansinh.cli import main

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    # A command run from the command line closes every connection when it ends (see test_cli).
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    # The browser tests' conftest allows the ORM inside Playwright's event loop for the whole
    # run; Django's deployment check rightly refuses that setting in production.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)


def run_check(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("check_ansinh", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_ansinh_check_summarises_the_installation_and_runs_the_deployment_checks():
    output = run_check()
    assert "Cơ sở dữ liệu: " in output
    assert "Hàng đợi việc nền: ImmediateBackend (trong tiến trình)" in output
    # Django's --deploy checks ran: the test settings have no HSTS.
    assert "security.W004" in output


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend"}},
    REDIS_URL="redis://127.0.0.1:1/0",
)
def test_an_unreachable_redis_is_an_error():
    with pytest.raises(SystemCheckError, match=r"ansinh\.E002"):
        run_check()


def test_a_media_folder_that_cannot_be_written_is_an_error(settings, tmp_path):
    blocker = tmp_path / "khong-phai-thu-muc"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    with pytest.raises(SystemCheckError, match=r"ansinh\.E003.*MEDIA_ROOT"):
        run_check()


def test_a_missing_data_folder_is_an_error(settings, tmp_path):
    settings.SEED_DATA_DIR = tmp_path / "khong-co"
    with pytest.raises(SystemCheckError, match=r"ansinh\.E004"):
        run_check()


def test_without_libreoffice_the_check_says_so_without_failing(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    output = run_check()
    assert "ansinh.I001" in output
    assert "LibreOffice (bản PDF của báo cáo): không có" in output


def test_the_demo_key_outside_the_demo_fails_the_check(settings):
    settings.TESTING = False
    settings.DEMO = False
    with pytest.raises(SystemCheckError, match=r"ansinh\.E001"):
        run_check()


def test_the_console_command_exits_non_zero_on_errors_and_keeps_djangos_arguments(
    settings, tmp_path, capsys
):
    main(["check", "core", "--tag", "security"])
    assert "Cơ sở dữ liệu: " in capsys.readouterr().out
    settings.SEED_DATA_DIR = tmp_path / "khong-co"
    with pytest.raises(SystemExit) as exit_:
        main(["check"])
    assert exit_.value.code == 1
    assert "ansinh.E004" in capsys.readouterr().err
