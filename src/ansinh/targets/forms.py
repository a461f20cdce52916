from django import forms

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
