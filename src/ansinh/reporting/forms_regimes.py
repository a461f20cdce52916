"""Forms of the regime pages: the regime with its report kinds, and an ad hoc request."""

import re

from django import forms

from ansinh.org.models import Agency, AgencyGroup
from ansinh.reporting.enums import (
    CutoffRule,
    DeadlineReading,
    DeadlineRule,
    ReportLevel,
    ReportPeriod,
)
from ansinh.reporting.models import ReportingRegime, ReportKind
from ansinh.reporting.services.regimes import MAX_REMIND_DAYS

_INPUT = {"class": "form-control"}
_SMALL = {"class": "form-control form-control-sm"}
_SELECT = {"class": "form-select form-select-sm"}


def parse_numbers(text: str, label: str, *, high: int) -> list[int]:
    """ "7, 1" → [7, 1]: whole numbers from 0 to `high`, separated by commas or spaces."""
    values = []
    for piece in re.split(r"[,;\s]+", text.strip()):
        if not piece:
            continue
        if not piece.isdigit() or int(piece) > high:
            raise forms.ValidationError(f"{label}: “{piece}” không phải số từ 0 đến {high}.")
        if int(piece) not in values:
            values.append(int(piece))
    return values


def numbers_text(values) -> str:
    return ", ".join(str(v) for v in values or [])


