from pathlib import Path

import pytest
from django.conf import settings

from ansinh.cli import main
from ansinh.org.importers.admin_units import admin_units_load
from ansinh.org.models import Committee


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    # A command run from the command line closes every connection when it ends; in a test that
    # would close the connection holding the test's transaction (PostgreSQL notices).
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)


@pytest.mark.django_db
def test_ansinh_load_checks_then_loads_a_province_file(empty_db, capsys):
    admin_units_load(province_codes_2024=["62"])
    path = str(Path(settings.SEED_DATA_DIR) / "provinces" / "kon-tum.yaml")
    main(["load", path, "--dry-run"])
    assert "Kiểm tra xong (không ghi) kon-tum.yaml" in capsys.readouterr().out
    assert not Committee.objects.exists()
    main(["load", path])
    assert "Đã nạp kon-tum.yaml" in capsys.readouterr().out
    assert Committee.objects.get().memberships.count() == 17


@pytest.mark.django_db
def test_ansinh_load_reports_a_missing_file(capsys):
    with pytest.raises(SystemExit):
        main(["load", "/khong/co/tep.yaml"])
    assert "Không tìm thấy tệp" in capsys.readouterr().err


def test_ansinh_help_lists_the_commands(capsys):
    main(["help"])
    out = capsys.readouterr().out
    assert "ansinh demo" in out and "ansinh load FILE" in out
