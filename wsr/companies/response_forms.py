"""Forms of requests for response (issue 20)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CompanyResponse, ResponseRequest


class ResponseRequestForm(forms.ModelForm):
    deadline = forms.DateTimeField(
        label=_("Deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In your time zone. After it, the company page says it did not respond."),
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

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.now():
            raise forms.ValidationError(_("The deadline must be in the future."))
        return deadline


class CompanyResponseForm(forms.ModelForm):
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
