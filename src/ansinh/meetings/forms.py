import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from ansinh.core.uploads import MultipleFileField
from ansinh.core.vnformat import parse_date
from ansinh.meetings.enums import Answer, ConsultationAnswer, MeetingKind
from ansinh.meetings.models import MeetingRules
from ansinh.meetings.services.agenda import NO_PRESENTER, material_problems
from ansinh.org.models import Agency, Membership
from ansinh.reporting.models import ConsolidatedReport


def style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.RadioSelect):
            continue
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


def add_service_errors(form: forms.Form, error: ValidationError, renamed=None) -> None:
    """Put a service's errors on the fields they name (`renamed` maps a model field to the form
    field showing it), the others above the form."""
    renamed = renamed or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = renamed.get(name, name)
        form.add_error(field if field in form.fields else None, errors)


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="Loại cuộc họp", choices=MeetingKind.choices)
    title = forms.CharField(label="Tên cuộc họp", max_length=300)
    day = forms.CharField(label="Ngày họp", help_text="dd/mm/yyyy, ví dụ 15/07/2026.")
    time = forms.TimeField(
        label="Giờ họp", input_formats=["%H:%M", "%Hh%M", "%H"], help_text="Ví dụ 08:00."
    )
    place = forms.CharField(label="Địa điểm", max_length=300)
    chair = forms.ModelChoiceField(label="Người chủ trì", queryset=Membership.objects.none())
    number = forms.CharField(
        label="Số giấy mời", max_length=80, required=False, help_text="Ví dụ: 15/GM-BCĐ."
    )
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, chairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chairs
        self.fields["chair"].label_from_instance = lambda m: (
            f"{m.get_role_display()}: {m.person_name or m.title}"
        )
        style(self)

    def clean_day(self) -> dt.date:
        try:
            return parse_date(self.cleaned_data["day"])
        except ValueError as exc:
            raise forms.ValidationError(f"Ngày họp: {exc}") from exc

    def starts_at(self) -> dt.datetime:
        combined = dt.datetime.combine(self.cleaned_data["day"], self.cleaned_data["time"])
        return timezone.make_aware(combined)

    @staticmethod
    def initial_from(meeting) -> dict:
        local = timezone.localtime(meeting.starts_at)
        return {
            "kind": meeting.kind,
            "title": meeting.title,
            "day": f"{local:%d/%m/%Y}",
            "time": f"{local:%H:%M}",
            "place": meeting.place,
            "chair": meeting.chair_id,
            "number": meeting.number,
            "note": meeting.note,
        }


