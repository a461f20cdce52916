"""Forms of the inspection area: a case (its plan, its employers) and its progress and outcome;
the tax-code lookup of the public page."""

import re

from django import forms

from ansinh.compliance.enums import InspectionOutcome, InspectionStatus
from ansinh.compliance.models import Employer
from ansinh.compliance.taxcode import normalize_tax_code, tax_code_problem
from ansinh.core.vnformat import parse_date, parse_number
from ansinh.org.models import Agency


class VnDateField(forms.CharField):
    """A date typed dd/mm/yyyy (or picked, yyyy-mm-dd)."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_date(value)
        except ValueError:
            raise forms.ValidationError(f"“{value}” không phải ngày (viết dd/mm/yyyy).") from None


class MoneyField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return 0
        try:
            number = parse_number(value)
        except ValueError:
            raise forms.ValidationError(f"“{value}” không phải số tiền (viết 1.234.567).") from None
        if number != number.to_integral_value():
            raise forms.ValidationError("Số tiền tính bằng đồng, không có phần lẻ.")
        return int(number)


class Styled:
    """Bootstrap classes on the widgets (the project has no form renderer that adds them)."""

    def style(self):
        for bound in self:
            widget = bound.field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


class CaseForm(Styled, forms.Form):
    title = forms.CharField(label="Tên đợt thanh tra, kiểm tra", max_length=300)
    decision_number = forms.CharField(label="Số quyết định", max_length=100, required=False)
    lead_agency = forms.ModelChoiceField(label="Cơ quan chủ trì", queryset=Agency.objects.none())
    team = forms.CharField(
        label="Thành phần đoàn",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mỗi người một dòng: họ tên — cơ quan.",
    )
    starts_on = VnDateField(label="Từ ngày", help_text="dd/mm/yyyy")
    ends_on = VnDateField(label="Đến ngày", help_text="dd/mm/yyyy")
    employers = forms.ModelMultipleChoiceField(
        label="Đơn vị được thanh tra, kiểm tra",
        queryset=Employer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    more_codes = forms.CharField(
        label="Thêm đơn vị theo mã số thuế hoặc mã đơn vị BHXH",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Mỗi mã một dòng hoặc cách nhau bằng dấu phẩy.",
    )

    def __init__(self, *args, province, shown_employers, **kwargs):
        super().__init__(*args, **kwargs)
        self.province = province
        self.fields["lead_agency"].queryset = Agency.objects.filter(
            province=province, is_active=True
        ).order_by("name")
        # Only the employers chosen so far are listed: a province has thousands.
        self.fields["employers"].queryset = Employer.objects.filter(
            province=province, pk__in=shown_employers
        )
        self.style()

    def clean_more_codes(self):
        codes = [c for c in re.split(r"[\s,;]+", self.cleaned_data["more_codes"]) if c]
        found, unknown = [], []
        for raw in codes:
            code = normalize_tax_code(raw)
            employer = (
                Employer.objects.filter(province=self.province, tax_code=code).first()
                if not tax_code_problem(code)
                else None
            ) or Employer.objects.filter(province=self.province, insurer_code=raw).first()
            (found if employer else unknown).append(employer or raw)
        if unknown:
            raise forms.ValidationError(
                "Không tìm thấy đơn vị của tỉnh có mã: " + ", ".join(unknown) + "."
            )
        return found

    def clean(self):
        data = super().clean()
        chosen = {e.pk: e for e in [*data.get("employers", []), *data.get("more_codes", [])]}
        if not chosen and not self.errors:
            self.add_error("employers", "Chọn ít nhất một đơn vị được thanh tra, kiểm tra.")
        data["all_employers"] = list(chosen.values())
        return data


class ProgressForm(Styled, forms.Form):
    status = forms.ChoiceField(label="Trạng thái", choices=InspectionStatus.choices)
    ends_on = VnDateField(label="Ngày kết thúc", help_text="dd/mm/yyyy")
    outcome = forms.ChoiceField(label="Kết quả", choices=InspectionOutcome.choices)
    fined_amount = MoneyField(label="Số tiền xử phạt (đồng)", required=False)
    recovered_amount = MoneyField(label="Số tiền thu hồi, đơn vị đã nộp (đồng)", required=False)
    referred_on = VnDateField(
        label="Ngày chuyển cơ quan công an",
        required=False,
        help_text="Khi chuyển hồ sơ theo Bộ luật Hình sự Điều 214 (gian lận BHXH, BHTN) hoặc "
        "Điều 216 (trốn đóng BHXH, BHYT, BHTN).",
    )
    follow_up = forms.CharField(
        label="Theo dõi sau thanh tra", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class LookupForm(forms.Form):
    ma_so_thue = forms.CharField(label="Mã số thuế", max_length=30)

    def clean_ma_so_thue(self):
        code = normalize_tax_code(self.cleaned_data["ma_so_thue"])
        if problem := tax_code_problem(code):
            raise forms.ValidationError(problem[:1].upper() + problem[1:] + ".")
        return code
