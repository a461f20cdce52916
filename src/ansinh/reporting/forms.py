from django import forms

from ansinh.core.uploads import MultipleFileField, attachment_problems
from ansinh.reporting.models import Submission

_TEXT = {"class": "form-control", "rows": 4}


class SubmissionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    files = MultipleFileField(label="Tệp đính kèm", required=False)
    narrative = forms.CharField(
        label="Kết quả thực hiện chung", required=False, widget=forms.Textarea(attrs=_TEXT)
    )
    difficulties = forms.CharField(
        label="Khó khăn, vướng mắc", required=False, widget=forms.Textarea(attrs=_TEXT)
    )
    recommendations = forms.CharField(
        label="Kiến nghị, đề xuất", required=False, widget=forms.Textarea(attrs=_TEXT)
    )

    def __init__(self, *args, submission: Submission, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "version": submission.version,
                "narrative": submission.narrative,
                "difficulties": submission.difficulties,
                "recommendations": submission.recommendations,
                **{f"task_{s['task']}": s.get("text", "") for s in submission.sections},
            },
        )
        super().__init__(*args, **kwargs)
        self.attachment_count = submission.attachments.count() if submission.pk else 0
        self.figures = submission.figures
        self.sections = []
        for section in submission.sections:
            name = f"task_{section['task']}"
            self.fields[name] = forms.CharField(
                label=f"{section['number']}. {section['content'][:120]}",
                required=False,
                widget=forms.Textarea(attrs={**_TEXT, "rows": 3}),
            )
            self.sections.append((section, name))

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        problems = attachment_problems(files=files, already=self.attachment_count)
        if problems:
            raise forms.ValidationError(problems)
        return files

    def section_texts(self) -> dict[int, str]:
        return {s["task"]: self.cleaned_data.get(name, "") for s, name in self.sections}

    def bound_sections(self):
        return [(section, self[name]) for section, name in self.sections]


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Lý do",
        required=False,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )
