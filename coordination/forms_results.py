"""Forms of the follow-through of decisions (issue 20): a result, and a progress update."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy

from .forms_meetings import in_calendar_years
from .models import Result


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ResultForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=8000,
        required=False,
        help_text=gettext_lazy("Markdown: **bold**, *italics*, lists, links."),
    )
    owner = OwnerField(
        label=gettext_lazy("Owner (a member of the group)"), queryset=None, required=False
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=Result.Status.choices)
    progress = forms.IntegerField(
        label=gettext_lazy("Progress (%)"), min_value=0, max_value=100, initial=0
    )
    due_date = forms.DateField(
        label=gettext_lazy("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[in_calendar_years],
    )
    adopted = forms.BooleanField(
        label=gettext_lazy("The proposal was adopted: this result carries out the decision."),
        help_text=gettext_lazy(
            "A rejected or withdrawn proposal has nothing to carry out: do not track a result."
        ),
    )

    def __init__(self, *args, group, confirm_adopted=False, **kwargs):
        kwargs.setdefault("label_suffix", "")  # no colon after a checkbox's label
        super().__init__(*args, **kwargs)
        if not confirm_adopted:  # asked once, when the result is created
            del self.fields["adopted"]
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(group_memberships__group=group, is_active=True)
            .select_related("profile")
            .order_by("first_name", "last_name", "pk")
        )


class ResultUpdateForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("What changed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=gettext_lazy("Markdown: **bold**, *italics*, lists, links."),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("Unchanged"))] + list(Result.Status.choices),
        required=False,
    )
    progress = forms.IntegerField(
        label=gettext_lazy("Progress (%)"), min_value=0, max_value=100, required=False
    )
