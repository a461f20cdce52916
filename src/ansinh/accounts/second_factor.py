"""The second factor: time-based codes (TOTP) from an authenticator app, kept by django-otp.

Reads and writes in one small module: enrolment (a key held in the session until the user proves
the app shows the right code), the pending login between password and code, and the reset an
administrator makes when a user lost the phone. See docs/decisions/0014-second-factor.md.
"""

import base64
import time
from binascii import unhexlify

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from ansinh.accounts.models import User
from ansinh.core.history import acting_as

DEVICE_NAME = "Ứng dụng xác thực"
_ENROL_KEY = "ansinh_totp_enrol_key"
_PENDING = "ansinh_second_factor"


def confirmed_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def is_required_for(user: User) -> bool:
    return settings.ANSINH_ADMIN_REQUIRE_TOTP and user.is_system_admin


def remember_verified(request, user: User, device) -> None:
    """Mark the session as having given a code, only where the middleware will ask: a marked
    session makes django-otp read the device on every request."""
    if is_required_for(user):
        otp_login(request, device)


# Enrolment -----------------------------------------------------------------------------------


def enrolment_key(request) -> str:
    """The key being enrolled, kept in the session so that reloading shows the same QR code."""
    key = request.session.get(_ENROL_KEY)
    if not key:
        key = random_hex(20)
        request.session[_ENROL_KEY] = key
    return key


def enrolment_details(*, user: User, key: str) -> dict:
    """What the enrolment page shows: the QR code (an SVG data URI) and the key as text."""
    uri = TOTPDevice(user=user, key=key, name=DEVICE_NAME).config_url
    svg = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).to_string()
    secret = base64.b32encode(unhexlify(key)).decode()
    return {
        "qr_data_uri": "data:image/svg+xml;base64," + base64.b64encode(svg).decode(),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }


def _clean(code: str) -> str:
    return "".join(code.split())


def enrolment_confirm(*, request, user: User, code: str) -> TOTPDevice | None:
    """Turn the second factor on if `code` is what the app shows for the session's key.

    Returns the new device (and marks this session as verified), or None for a wrong code.
    """
    key = request.session.get(_ENROL_KEY)
    if not key:
        return None
    code = _clean(code)
    totp = TOTP(unhexlify(key), step=30, t0=0, digits=6)
    # One step of clock difference either way, as django-otp allows at login.
    if not (code.isdigit() and totp.verify(int(code), tolerance=1)):
        return None
    matched_t = totp.t()
    with transaction.atomic(), acting_as(user):
        TOTPDevice.objects.filter(user=user).delete()
        # last_t: the code just used cannot be used again to log in.
        device = TOTPDevice.objects.create(
            user=user, key=key, name=DEVICE_NAME, confirmed=True, last_t=matched_t
        )
    del request.session[_ENROL_KEY]
    remember_verified(request, user, device)
    return device


def user_disable_second_factor(*, user: User, by: User | None) -> int:
    """Remove the user's second factor (the user, or an administrator resetting it)."""
    with transaction.atomic(), acting_as(by):
        count, _ = TOTPDevice.objects.filter(user=user).delete()
    return count


# Login ---------------------------------------------------------------------------------------


def pending_start(request, *, user: User, next_url: str) -> None:
    """The password was right; remember who is logging in until the code is given."""
    request.session.cycle_key()
    request.session[_PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "until": time.time() + settings.ANSINH_SECOND_FACTOR_WINDOW_MINUTES * 60,
    }


def pending_user(request) -> tuple[User, dict] | None:
    pending = request.session.get(_PENDING)
    if not pending or pending["until"] < time.time():
        return None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending) if user else None


def pending_clear(request) -> None:
    request.session.pop(_PENDING, None)


def code_check(*, device: TOTPDevice, code: str) -> tuple[bool, str]:
    """Check a login code; (ok, Vietnamese reason when not ok). Wrong codes are throttled."""
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return False, "Đã nhập sai mã nhiều lần; vui lòng đợi ít phút rồi thử lại."
    if not device.verify_token(_clean(code)):
        return False, "Mã không đúng hoặc đã hết hạn; nhập mã đang hiện trong ứng dụng."
    return True, ""
