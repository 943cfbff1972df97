"""Forms of the case page's desk (issue 19): corrections of an entry, links and merges."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import CaseLink


class EntryEditForm(forms.Form):
    body = forms.CharField(
        label=_("Corrected text"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )
    reason = forms.CharField(label=_("Why (optional)"), max_length=300, required=False)


class EntryRedactForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is redacted"),
        max_length=300,
        help_text=_("Shown in place of the text. The text and its file are deleted for good."),
    )


class CaseLinkForm(forms.Form):
    reference = forms.CharField(label=_("Other case's reference"), max_length=20)
    kind = forms.ChoiceField(label=_("This case is"), choices=CaseLink.Kind.choices)

    def clean_reference(self):
        return self.cleaned_data["reference"].strip().upper()


class CaseMergeForm(forms.Form):
    primary = forms.CharField(
        label=_("Merge this case into (reference)"),
        max_length=20,
        help_text=_(
            "This case is closed as merged; its shared messages and files are copied to the "
            "other case and its open tasks move there. Its requester is told."
        ),
    )

    def clean_primary(self):
        return self.cleaned_data["primary"].strip().upper()
