"""Staff decide about a held email (issue 19)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Case


class ReleaseForm(forms.Form):
    AS_REPLY = "reply"
    AS_NOTE = "note"

    reference = forms.CharField(label=_("Case reference"), max_length=20)
    add_as = forms.ChoiceField(
        label=_("Add it as"),
        choices=[
            (AS_REPLY, _("a reply from the requester's side (shared, the case's team is told)")),
            (AS_NOTE, _("an internal note")),
        ],
        initial=AS_REPLY,
        widget=forms.RadioSelect,
    )

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        case = Case.objects.filter(reference__iexact=reference).first()
        if case is None:
            raise forms.ValidationError(_("No case has this reference."))
        self.case = case
        return case.reference
