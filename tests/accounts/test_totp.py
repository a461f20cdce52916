"""The optional second factor: enrolment, the code step of the login, the administrators'
obligation and the reset when a phone is lost. Codes are computed as an authenticator app would."""

import datetime as dt
import io
from binascii import unhexlify

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ansinh.accounts.enums import UserRole
from ansinh.accounts.models import User
from ansinh.accounts.services import user_create
from tests.conftest import DEMO_PASSWORD, login

LOGIN = "/tai-khoan/dang-nhap/"
VERIFY = "/tai-khoan/xac-minh/"
MANAGE = "/tai-khoan/xac-thuc-hai-buoc/"
ACCOUNT = "/tai-khoan/cua-toi/"
USER = "thanhhoa.soyte"
ADMIN_PASSWORD = "Quan-Tri-He-Thong-2026"
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

pytestmark = pytest.mark.usefixtures("seed")


def _code(key_hex: str, *, later: int = 0) -> str:
    """The code an authenticator app shows now (or `later` 30-second steps from now)."""
    return f"{totp(unhexlify(key_hex), drift=later):06d}"


def _enrol(client) -> TOTPDevice:
    page = client.get(MANAGE)
    assert "data:image/svg+xml;base64," in page.content.decode()
    key = client.session["ansinh_totp_enrol_key"]
    response = client.post(MANAGE, {"code": _code(key)})
    assert response.status_code == 302
    return TOTPDevice.objects.get(user__username=response.wsgi_request.user.username)


def _logged_in(client) -> bool:
    return client.get(ACCOUNT).status_code == 200


def _admin() -> User:
    return user_create(username="qt-kiemthu", password=ADMIN_PASSWORD, role=UserRole.ADMIN)


def test_a_user_turns_it_on_from_my_account_with_a_qr_code_and_a_code(client):
    login(client, USER)
    account = client.get(ACCOUNT).content.decode()
    assert "Xác thực hai bước" in account and "Chưa bật" in account
    page = client.get(MANAGE).content.decode()
    assert '<img src="data:image/svg+xml;base64,' in page
    assert "quét mã QR" in page
    wrong = client.post(MANAGE, {"code": "000000"})
    assert "Mã không đúng" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user__username=USER).exists()
    device = _enrol(client)
    assert device.confirmed
    assert "Đang bật" in client.get(ACCOUNT).content.decode()
    # Turning it on is in the change history, without the secret key.
    entry = LogEntry.objects.get_for_object(device).get()
    assert entry.actor.username == USER
    assert device.key not in str(entry.changes)


def test_after_the_password_the_login_asks_for_the_code(client):
    with time_machine.travel(START, tick=False) as clock:
        login(client, USER)
        device = _enrol(client)
        client.post("/tai-khoan/dang-xuat/")
        clock.shift(dt.timedelta(minutes=1))

        response = client.post(LOGIN, {"username": USER, "password": DEMO_PASSWORD})
        assert response["Location"] == VERIFY
        assert not _logged_in(client)  # the password alone does not open a session
        assert "mã 6 chữ số" in client.get(VERIFY).content.decode()
        wrong = client.post(VERIFY, {"code": "123456"})
        assert "Mã không đúng hoặc đã hết hạn" in wrong.content.decode()
        assert not _logged_in(client)

        clock.shift(dt.timedelta(seconds=5))  # past django-otp's delay after a wrong code
        code = _code(device.key)
        assert client.post(VERIFY, {"code": code}).status_code == 302
        assert _logged_in(client)

        # The same code cannot be used a second time.
        client.post("/tai-khoan/dang-xuat/")
        client.post(LOGIN, {"username": USER, "password": DEMO_PASSWORD})
        assert "Mã không đúng" in client.post(VERIFY, {"code": code}).content.decode()
        assert not _logged_in(client)


def test_the_code_step_expires(client):
    with time_machine.travel(START, tick=False) as clock:
        login(client, USER)
        device = _enrol(client)
        client.post("/tai-khoan/dang-xuat/")
        client.post(LOGIN, {"username": USER, "password": DEMO_PASSWORD})
        clock.shift(dt.timedelta(minutes=6))
        response = client.post(VERIFY, {"code": _code(device.key)}, follow=True)
        assert "Phiên đăng nhập đã hết hạn" in response.content.decode()
        assert not _logged_in(client)


def test_a_user_turns_it_off_with_a_current_code(client):
    with time_machine.travel(START, tick=False) as clock:
        login(client, USER)
        device = _enrol(client)
        clock.shift(dt.timedelta(minutes=1))
        client.post(MANAGE, {"code": _code(device.key)})
    assert not TOTPDevice.objects.filter(user__username=USER).exists()


def test_an_administrator_must_enrol_before_anything_else_when_required(client, settings):
    settings.ANSINH_ADMIN_REQUIRE_TOTP = True
    _admin()
    response = client.post(LOGIN, {"username": "qt-kiemthu", "password": ADMIN_PASSWORD})
    assert response.status_code == 302
    for path in ("/", "/quan-tri/", "/co-quan/"):
        sent = client.get(path)
        assert sent.status_code == 302
        assert sent["Location"].startswith(MANAGE + "?next=")
    page = client.get(MANAGE).content.decode()
    assert "phải bật xác thực hai bước" in page
    _enrol(client)
    assert client.get("/quan-tri/").status_code == 200
    # Required: the administrator cannot turn it off.
    assert "không tắt được" in client.get(MANAGE).content.decode()


def test_without_the_requirement_an_administrator_may_work_without_it(client, settings):
    settings.ANSINH_ADMIN_REQUIRE_TOTP = False
    _admin()
    client.post(LOGIN, {"username": "qt-kiemthu", "password": ADMIN_PASSWORD})
    assert client.get("/quan-tri/").status_code == 200


def test_other_users_are_not_asked_to_enrol(client, settings):
    settings.ANSINH_ADMIN_REQUIRE_TOTP = True
    login(client, USER)
    assert client.get(ACCOUNT).status_code == 200


def test_an_administrator_resets_a_lost_second_factor_and_it_is_recorded(client, settings):
    settings.ANSINH_ADMIN_REQUIRE_TOTP = False
    login(client, USER)
    device = _enrol(client)
    user = device.user
    admin = _admin()
    login(client, "qt-kiemthu")
    response = client.post(
        "/quan-tri/accounts/user/",
        {"action": "reset_second_factor", "_selected_action": [user.pk]},
        follow=True,
    )
    assert "Đã đặt lại xác thực hai bước cho: thanhhoa.soyte" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()
    deleted = LogEntry.objects.filter(
        action=LogEntry.Action.DELETE, object_pk=str(device.pk), actor=admin
    )
    assert deleted.exists()
    # The user now logs in with the password alone.
    client.post("/tai-khoan/dang-xuat/")
    response = client.post(LOGIN, {"username": USER, "password": DEMO_PASSWORD})
    assert response["Location"] != VERIFY
    assert _logged_in(client)


def test_the_server_command_resets_it_when_no_administrator_can(client):
    login(client, USER)
    _enrol(client)
    out = io.StringIO()
    call_command("reset_second_factor", USER, stdout=out)
    assert "Đã đặt lại" in out.getvalue()
    assert not TOTPDevice.objects.filter(user__username=USER).exists()
