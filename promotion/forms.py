from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SpeakerRequest


class SpeakerRequestForm(forms.ModelForm):
    # A field people never see (hidden by CSS and from assistive technology): bots fill it.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    class Meta:
        model = SpeakerRequest
        fields = [
            "organization",
            "contact_name",
            "email",
            "event",
            "event_date",
            "audience",
            "topic",
        ]
        widgets = {
            "event_date": forms.DateInput(attrs={"type": "date"}),
            "topic": forms.Textarea(attrs={"rows": 4}),
        }

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class NewsletterForm(forms.Form):
    email = forms.EmailField(label=_("Your email"))
    website = forms.CharField(required=False, label=_("Leave this empty"))


class SpeakerAnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("1", _("Accept")), ("0", _("Decline"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reply = forms.CharField(label=_("Reply by email"), widget=forms.Textarea(attrs={"rows": 4}))
