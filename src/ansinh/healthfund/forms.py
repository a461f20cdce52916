from django import forms

from ansinh.core.tables import table_upload
from ansinh.core.vnformat import parse_number


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp", help_text="Bảng tính Excel (.xlsx) hoặc CSV (UTF-8).")
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100, required=False)
    source = forms.CharField(
        label="Nguồn dữ liệu",
        max_length=120,
        required=False,
        help_text="Tên hệ thống xuất tệp (ví dụ Cổng giám định BHYT); cách ghép cột được nhớ "
        "theo tên này.",
    )

    def __init__(self, *args, needs_year: bool, needs_source: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].required = needs_year
        self.fields["source"].required = needs_source
        if not needs_year:
            del self.fields["year"]
        if not needs_source:
            del self.fields["source"]

    def clean_file(self):
        return table_upload(self.cleaned_data["file"])


def parse_money(raw: str, label: str) -> int:
    try:
        number = parse_number(raw)
    except ValueError:
        raise forms.ValidationError(
            f"{label}: “{raw}” không phải số tiền (viết 1.234.567)."
        ) from None
    if number < 0:
        raise forms.ValidationError(f"{label}: số tiền không được âm.")
    if number != number.to_integral_value():
        raise forms.ValidationError(f"{label}: số tiền tính bằng đồng, không có phần lẻ.")
    return int(number)


class BudgetForm(forms.Form):
    amount = forms.CharField(label="Dự toán chi KCB BHYT (đồng)", max_length=30)
    source_document = forms.CharField(label="Căn cứ giao dự toán", max_length=300, required=False)

    def clean_amount(self):
        amount = parse_money(self.cleaned_data["amount"], "Dự toán")
        if amount <= 0:
            raise forms.ValidationError("Dự toán phải lớn hơn 0.")
        return amount


class MarginForm(forms.Form):
    margin = forms.CharField(label="Ngưỡng cảnh báo vượt bình quân (%)", max_length=10)

    def clean_margin(self):
        try:
            value = parse_number(self.cleaned_data["margin"].rstrip("% "))
        except ValueError:
            raise forms.ValidationError("Nhập tỷ lệ %, ví dụ 10 hoặc 12,5.") from None
        if not 0 <= value <= 500:
            raise forms.ValidationError("Ngưỡng từ 0 đến 500 %.")
        return value


class ExplanationForm(forms.Form):
    explanation = forms.CharField(
        label="Giải trình của cơ sở", widget=forms.Textarea(attrs={"rows": 4})
    )