class RegimeForm(forms.Form):
    name = forms.CharField(
        label="Tên chế độ báo cáo",
        max_length=300,
        widget=forms.TextInput(attrs=_INPUT),
        error_messages={"required": "Tên chế độ báo cáo: cần ghi tên."},
    )
    source = forms.CharField(
        label="Căn cứ", max_length=400, required=False, widget=forms.TextInput(attrs=_INPUT)
    )
    reading = forms.ChoiceField(
        label="Cách hiểu “trước ngày X”",
        choices=DeadlineReading.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    remind_before = forms.CharField(
        label="Nhắc trước hạn (số ngày)",
        required=False,
        widget=forms.TextInput(attrs=_INPUT),
        help_text="Các số ngày trước ngày gửi cuối cùng, cách nhau bởi dấu phẩy, ví dụ 7, 1.",
    )
    remind_after = forms.CharField(
        label="Nhắc sau hạn (số ngày)",
        required=False,
        widget=forms.TextInput(attrs=_INPUT),
        help_text="Các số ngày sau ngày gửi cuối cùng mà chưa gửi, ví dụ 1, 3, 7.",
    )
    reporters = forms.ModelMultipleChoiceField(
        label="Cơ quan báo cáo",
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 10}),
    )
    reporter_groups = forms.ModelMultipleChoiceField(
        label="Nhóm cơ quan báo cáo",
        queryset=AgencyGroup.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 10}),
        help_text="Mỗi nhóm được mở ra thành các cơ quan của nhóm; cơ quan thường trực không "
        "tự báo cáo cho mình.",
    )

    def __init__(self, *args, regime: ReportingRegime, **kwargs):
        province = regime.committee.province_id
        kwargs.setdefault(
            "initial",
            {
                "name": regime.name,
                "source": regime.source,
                "reading": regime.reading,
                "remind_before": numbers_text(regime.remind_before),
                "remind_after": numbers_text(regime.remind_after),
                "reporters": list(regime.reporters.all()),
                "reporter_groups": list(regime.reporter_groups.all()),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["reporters"].queryset = Agency.objects.filter(
            province_id=province, is_active=True
        ).order_by("kind", "name")
        self.fields["reporter_groups"].queryset = AgencyGroup.objects.filter(
            province_id=province
        ).order_by("name")

    def clean_remind_before(self) -> list[int]:
        text = self.cleaned_data["remind_before"]
        return parse_numbers(text, "Nhắc trước hạn", high=MAX_REMIND_DAYS)

    def clean_remind_after(self) -> list[int]:
        text = self.cleaned_data["remind_after"]
        return parse_numbers(text, "Nhắc sau hạn", high=MAX_REMIND_DAYS)


class KindForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(
        label="Tên loại báo cáo",
        max_length=200,
        widget=forms.TextInput(attrs=_SMALL),
        error_messages={"required": "Tên loại báo cáo: cần ghi tên."},
    )
    # Each select starts on the value the browser sends for an untouched blank row, so that
    # the blank row left blank counts as unchanged and is skipped.
    period_kind = forms.ChoiceField(
        label="Kỳ",
        choices=ReportPeriod.choices,
        initial=ReportPeriod.QUARTER,
        widget=forms.Select(attrs=_SELECT),
    )
    level = forms.ChoiceField(
        label="Cấp",
        choices=ReportLevel.choices,
        initial=ReportLevel.AGENCY,
        widget=forms.Select(attrs=_SELECT),
    )
    rule = forms.ChoiceField(
        label="Cách tính hạn",
        choices=DeadlineRule.choices,
        initial=DeadlineRule.RELATIVE,
        widget=forms.Select(attrs=_SELECT),
    )
    day = forms.IntegerField(
        label="Ngày", required=False, widget=forms.NumberInput(attrs={**_SMALL, "min": 1})
    )
    month = forms.IntegerField(
        label="Tháng", required=False, widget=forms.NumberInput(attrs={**_SMALL, "min": 1})
    )
    offset_months = forms.IntegerField(
        label="Số tháng sau tháng cuối kỳ",
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={**_SMALL, "min": 0}),
    )
    year_offset = forms.IntegerField(
        label="Năm sau năm của kỳ",
        required=False,
        min_value=0,
        max_value=1,
        widget=forms.NumberInput(attrs={**_SMALL, "min": 0, "max": 1}),
    )
    cutoff = forms.ChoiceField(
        label="Chốt số liệu",
        choices=CutoffRule.choices,
        initial=CutoffRule.PERIOD_END,
        widget=forms.Select(attrs=_SELECT),
    )
    numbers = forms.CharField(
        label="Kỳ phải báo cáo",
        required=False,
        widget=forms.TextInput(attrs=_SMALL),
        help_text="Ví dụ 1 (chỉ 6 tháng đầu năm); để trống: mọi kỳ.",
    )

    def clean_numbers(self) -> list[int]:
        return parse_numbers(self.cleaned_data["numbers"], "Kỳ phải báo cáo", high=4)

    def clean_year_offset(self) -> int:
        return self.cleaned_data["year_offset"] or 0

    @staticmethod
    def initial_for(kind: ReportKind) -> dict:
        return {
            "id": kind.pk,
            "name": kind.name,
            "period_kind": kind.period_kind,
            "level": kind.level,
            "rule": kind.rule,
            "day": kind.day,
            "month": kind.month,
            "offset_months": kind.offset_months,
            "year_offset": kind.year_offset,
            "cutoff": kind.cutoff,
            "numbers": numbers_text(kind.numbers),
        }


class BaseKindFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Xóa"
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"


KindFormSet = forms.formset_factory(KindForm, formset=BaseKindFormSet, extra=1, can_delete=True)


class AdHocRequestForm(forms.Form):
    kind = forms.ModelChoiceField(
        label="Loại báo cáo",
        queryset=ReportKind.objects.none(),
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    title = forms.CharField(
        label="Nội dung yêu cầu báo cáo",
        max_length=300,
        widget=forms.TextInput(attrs=_INPUT),
        error_messages={"required": "Nội dung yêu cầu báo cáo: cần ghi báo cáo về việc gì."},
    )
    content = forms.CharField(
        label="Yêu cầu chi tiết",
        required=False,
        widget=forms.Textarea(attrs={**_INPUT, "rows": 4}),
    )
    due_date = forms.DateField(
        label="Hạn gửi: trước ngày (dd/mm/yyyy)",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs=_INPUT),
        error_messages={
            "required": "Hạn gửi (trước ngày): cần ghi ngày.",
            "invalid": "Hạn gửi (trước ngày): ghi theo dạng dd/mm/yyyy, ví dụ 15/08/2025.",
        },
    )
    agencies = forms.MultipleChoiceField(
        label="Cơ quan phải báo cáo",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    all_agencies = forms.BooleanField(
        label="Chọn tất cả",
        required=False,
        widget=forms.CheckboxInput(
            attrs={
                "class": "form-check-input",
                # Ticks the boxes for the eye; the server reads the choice itself, with or
                # without script.
                "onchange": "document.querySelectorAll('#agencies input[type=checkbox]')"
                ".forEach(function (c) { c.checked = this.checked; }, this)",
            }
        ),
    )

    def __init__(self, *args, kinds, reporters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds
        self.only_kind = kinds[0] if len(kinds) == 1 else None
        if self.only_kind:
            del self.fields["kind"]
        self.reporters = {str(a.pk): a for a in reporters}
        self.fields["agencies"].choices = [(str(a.pk), a.name) for a in reporters]

    def chosen_kind(self) -> ReportKind:
        return self.only_kind or self.cleaned_data["kind"]

    def chosen_agencies(self) -> list:
        if self.cleaned_data.get("all_agencies"):
            return list(self.reporters.values())
        return [self.reporters[pk] for pk in self.cleaned_data.get("agencies", [])]
