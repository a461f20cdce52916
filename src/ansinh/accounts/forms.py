from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label="Tên đăng nhập", widget=forms.TextInput(attrs={"autofocus": True})
    )
    password = forms.CharField(
        label="Mật khẩu",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: chữ hoa và chữ thường "
        "được phân biệt.",
        "inactive": "Tài khoản này đã bị khóa.",
    }


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực (6 chữ số)",
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
