"""Second-factor pages: the code step of the login, and turning the second factor on or off."""

from django.contrib import auth, messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from ansinh.accounts import second_factor
from ansinh.accounts.forms import CodeForm


def _safe_next(request, url: str | None, default: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


@login_not_required
def verify(request):
    """After the right password: the code from the authenticator app."""
    pending = second_factor.pending_user(request)
    if pending is None:
        second_factor.pending_clear(request)
        messages.info(request, "Phiên đăng nhập đã hết hạn; vui lòng nhập lại mật khẩu.")
        return redirect("accounts:login")
    user, state = pending
    device = second_factor.confirmed_device(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device is None:  # reset by an administrator in the meantime
            ok = True
        else:
            ok, reason = second_factor.code_check(device=device, code=form.cleaned_data["code"])
            if not ok:
                form.add_error("code", reason)
        if ok:
            second_factor.pending_clear(request)
            auth.login(request, user, backend=state["backend"])
            if device is not None:
                second_factor.remember_verified(request, user, device)
            return redirect(_safe_next(request, state["next"], "/"))
    return render(request, "accounts/second_factor_verify.html", {"form": form})


def manage(request):
    """Turn the second factor on (scan, then confirm a code) or off, from "Tài khoản của tôi"."""
    user = request.user
    device = second_factor.confirmed_device(user=user)
    required = second_factor.is_required_for(user)
    next_url = _safe_next(
        request, request.POST.get("next") or request.GET.get("next"), reverse("accounts:account")
    )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if device is None:
            if second_factor.enrolment_confirm(request=request, user=user, code=code):
                messages.success(
                    request,
                    "Đã bật xác thực hai bước. Từ lần đăng nhập sau, sau mật khẩu sẽ cần mã "
                    "trong ứng dụng xác thực.",
                )
                return redirect(next_url)
            form.add_error("code", "Mã không đúng; kiểm tra đồng hồ của điện thoại và nhập mã mới.")
        elif required:
            form.add_error(None, "Quản trị hệ thống bắt buộc dùng xác thực hai bước.")
        else:
            ok, reason = second_factor.code_check(device=device, code=code)
            if ok:
                second_factor.user_disable_second_factor(user=user, by=user)
                messages.success(request, "Đã tắt xác thực hai bước.")
                return redirect("accounts:account")
            form.add_error("code", reason)
    context = {"form": form, "device": device, "required": required, "next": next_url}
    if device is None:
        key = second_factor.enrolment_key(request)
        context.update(second_factor.enrolment_details(user=user, key=key))
    return render(request, "accounts/second_factor.html", context)
