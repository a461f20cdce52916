"""Administrators who must use a second factor get nothing else until they have one."""

from urllib.parse import urlencode

from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from ansinh.accounts import second_factor

# Pages an administrator without a second factor may still open: logging in and out, and
# enrolment itself.
_ALLOWED = {
    "accounts:login",
    "accounts:logout",
    "accounts:second_factor_verify",
    "accounts:second_factor",
}


class SecondFactorRequiredMiddleware:
    """With ANSINH_ADMIN_REQUIRE_TOTP, an administrator's session must be verified by a code.

    No query for anyone else, so page budgets are unchanged; runs after django-otp's
    OTPMiddleware, which tells whether the session is verified.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (user.is_authenticated and second_factor.is_required_for(user)):
            return None
        if user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in _ALLOWED:
            return None
        if not getattr(view_func, "login_required", True) and not request.path.startswith("/api/"):
            return None  # public pages (health, the public lookup)
        if second_factor.confirmed_device(user=user) is not None:
            # Has a second factor but this session never gave a code (opened before enrolment,
            # or by other means): start again from the login page.
            logout(request)
            return redirect(reverse("accounts:login"))
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('accounts:second_factor')}?{query}")