class AgendaItemForm(forms.Form):
    title = forms.CharField(label="Nội dung", max_length=400)
    presenter = forms.ChoiceField(label="Người trình bày", required=False)
    minutes = forms.IntegerField(label="Thời lượng (phút)", min_value=1, max_value=600)
    files = MultipleFileField(label="Tài liệu (tệp)", required=False, check=False)
    report = forms.ModelChoiceField(
        label="Kèm dự thảo báo cáo tổng hợp",
        queryset=ConsolidatedReport.objects.none(),
        required=False,
    )

    def __init__(self, *args, meeting, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        committee = meeting.committee
        members = Membership.objects.filter(committee=committee, end_date__isnull=True)
        agencies = Agency.objects.filter(province_id=committee.province_id, is_active=True)
        self.fields["presenter"].choices = [
            ("", "— chọn —"),
            (
                "Thành viên Ban Chỉ đạo",
                [
                    (f"m{m.pk}", f"{m.person_name or m.title} ({m.agency.display_name})")
                    for m in members.select_related("agency").order_by("position", "pk")
                ],
            ),
            ("Cơ quan", [(f"a{a.pk}", a.name) for a in agencies.order_by("name")]),
        ]
        self.fields["report"].queryset = ConsolidatedReport.objects.filter(
            kind__regime__committee=committee
        ).select_related("kind")
        style(self)

    def clean_presenter(self):
        value = self.cleaned_data.get("presenter") or ""
        if not value:
            raise forms.ValidationError(NO_PRESENTER)
        kind, pk = value[0], int(value[1:])
        if kind == "m":
            return Membership.objects.get(pk=pk), None
        return None, Agency.objects.get(pk=pk)

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        problems = material_problems(item=self.item, files=files)
        if problems:
            raise forms.ValidationError(problems)
        return files


class CancelForm(forms.Form):
    reason = forms.CharField(label="Lý do hủy", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Trả lời",
        choices=[(Answer.ATTEND, Answer.ATTEND.label), (Answer.EXCUSED, Answer.EXCUSED.label)],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label="Lý do vắng mặt", max_length=400, required=False)
    substitute_name = forms.CharField(label="Họ tên người họp thay", max_length=120, required=False)
    substitute_title = forms.CharField(
        label="Chức vụ người họp thay", max_length=200, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class ExcuseForm(forms.Form):
    note = forms.CharField(label="Ghi chú", max_length=400, required=False)


class DecisionForm(forms.Form):
    item = forms.ModelChoiceField(label="Nội dung họp", queryset=None)
    question = forms.CharField(label="Vấn đề biểu quyết", max_length=500)
    options = forms.CharField(
        label="Các phương án",
        initial="Đồng ý\nKhông đồng ý",
        help_text="Mỗi dòng một phương án; ít nhất hai.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.agenda.all()
        style(self)

    def clean_options(self) -> list[str]:
        return self.cleaned_data["options"].splitlines()


class RulesForm(forms.ModelForm):
    class Meta:
        model = MeetingRules
        fields = [
            "interval_months",
            "quorum_percent",
            "quorum_counts_substitutes",
            "substitute_required",
            "substitute_votes",
            "chair_decides",
            "source",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class ConclusionTaskForm(forms.Form):
    content = forms.CharField(
        label="Nội dung nhiệm vụ", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    lead = forms.ModelChoiceField(label="Đơn vị chủ trì", queryset=Agency.objects.none())
    coordinators = forms.ModelMultipleChoiceField(
        label="Đơn vị phối hợp",
        queryset=Agency.objects.none(),
        required=False,
        help_text="Giữ Ctrl (hoặc ⌘) để chọn nhiều cơ quan.",
    )
    due_date = forms.CharField(label="Hạn hoàn thành", help_text="dd/mm/yyyy, ví dụ 30/09/2026.")

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(
            province_id=meeting.committee.province_id, is_active=True
        ).order_by("name")
        self.fields["lead"].queryset = agencies
        self.fields["coordinators"].queryset = agencies
        self.fields["coordinators"].widget.attrs["size"] = 8
        style(self)

    def clean_due_date(self) -> dt.date:
        try:
            return parse_date(self.cleaned_data["due_date"])
        except ValueError as exc:
            raise forms.ValidationError(f"Hạn hoàn thành: {exc}") from exc


class ConsultationForm(forms.Form):
    title = forms.CharField(label="Trích yếu", max_length=300)
    questions = forms.CharField(
        label="Nội dung xin ý kiến",
        help_text="Vấn đề cần các thành viên cho ý kiến; mỗi câu hỏi một dòng.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    day = forms.CharField(label="Hạn trả lời (ngày)", help_text="dd/mm/yyyy.")
    time = forms.TimeField(label="Giờ", input_formats=["%H:%M", "%Hh%M", "%H"], initial="17:00")
    members = forms.ModelMultipleChoiceField(
        label="Thành viên được xin ý kiến",
        queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    files = MultipleFileField(label="Tài liệu xin ý kiến", check=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members
        self.fields["members"].label_from_instance = lambda m: (
            f"{m.person_name or m.title} — {m.title} ({m.agency.display_name})"
        )
        style(self)
        self.fields["members"].widget.attrs.pop("class", None)

    def clean_day(self) -> dt.date:
        try:
            return parse_date(self.cleaned_data["day"])
        except ValueError as exc:
            raise forms.ValidationError(f"Hạn trả lời: {exc}") from exc

    def closes_at(self) -> dt.datetime:
        combined = dt.datetime.combine(self.cleaned_data["day"], self.cleaned_data["time"])
        return timezone.make_aware(combined)


class ConsultationAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Ý kiến",
        choices=[(c.value, c.label) for c in ConsultationAnswer if c != ConsultationAnswer.PENDING],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Ý kiến cụ thể",
        required=False,
        help_text="Bắt buộc khi chọn “Có ý kiến khác”.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)
