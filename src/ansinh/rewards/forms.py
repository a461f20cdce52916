import datetime as dt

from django import forms
from django.db.models import Q
from django.forms.models import construct_instance

from ansinh.core.vnformat import parse_date
from ansinh.meetings.forms import add_service_errors, style
from ansinh.org.models import AdminUnit, Agency
from ansinh.rewards.enums import NomineeKind
from ansinh.rewards.models import Proposal

__all__ = ["ActionForm", "ProposalForm", "RoundForm", "add_service_errors"]


class RoundForm(forms.Form):
    year = forms.IntegerField(label="Năm được xét", min_value=2000, max_value=2100)
    title = forms.CharField(label="Tên đợt xét", max_length=300, required=False)
    closes_on = forms.CharField(label="Hạn nhận đề nghị", help_text="dd/mm/yyyy, ví dụ 15/01/2025.")

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            # The year names the round; a round of another year is opened, not edited into.
            self.fields["year"].disabled = True
        style(self)

    def clean_closes_on(self) -> dt.date:
        try:
            return parse_date(self.cleaned_data["closes_on"])
        except ValueError as exc:
            raise forms.ValidationError(f"Hạn nhận đề nghị: {exc}") from exc


class ProposalForm(forms.ModelForm):
    """One form for the three kinds of nominee; the service keeps only the fields of the kind
    chosen."""

    class Meta:
        model = Proposal
        fields = [
            "nominee_kind",
            "nominee_agency",
            "nominee_unit",
            "person_name",
            "person_title",
            "workplace",
            "level",
            "achievement",
            "justification",
        ]
        widgets = {
            "nominee_kind": forms.RadioSelect,
            "achievement": forms.Textarea(attrs={"rows": 4}),
            "justification": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "level": {
                "invalid_choice": "Hình thức đề nghị: không có trong đợt xét này.",
                "required": "Hình thức đề nghị: chọn một hình thức khen thưởng của đợt xét.",
            },
            "achievement": {"required": "Thành tích: nêu thành tích của đối tượng được đề nghị."},
        }

    def __init__(self, *args, review_round, **kwargs):
        super().__init__(*args, **kwargs)
        province = review_round.committee.province_id
        self.fields["level"].queryset = review_round.levels.all()
        self.fields["level"].empty_label = "— chọn —"
        self.fields["nominee_agency"].queryset = Agency.objects.filter(
            province_id=province, is_active=True
        ).order_by("name")
        # Each commune's label names its district: fetch the districts with them.
        self.fields["nominee_unit"].queryset = (
            AdminUnit.objects.filter(Q(parent_id=province) | Q(parent__parent_id=province))
            .select_related("parent")
            .order_by("parent_id", "code")
        )
        self.fields["nominee_unit"].label_from_instance = lambda u: (
            u.name if u.parent_id == province else f"{u.name} ({u.parent.name})"
        )
        self.fields["nominee_kind"].choices = NomineeKind.choices
        style(self)

    def clean(self):
        data = super().clean()
        kind = data.get("nominee_kind")
        if kind == NomineeKind.UNIT and not data.get("nominee_agency"):
            self.add_error("nominee_agency", "Cơ quan, đơn vị được đề nghị: chọn cơ quan, đơn vị.")
        if kind == NomineeKind.LOCALITY and not data.get("nominee_unit"):
            self.add_error("nominee_unit", "Địa phương được đề nghị: chọn địa phương.")
        if kind == NomineeKind.INDIVIDUAL and not (data.get("person_name") or "").strip():
            self.add_error(
                "person_name",
                "Họ và tên: đề nghị khen thưởng cá nhân phải có họ và tên người được đề nghị.",
            )
        return data

    def _post_clean(self):
        """Only copy the answers onto the proposal: the service validates it as a whole once
        the round, the proposer and who is nominated are known, so errors are not said twice."""
        self.instance = construct_instance(self, self.instance, self._meta.fields)


class ActionForm(forms.Form):
    note = forms.CharField(label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)
