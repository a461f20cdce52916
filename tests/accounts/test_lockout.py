"""Login lockout (django-axes): wrong passwords lock an account, from that address, for a while."""

import datetime as dt

import pytest
import time_machine

from tests.conftest import DEMO_PASSWORD

LOGIN = "/tai-khoan/dang-nhap/"
USER = "thanhhoa.soyte"
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

pytestmark = pytest.mark.usefixtures("seed")


def _try(client, password, address="10.0.0.7"):
    return client.post(LOGIN, {"username": USER, "password": password}, REMOTE_ADDR=address)


def _logged_in(client) -> bool:
    return client.get("/tai-khoan/cua-toi/").status_code == 200


def _fail_limit(client, settings, address="10.0.0.7"):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "sai-mat-khau", address)


def test_the_lock_page_says_why_and_for_how_long_in_vietnamese(client, settings):
    _fail_limit(client, settings)
    page = _try(client, "sai-mat-khau")
    text = page.content.decode()
    assert page.status_code == 429
    assert "Tài khoản tạm thời bị khóa" in text
    assert f"sai mật khẩu {settings.AXES_FAILURE_LIMIT} lần" in text
    assert "thử lại sau 15 phút" in text
    assert "kể cả mật khẩu đúng" in text


def test_a_right_password_is_refused_while_locked_and_works_after_the_cool_off(client, settings):
    with time_machine.travel(START, tick=False) as clock:
        _fail_limit(client, settings)
        clock.shift(dt.timedelta(minutes=14))
        refused = _try(client, DEMO_PASSWORD)
        assert refused.status_code == 429
        assert not _logged_in(client)
        clock.shift(dt.timedelta(minutes=2))
        accepted = _try(client, DEMO_PASSWORD)
        assert accepted.status_code == 302
        assert _logged_in(client)


def test_fewer_failures_than_the_limit_do_not_lock_and_a_success_starts_the_count_again(
    client, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, "sai-mat-khau")
    assert _try(client, DEMO_PASSWORD).status_code == 302
    client.post("/tai-khoan/dang-xuat/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, "sai-mat-khau")
    assert _try(client, DEMO_PASSWORD).status_code == 302


def test_the_lock_holds_for_the_account_from_that_address_only(client, settings):
    """Someone elsewhere cannot lock a colleague out by typing wrong passwords for them."""
    _fail_limit(client, settings, address="10.0.0.66")
    assert _try(client, DEMO_PASSWORD, address="10.0.0.66").status_code == 429
    assert _try(client, DEMO_PASSWORD, address="10.0.0.7").status_code == 302
