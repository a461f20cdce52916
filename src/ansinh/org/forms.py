from django import forms

from ansinh.accounts import perms
from ansinh.org.enums import AdminLevel, AgencyKind, Role
from ansinh.org.models import AdminUnit, Agency, AgencyGroup


class DateForm(forms.Form):
    ngay = forms.DateField(label="Thành phần tại ngày", required=False)


class AgencyForm(forms.ModelForm):
    aliases_text = forms.CharField(
        label="Tên gọi khác (mỗi dòng một tên)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Agency
        fields = [
            "key",
            "name",
            "short_name",
            "kind",
            "admin_unit",
            "email",
            "phone",
            "address",
            "is_active",
        ]

    # What an agency's own officer may change: how to reach it and how documents name it.
    # Its identity (key, name, kind, locality, activity) is the standing agency's to manage.
    OWN_AGENCY_FIELDS = ("short_name", "email", "phone", "address", "aliases_text")

    def __init__(self, *args, province: AdminUnit, own_agency_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.province = province
        self.fields["admin_unit"].queryset = AdminUnit.objects.filter(parent=province).order_by(
            "name"
        )
        self.fields["aliases_text"].initial = "\n".join(self.instance.aliases or [])
        if own_agency_only:
            for name in list(self.fields):
                if name not in self.OWN_AGENCY_FIELDS:
                    del self.fields[name]
        add_bootstrap_classes(self)

    def clean(self):
        data = super().clean()
        self.instance.aliases = [
            line.strip() for line in (data.get("aliases_text") or "").splitlines() if line.strip()
        ]
        return data


class AgencyGroupForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label="Gồm mọi cơ quan thuộc loại",
        choices=AgencyKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    members = forms.ModelMultipleChoiceField(
        label="Gồm thêm các cơ quan",
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    aliases_text = forms.CharField(
        label="Cách gọi khác (mỗi dòng một cách)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = AgencyGroup
        fields = ["key", "name"]

    def __init__(self, *args, province: AdminUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.province = province
        self.fields["members"].queryset = Agency.objects.filter(province=province).order_by("name")
        if self.instance.pk:
            self.fields["members"].initial = list(self.instance.members.all())
            self.fields["kinds"].initial = self.instance.kinds
        self.fields["aliases_text"].initial = "\n".join(self.instance.aliases or [])
        add_bootstrap_classes(self)

    def clean(self):
        data = super().clean()
        self.instance.kinds = list(data.get("kinds") or [])
        self.instance.aliases = [
            line.strip() for line in (data.get("aliases_text") or "").splitlines() if line.strip()
        ]
        return data


class DecisionForm(forms.Form):
    number = forms.CharField(label="Số, ký hiệu quyết định", max_length=80)
    date = forms.DateField(label="Ngày ký (dd/mm/yyyy)")
    issuer = forms.CharField(label="Cấp ban hành", max_length=200, required=False)
    title = forms.CharField(label="Trích yếu", max_length=400, required=False)


class MemberForm(forms.Form):
    keep = forms.BooleanField(
        label="Giữ trong thành phần",
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    role = forms.ChoiceField(
        label="Vai trò",
        choices=Role.choices,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    title = forms.CharField(label="Chức danh", max_length=250)
    person_name = forms.CharField(label="Họ và tên", max_length=120, required=False)
    agency = forms.ModelChoiceField(
        label="Cơ quan",
        queryset=Agency.objects.none(),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, province: AdminUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(province=province).order_by("name")
        self.fields["agency"].error_messages["required"] = "Thành viên phải thuộc một cơ quan."


class BaseMemberFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "province": self.province}

    def __init__(self, *args, province, **kwargs):
        self.province = province
        super().__init__(*args, **kwargs)

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            province=self.province,
        )
        self.add_fields(form, None)
        return form


MemberFormSet = forms.formset_factory(MemberForm, formset=BaseMemberFormSet, extra=3)


class CommitteeCreateForm(forms.Form):
    province = forms.ModelChoiceField(
        label="Tỉnh, thành phố",
        queryset=AdminUnit.objects.filter(level=AdminLevel.PROVINCE).order_by("edition", "name"),
    )
    name = forms.CharField(label="Tên Ban Chỉ đạo", max_length=300)
    short_name = forms.CharField(label="Tên ngắn", max_length=120, required=False)
    standing_agency_name = forms.CharField(
        label="Cơ quan thường trực",
        max_length=250,
        help_text="Tên đầy đủ, ví dụ: Bảo hiểm xã hội tỉnh Quảng Trị. Nếu chưa có sẽ được tạo.",
    )
    standing_agency_kind = forms.ChoiceField(
        label="Loại cơ quan thường trực",
        choices=AgencyKind.choices,
        initial=AgencyKind.SOCIAL_INSURANCE,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        add_bootstrap_classes(self)

    def clean_province(self):
        province = self.cleaned_data["province"]
        if province.committees.exists():
            raise forms.ValidationError(
                f"{province.name} đã có Ban Chỉ đạo trong ansinh. Hãy mở Ban Chỉ đạo đó và kiện "
                "toàn thành viên nếu cần."
            )
        return province

    def clean(self):
        data = super().clean()
        if not perms.can_create_committee(self.user):
            raise forms.ValidationError("Bạn không có quyền tạo Ban Chỉ đạo.")
        return data


class ProvinceFileForm(forms.Form):
    file = forms.FileField(
        label="Tệp dữ liệu tỉnh (.yaml, .yml hoặc .json)",
        help_text="Cùng định dạng với data/provinces/thanh-hoa.yaml (xem docs/data-format.md).",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".yaml", ".yml", ".json")):
            raise forms.ValidationError("Chỉ nhận tệp .yaml, .yml hoặc .json.")
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError("Tệp lớn hơn 2 MB.")
        try:
            return upload.name, upload.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError("Tệp phải mã hóa UTF-8.") from exc


class AdminUnitSearchForm(forms.Form):
    q = forms.CharField(label="Tìm đơn vị hành chính", required=False)
    edition = forms.ChoiceField(label="Cấu trúc", required=False)
    level = forms.ChoiceField(label="Cấp", required=False)

    def __init__(self, *args, **kwargs):
        from ansinh.org.enums import AdminEdition

        super().__init__(*args, **kwargs)
        self.fields["edition"].choices = [("", "Cả hai"), *AdminEdition.choices]
        self.fields["level"].choices = [("", "Mọi cấp"), *AdminLevel.choices]


def add_bootstrap_classes(form: forms.BaseForm) -> forms.BaseForm:
    """Give plain Django widgets the Bootstrap look, so templates can render `{{ field }}`."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)
    return form
