"""Forms of the arrears area: the upload of the BHXH office's statement and the filters of a
statement's lines."""

from django import forms

from ansinh.compliance.enums import ArrearsClass
from ansinh.core.tables import table_upload
from ansinh.core.vnformat import parse_date


class ArrearsUploadForm(forms.Form):
    as_of = forms.CharField(
        label="Số liệu tại ngày",
        max_length=10,
        help_text="dd/mm/yyyy — ngày chốt số liệu của bảng (thường là ngày cuối tháng).",
    )
    period_months = forms.IntegerField(
        label="Số tháng của kỳ",
        min_value=1,
        max_value=12,
        initial=1,
        help_text="Bảng tháng: 1; bảng quý: 3. Số phải đóng trong kỳ chia cho số tháng này là số "
        "phải đóng mỗi tháng, dùng để tính số tháng chậm đóng.",
    )
    file = forms.FileField(
        label="Tệp",
        help_text="Bảng tính Excel (.xlsx) hoặc CSV xuất từ phần mềm thu của BHXH (mẫu C12-TS): "
        "mã đơn vị, tên, địa chỉ, mã số thuế, địa bàn, số phải đóng đầu kỳ, phải đóng trong kỳ, "
        "điều chỉnh, số đã đóng, số phải đóng cuối kỳ, tỷ lệ nợ, số lao động.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

    def clean_as_of(self):
        raw = self.cleaned_data["as_of"]
        try:
            return parse_date(raw)
        except ValueError:
            raise forms.ValidationError(f"“{raw}” không phải ngày (viết dd/mm/yyyy).") from None

    def clean_file(self):
        return table_upload(self.cleaned_data["file"])


class LineFilter(forms.Form):
    """GET filters of a statement's lines; bad values are ignored, not errors."""

    nhom = forms.ChoiceField(
        label="Nhóm nợ",
        required=False,
        choices=[("", "Mọi đơn vị"), ("no", "Các đơn vị còn nợ"), *ArrearsClass.choices],
    )
    dia_ban = forms.IntegerField(label="Địa bàn", required=False)
    q = forms.CharField(label="Tìm", required=False, max_length=100)
    lech = forms.BooleanField(label="Chỉ dòng lệch số dư", required=False)

    def values(self) -> dict:
        if not self.is_valid():
            return {"nhom": "", "dia_ban": None, "q": "", "lech": False}
        return self.cleaned_data
