"""The page shown while django-axes keeps an account locked (AXES_LOCKOUT_CALLABLE)."""

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    return render(
        request,
        "accounts/locked_out.html",
        {
            "failure_limit": get_failure_limit(request, credentials),
            "username": get_client_username(request, credentials) or "",
            "cooloff_minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
        },
        status=429,
    )
