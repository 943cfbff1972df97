from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wsr.members.audience import Audience
from wsr.members.models import Sector
from wsr.site.countries import country_choices
from wsr.site.uploads import DOCUMENT_TYPES, check_upload

from .models import Principle, ResourceKind


class AttachmentField(forms.FileField):
    """A member's attachment: one of DOCUMENT_TYPES by its content and its name (it is served
    under its name), checked by the site's one upload check."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return upload
        return check_upload(
            upload,
            types=DOCUMENT_TYPES,
            max_bytes=settings.WSR_CONTRIBUTION_MAX_BYTES,
            too_large=_("The file is too large (at most %(size)s MB)."),
            not_allowed=_(
                "Attach a PDF, Word (.docx), OpenDocument (.odt), PowerPoint (.pptx) or "
                "Excel (.xlsx) file."
            ),
            name_must_match=True,
        )


class ContributionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences: what it is and who it helps."),
    )
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_("Paragraphs separated by a blank line. Staff will format it."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ResourceKind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    audience = forms.ChoiceField(
        label=_("Who may see it"),
        choices=[(Audience.PUBLIC, _("Everyone")), (Audience.MEMBERS, _("Members only"))],
        initial=Audience.PUBLIC,
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    principles = forms.ModelMultipleChoiceField(
        label=_("WSR principles"),
        queryset=Principle.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=country_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    attachment = AttachmentField(
        label=_("Attachment"),
        required=False,
        help_text=_("A PDF or office document, up to 10 MB."),
    )
