from django import forms

from ansinh.reporting.docx_render import MAX_TEMPLATE_BYTES


class GenerateForm(forms.Form):
    """Which period to consolidate: a report kind of the regime, the year, the period number."""

    kind = forms.IntegerField(label="loại báo cáo", min_value=1)
    year = forms.IntegerField(label="năm", min_value=2000, max_value=2100)
    number = forms.IntegerField(label="kỳ", min_value=1, max_value=12)


class TemplateUploadForm(forms.Form):
    name = forms.CharField(
        label="Tên mẫu",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        help_text="Để trống thì lấy tên tệp.",
    )
    file = forms.FileField(
        label="Tệp mẫu (.docx)",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".docx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Refused before reading it: a large upload is not loaded into memory for nothing.
        if upload.size > MAX_TEMPLATE_BYTES:
            limit = MAX_TEMPLATE_BYTES // 1024 // 1024
            raise forms.ValidationError(
                f"Tệp mẫu {upload.size / 1024 / 1024:.1f} MB, vượt giới hạn {limit} MB."
            )
        return upload
