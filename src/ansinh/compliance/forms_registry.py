"""The upload form of a partner's quarterly list: which partner (for the standing agency), the
year and quarter, the file."""

from django import forms

MAX_UPLOAD = 30 * 1024 * 1024


class RegistryUploadForm(forms.Form):
    partner = forms.ChoiceField(label="Cơ quan gửi danh sách")
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label="Quý", coerce=int, choices=[(q, f"Quý {q}") for q in range(1, 5)]
    )
    file = forms.FileField(
        label="Tệp danh sách",
        help_text="Bảng tính Excel (.xlsx) hoặc CSV; tệp gõ bằng mã TCVN3 (.VnTime) hoặc VNI "
        "được chuyển sang Unicode.",
    )

    def __init__(self, *args, partners: list[tuple[str, str]], **kwargs):
        """`partners`: (value "agency_pk:source", label) the user may upload for."""
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = partners
        if len(partners) == 1:
            self.fields["partner"].initial = partners[0][0]
            self.fields["partner"].widget = forms.HiddenInput()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Chỉ nhận tệp .xlsx hoặc .csv.")
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Tệp quá lớn (tối đa 30 MB).")
        return upload.name, upload.read()
