from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from ansinh.accounts import second_factor, services
from ansinh.accounts.forms import LoginForm


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        """The right password; with a second factor, the code is asked before logging in."""
        user = form.get_user()
        if second_factor.confirmed_device(user=user) is None:
            return super().form_valid(form)
        second_factor.pending_start(self.request, user=user, next_url=self.get_redirect_url())
        return redirect("accounts:second_factor_verify")

    def get_context_data(self, **kwargs):
        from django.conf import settings

        return {
            **super().get_context_data(**kwargs),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": round(settings.AXES_COOLOFF_TIME * 60),
        }


@require_POST
def logout_view(request):
    logout(request)
    return redirect("accounts:login")


def account(request):
    """The user's own account: role, agency, and the API key for integrations."""
    if request.method == "POST":
        services.user_rotate_api_token(user=request.user)
        messages.success(request, "Đã tạo khóa API mới; khóa cũ không còn dùng được.")
        return redirect("accounts:account")
    return render(
        request,
        "accounts/account.html",
        {
            "token": services.user_api_token(user=request.user),
            "second_factor": second_factor.confirmed_device(user=request.user),
        },
    )
