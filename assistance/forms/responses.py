"""The initiative's response on one criterion: text (published with the scorecard) and a
file (checked by the project's one upload check, kept private)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .cases import CaseFileField


class CriterionResponseForm(forms.Form):
    text = forms.CharField(
        label=_("Your response on this criterion (published with the scorecard)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=6000,
        required=False,
    )
    file = CaseFileField(
        label=_("Attach a file (seen by the assessors and staff, never published)"),
        required=False,
    )
