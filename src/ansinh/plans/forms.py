from django import forms
from django.utils import timezone

from ansinh.core.periods import Period, PeriodKind
from ansinh.core.uploads import MultipleFileField, extension
from ansinh.core.vnformat import parse_date
from ansinh.plans.enums import ReportKind, TaskStatus, UnitRole
from ansinh.plans.models import Plan, Task

MAX_IMPORT = 10 * 1024 * 1024
IMPORT_TYPES = ("yaml", "yml", "xlsx", "docx")


def period_choices(year: int) -> list[tuple[str, str]]:
    periods = [Period(year, PeriodKind.QUARTER, n) for n in range(1, 5)]
    periods += [Period(year, PeriodKind.HALF, n) for n in (1, 2)]
    periods.append(Period(year, PeriodKind.YEAR, 1))
    return [(f"{p.year}-{p.kind}-{p.number}", p.label) for p in periods]


def parse_period(value: str) -> Period:
    year, kind, number = value.split("-")
    return Period(int(year), PeriodKind(kind), int(number))


class ProgressForm(forms.Form):
    period = forms.ChoiceField(label="Kỳ báo cáo")
    text = forms.CharField(label="Kết quả thực hiện", widget=forms.Textarea(attrs={"rows": 4}))
    percent = forms.IntegerField(
        label="Tỷ lệ hoàn thành (%)",
        min_value=0,
        max_value=100,
        required=False,
        help_text="100% nghĩa là nhiệm vụ (hoặc phần việc của kỳ) đã hoàn thành.",
    )
    milestone = forms.CharField(
        label="Mốc đạt được",
        max_length=300,
        required=False,
        help_text="Ví dụ: đã ban hành kế hoạch.",
    )
    reported_on = forms.CharField(label="Ngày báo cáo", help_text="dd/mm/yyyy")
    files = MultipleFileField(label="Tệp đính kèm", required=False)

    def __init__(self, *args, task: Task, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        today = timezone.localdate()
        self.fields["period"].choices = period_choices(task.plan.year)
        year = min(max(today.year, task.plan.year), task.plan.year)
        current = Period.containing(today, PeriodKind.QUARTER) if year == today.year else None
        self.fields["period"].initial = (
            f"{current.year}-{current.kind}-{current.number}" if current else None
        )
        self.fields["reported_on"].initial = today.strftime("%d/%m/%Y")
        for name, field in self.fields.items():
            field.widget.attrs.setdefault(
                "class", "form-select" if name == "period" else "form-control"
            )
        if kind == ReportKind.CONTRIBUTION:
            del self.fields["percent"]
            self.fields["text"].label = "Nội dung đã phối hợp"

    def clean_reported_on(self):
        try:
            day = parse_date(self.cleaned_data["reported_on"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if day > timezone.localdate():
            raise forms.ValidationError("Ngày báo cáo không được sau hôm nay.")
        return day

    def clean_period(self):
        return parse_period(self.cleaned_data["period"])

    def clean(self):
        data = super().clean()
        if (
            self.kind == ReportKind.PROGRESS
            and data.get("percent") is None
            and not data.get("milestone")
        ):
            raise forms.ValidationError("Ghi tỷ lệ hoàn thành hoặc mốc đạt được.")
        return data


class PlanUploadForm(forms.Form):
    committee = forms.ChoiceField(label="Ban Chỉ đạo")
    year = forms.IntegerField(label="Năm kế hoạch", min_value=2000, max_value=2100)
    title = forms.CharField(
        label="Trích yếu",
        max_length=400,
        required=False,
        help_text="Với tệp Excel, Word; để trống: “Thực hiện chính sách BHXH, BHYT, BHTN năm …”.",
    )
    file = forms.FileField(
        label="Tệp kế hoạch (.docx, .xlsx, .yaml)",
        help_text="Word có phụ lục nhiệm vụ dạng bảng; Excel theo mẫu; hoặc YAML ansinh.plan/1.",
    )

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.committees = {str(c.pk): c for c in committees}
        self.fields["committee"].choices = [(pk, c.name) for pk, c in self.committees.items()]
        self.fields["year"].initial = timezone.localdate().year
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-select" if name == "committee" else "form-control"

    def clean_committee(self):
        return self.committees[self.cleaned_data["committee"]]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if extension(upload.name) not in IMPORT_TYPES:
            raise forms.ValidationError("Chỉ nhận tệp .docx, .xlsx, .yaml hoặc .yml.")
        if upload.size > MAX_IMPORT:
            raise forms.ValidationError("Tệp lớn hơn 10 MB.")
        return upload


class PlanCreateForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["committee", "year", "kind", "title", "number", "place"]

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = self.fields["committee"].queryset.filter(
            pk__in=[c.pk for c in committees]
        )
        self.fields["year"].initial = timezone.localdate().year
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-select" if name == "committee" else "form-control"


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = [
            "group",
            "number",
            "content",
            "lead_text",
            "coordinators_text",
            "timeframe",
            "legal_refs",
        ]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 4}),
            "lead_text": forms.Textarea(attrs={"rows": 2}),
            "coordinators_text": forms.Textarea(attrs={"rows": 2}),
            "legal_refs": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "lead_text": "Ghi như văn bản; các cơ quan, nhóm cơ quan được nhận ra tự động.",
            "timeframe": "Thường xuyên; Quý 2/2024; Tháng 8/2024; 6 tháng đầu năm 2024; "
            "Năm 2024; 15/10/2024; để trống nếu không xác định.",
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = plan.groups.order_by("position")
        self.fields["group"].label_from_instance = lambda g: f"{g.number} {g.title[:90]}"
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-select" if name == "group" else "form-control"


class GroupForm(forms.Form):
    number = forms.CharField(label="Số thứ tự (như văn bản)", max_length=20, required=False)
    title = forms.CharField(label="Tên nhóm", widget=forms.Textarea(attrs={"rows": 2}))
    parent = forms.ModelChoiceField(label="Thuộc nhóm", queryset=None, required=False)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = plan.groups.order_by("position")
        self.fields["parent"].label_from_instance = lambda g: f"{g.number} {g.title[:90]}"
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-select" if name == "parent" else "form-control"


class MyTasksFilterForm(forms.Form):
    ke_hoach = forms.TypedChoiceField(label="Kế hoạch", coerce=int, required=False)
    nhom = forms.TypedChoiceField(
        label="Nhóm nhiệm vụ", coerce=int, required=False, empty_value=None
    )
    trang_thai = forms.ChoiceField(label="Trạng thái", required=False)
    vai_tro = forms.ChoiceField(label="Vai trò", required=False)
    han_den = forms.CharField(label="Hạn đến ngày", required=False, help_text="dd/mm/yyyy")

    def __init__(self, *args, plans, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ke_hoach"].choices = [(p.pk, f"{p.year} — {p.title[:80]}") for p in plans]
        self.fields["nhom"].choices = [("", "Mọi nhóm")] + [
            (g.pk, f"{g.number} {g.title[:70]}") for g in groups
        ]
        self.fields["trang_thai"].choices = [("", "Mọi trạng thái"), *TaskStatus.choices]
        self.fields["vai_tro"].choices = [("", "Chủ trì và phối hợp"), *UnitRole.choices]
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-control" if field is self.fields["han_den"] else "form-select"
            )

    def clean_han_den(self):
        raw = self.cleaned_data["han_den"].strip()
        if not raw:
            return None
        try:
            return parse_date(raw)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def body_text(body: list[dict]) -> str:
    """The body as the edit form shows it: each section's heading line, then its paragraphs
    one a line, sections separated by a blank line."""
    return "\n\n".join(
        "\n".join([s.get("heading", ""), *s.get("paragraphs", [])]) for s in body or []
    )


def parse_body(text: str) -> list[dict]:
    sections = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = _lines(block)
        if lines:
            sections.append({"heading": lines[0], "paragraphs": lines[1:]})
    return sections


class PlanEditForm(forms.ModelForm):
    """The plan's own details. The lists (căn cứ, nội dung, nơi nhận) are edited as text: one
    paragraph a line; in the body, each section is a heading line then its paragraphs, sections
    separated by a blank line."""

    date = forms.DateField(
        label="Ngày ban hành",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y"),
        help_text="dd/mm/yyyy",
    )
    preamble_text = forms.CharField(
        label="Căn cứ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Mỗi căn cứ một dòng.",
    )
    body_text = forms.CharField(
        label="Nội dung kế hoạch",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Mỗi mục: dòng đầu là tiêu đề (ví dụ “I. MỤC ĐÍCH, YÊU CẦU”), các dòng sau là "
        "các đoạn; các mục cách nhau một dòng trống.",
    )
    recipients_text = forms.CharField(
        label="Nơi nhận",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Mỗi nơi nhận một dòng.",
    )

    class Meta:
        model = Plan
        fields = [
            "kind",
            "title",
            "number",
            "date",
            "place",
            "signer_authority",
            "signer_title",
            "signer_name",
        ]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance
        self.fields["preamble_text"].initial = "\n".join(plan.preamble or [])
        self.fields["body_text"].initial = body_text(plan.body)
        self.fields["recipients_text"].initial = "\n".join(plan.recipients or [])
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean(self):
        data = super().clean()
        # Set before the model validation (`_post_clean`), which checks the whole instance.
        self.instance.preamble = _lines(data.get("preamble_text", ""))
        self.instance.body = parse_body(data.get("body_text", ""))
        self.instance.recipients = _lines(data.get("recipients_text", ""))
        return data


class ConfirmDeleteForm(forms.Form):
    """Deleting a task: one that has progress reports asks to confirm that they go too."""

    with_reports = forms.BooleanField(required=False)

    def __init__(self, *args, reports: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.reports = reports
        self.fields[
            "with_reports"
        ].label = f"Xóa cả {reports} báo cáo tiến độ (và tệp đính kèm) của nhiệm vụ này"
        self.fields["with_reports"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        if self.reports and not data.get("with_reports"):
            raise forms.ValidationError(
                f"Nhiệm vụ có {self.reports} báo cáo tiến độ. Đánh dấu ô xác nhận xóa cả "
                "các báo cáo để xóa nhiệm vụ."
            )
        return data
