from decimal import Decimal

from django import forms

from ansinh.core.vnformat import parse_number
from ansinh.org.models import AdminUnit

MAX_UPLOAD = 20 * 1024 * 1024


class UploadForm(forms.Form):
    province = forms.ModelChoiceField(AdminUnit.objects.none(), label="Tỉnh")
    file = forms.FileField(
        label="Tệp",
        help_text="Bảng tính Excel (.xlsx) theo mẫu; chỉ tiêu cũng nhận tệp dữ liệu YAML.",
    )

    def __init__(self, *args, provinces, accept_yaml: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.accept_yaml = accept_yaml
        self.fields["province"].queryset = provinces
        if len(provinces) == 1:
            self.fields["province"].initial = provinces[0]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        allowed = (".xlsx", ".yaml", ".yml") if self.accept_yaml else (".xlsx",)
        if not name.endswith(allowed):
            raise forms.ValidationError(f"Chỉ nhận tệp {', '.join(allowed)}.")
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Tệp quá lớn (tối đa 20 MB).")
        return upload.name, upload.read()


class TargetForm(forms.Form):
    """One rate target, typed the Vietnamese way ("24,88") or with a point ("24.88")."""

    percent = forms.CharField(
        label="Chỉ tiêu (%)",
        max_length=20,
        help_text="Tỷ lệ phần trăm từ 0 đến 100, ví dụ 24,88.",
        error_messages={"required": "Nhập chỉ tiêu (%), ví dụ 24,88."},
    )
    source = forms.CharField(label="Căn cứ", max_length=300, required=False)

    def clean_percent(self):
        raw = self.cleaned_data["percent"].strip().removesuffix("%").strip()
        try:
            number = parse_number(raw)
        except (ValueError, ArithmeticError):
            raise forms.ValidationError(
                f"“{raw}” không phải là số; nhập tỷ lệ phần trăm, ví dụ 24,88."
            ) from None
        if number < 0 or number > 100:
            raise forms.ValidationError("Chỉ tiêu là tỷ lệ phần trăm, từ 0 đến 100.")
        if number != number.quantize(Decimal("0.01")):
            raise forms.ValidationError("Chỉ tiêu có tối đa hai chữ số thập phân (ví dụ 24,88).")
        return number.quantize(Decimal("0.01"))


class TargetValueForm(forms.Form):
    """One count or amount target, a whole number written "12.345.678.000" or "12345678000"."""

    value = forms.CharField(label="Chỉ tiêu", max_length=30)
    source = forms.CharField(label="Căn cứ", max_length=300, required=False)

    def __init__(self, *args, unit_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit_label = unit_label
        field = self.fields["value"]
        field.label = f"Chỉ tiêu ({unit_label})"
        field.help_text = f"Số nguyên ({unit_label}), viết 12.345.678.000 hoặc 12345678000."
        field.error_messages["required"] = f"Nhập chỉ tiêu ({unit_label})."

    def clean_value(self):
        raw = self.cleaned_data["value"].strip()
        if raw.endswith("%"):
            raise forms.ValidationError(
                f"Chỉ tiêu này là một số ({self.unit_label}), không phải tỷ lệ %."
            )
        try:
            number = parse_number(raw.removesuffix("đ").removesuffix("đồng").strip())
        except (ValueError, ArithmeticError):
            raise forms.ValidationError(f"“{raw}” không phải là số.") from None
        if number < 0:
            raise forms.ValidationError("Chỉ tiêu không được âm.")
        if number != number.to_integral_value():
            raise forms.ValidationError("Chỉ tiêu là số nguyên, không có phần lẻ.")
        return int(number)
