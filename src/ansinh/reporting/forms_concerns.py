import datetime as dt

from django import forms

from ansinh.reporting.enums import ConcernStatus, ConcernTopic
from ansinh.reporting.models import Concern

_TEXT = {"class": "form-control", "rows": 4}


class ConcernForm(forms.Form):
    committee = forms.ModelChoiceField(
        label="Gửi Ban Chỉ đạo",
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    topic = forms.ChoiceField(
        label="Lĩnh vực",
        choices=ConcernTopic.choices,
        initial=ConcernTopic.OTHER,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    title = forms.CharField(
        label="Tóm tắt",
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        error_messages={"required": "Tóm tắt: cần ghi một dòng nêu vấn đề."},
    )
    content = forms.CharField(
        label="Khó khăn, vướng mắc",
        widget=forms.Textarea(attrs=_TEXT),
        error_messages={"required": "Khó khăn, vướng mắc: cần ghi nội dung."},
    )
    recommendation = forms.CharField(
        label="Kiến nghị, đề xuất", required=False, widget=forms.Textarea(attrs=_TEXT)
    )

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        self.only_committee = committees[0] if len(committees) == 1 else None
        if self.only_committee:
            del self.fields["committee"]

    def chosen_committee(self):
        return self.only_committee or self.cleaned_data["committee"]


class AnswerForm(forms.Form):
    """The standing agency's answer. `seen` carries the version the officer read, so that two
    officers answering at once do not silently overwrite each other."""

    seen = forms.CharField(widget=forms.HiddenInput)
    topic = forms.ChoiceField(
        label="Lĩnh vực",
        choices=ConcernTopic.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    status = forms.ChoiceField(
        label="Trạng thái",
        choices=ConcernStatus.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    answer = forms.CharField(
        label="Trả lời của cơ quan thường trực",
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
    )

    @classmethod
    def for_concern(cls, concern: Concern) -> "AnswerForm":
        return cls(
            initial={
                "seen": concern.updated_at.isoformat(),
                "topic": concern.topic,
                "status": concern.status,
                "answer": concern.answer,
            }
        )

    def clean_seen(self) -> dt.datetime:
        try:
            return dt.datetime.fromisoformat(self.cleaned_data["seen"])
        except ValueError:
            raise forms.ValidationError(
                "Phiên bản kiến nghị không đọc được; hãy tải lại trang."
            ) from None
