"""Forms for joining and leaving working groups (issue 20). The invitation itself posts
coordination.forms.InviteForm (one person, among the members not yet in the group)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class InviteSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, email address or organization"), max_length=120, required=False
    )


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("A word to the conveners (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class LeaveForm(forms.Form):
    """The last convener names who convenes after them; anyone else only confirms."""

    successor = forms.ModelChoiceField(
        label=_("Who convenes the group after you"), queryset=None, required=False
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is None:
            del self.fields["successor"]
        else:
            from django.contrib.auth import get_user_model

            self.fields["successor"].queryset = (
                get_user_model()
                .objects.filter(pk__in=candidates.values("user_id"))
                .select_related("profile")
                .order_by("first_name", "last_name", "pk")
            )
            self.fields["successor"].required = True
            self.fields["successor"].label_from_instance = lambda user: user.display_name
