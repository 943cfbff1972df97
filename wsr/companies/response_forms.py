"""Forms of requests for response (issue 20)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import CompanyResponse, ResponseRequest
from .response_services import deadline_check


class ResponseRequestForm(forms.ModelForm):
    deadline = forms.DateTimeField(
        label=_("Deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = ResponseRequest
        fields = [
            "subject",
            "title",
            "text",
            "source_title",
            "source_url",
            "contact_name",
            "contact_email",
            "deadline",
            "is_published",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].required = True
        self.fields["contact_email"].required = True
        self.fields["deadline"].help_text = ngettext(
            "In your time zone (%(zone)s), at most a year ahead. After it, the company page "
            "says it did not respond; the link still accepts a response for %(days)s more "
            "day.",
            "In your time zone (%(zone)s), at most a year ahead. After it, the company page "
            "says it did not respond; the link still accepts a response for %(days)s more "
            "days.",
            settings.WSR_COMPANY_RESPONSE_GRACE_DAYS,
        ) % {
            "zone": timezone.get_current_timezone_name(),
            "days": settings.WSR_COMPANY_RESPONSE_GRACE_DAYS,
        }

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        try:
            deadline_check(deadline)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return deadline


class CompanyResponseForm(forms.ModelForm):
    def __init__(self, *args, is_published=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_published:
            self.fields["text"].help_text = _(
                "Not published: read by the Collaborative's staff. Markdown: **bold**, "
                "*italics*, lists, links."
            )

    class Meta:
        model = CompanyResponse
        fields = ["responder_name", "responder_role", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "text": _(
                "Published on the company's page as you write it. Markdown: **bold**, "
                "*italics*, lists, links."
            )
        }


class TakeDownForm(forms.Form):
    reason = forms.CharField(label=_("Why it is taken down (shown publicly)"), max_length=500)
