from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wsr.members.audience import Audience
from wsr.members.models import Sector
from wsr.site.countries import country_choices

from .models import Principle, ResourceKind

# What an attachment must start with, by extension: the content decides, not the name.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
}


class AttachmentField(forms.FileField):
    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return upload
        if upload.size > settings.WSR_CONTRIBUTION_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (at most %(size)s MB).")
                % {"size": settings.WSR_CONTRIBUTION_MAX_BYTES // (1024 * 1024)}
            )
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        head = upload.read(8)
        upload.seek(0)
        if extension not in SIGNATURES or not head.startswith(SIGNATURES[extension]):
            raise forms.ValidationError(
                _(
                    "Attach a PDF, Word (.docx), OpenDocument (.odt), PowerPoint (.pptx) or "
                    "Excel (.xlsx) file."
                )
            )
        return upload


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
