"""Structured logs: ANSINH_LOG_FORMAT=json writes one JSON object per line; text is the default."""

import io
import json
import logging
import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from ansinh.core.logging import JsonFormatter, RequestContextMiddleware, logging_config


@pytest.fixture
def json_log():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("ansinh.thu")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield logger, stream
    logger.removeHandler(handler)


def lines(stream) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_log_line_is_one_json_object_with_time_level_logger_and_message(json_log):
    logger, stream = json_log
    logger.warning("Đã nạp %s dòng", 12)
    try:
        raise ValueError("dòng 3 sai")
    except ValueError:
        logger.exception("Nạp tệp lỗi")
    first, second = lines(stream)
    assert first["level"] == "WARNING"
    assert first["logger"] == "ansinh.thu"
    assert first["message"] == "Đã nạp 12 dòng"
    assert first["timestamp"].endswith("+00:00")
    assert "path" not in first
    # The traceback stays inside its line.
    assert second["level"] == "ERROR"
    assert "ValueError: dòng 3 sai" in second["exception"]


@pytest.mark.django_db
def test_a_line_written_while_serving_a_request_names_its_path_and_user(json_log, seed):
    from ansinh.accounts.models import User

    logger, stream = json_log

    def view(request):
        logger.info("Xuất báo cáo")
        return HttpResponse("ok")

    request = RequestFactory().get("/bao-cao/xuat/?nam=2025")
    request.user = User.objects.get(username="kontum.thuongtruc")
    RequestContextMiddleware(view)(request)
    anonymous = RequestFactory().post("/tai-khoan/dang-nhap/")
    anonymous.user = AnonymousUser()
    RequestContextMiddleware(view)(anonymous)
    logger.info("Ngoài yêu cầu")

    served, login, outside = lines(stream)
    assert served["path"] == "/bao-cao/xuat/"
    assert served["method"] == "GET"
    assert served["user_id"] == request.user.pk
    assert login["path"] == "/tai-khoan/dang-nhap/" and "user_id" not in login
    assert "path" not in outside


def test_the_text_format_stays_the_default_and_an_unknown_format_is_refused():
    assert logging_config()["formatters"]["ansinh"] == {
        "format": "%(asctime)s %(levelname)s %(name)s %(message)s"
    }
    assert logging_config("json")["formatters"]["ansinh"] == {
        "()": "ansinh.core.logging.JsonFormatter"
    }
    with pytest.raises(ValueError, match="ANSINH_LOG_FORMAT"):
        logging_config("xml")


@pytest.mark.parametrize("log_format", ["json", "text"])
def test_the_environment_variable_switches_the_format_of_the_configured_logs(log_format, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ansinh.settings",
        "ANSINH_TESTING": "1",
        "ANSINH_DATA_DIR": str(tmp_path),
        "ANSINH_LOG_FORMAT": log_format,
    }
    code = "import django, logging; django.setup(); logging.getLogger('ansinh').warning('xin chào')"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    line = result.stderr.strip().splitlines()[-1]
    if log_format == "json":
        assert json.loads(line)["message"] == "xin chào"
    else:
        assert line.endswith("WARNING ansinh xin chào")
