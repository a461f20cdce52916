"""The upload form of a partner's quarterly list: which partner (for the standing agency), the
year and quarter, the file."""

from django import forms

from ansinh.core.tables import table_upload


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
        return table_upload(self.cleaned_data["file"])
