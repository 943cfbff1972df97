"""The choice of two framework versions to compare (a GET form: the comparison is a link)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class VersionField(forms.TypedChoiceField):
    def validate(self, value):
        try:
            super().validate(value)
        except forms.ValidationError as error:
            if error.code != "invalid_choice":
                raise
            # Said back to the reader, so kept short (the address may hold anything).
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": str(value)[:12]},
            ) from None


class VersionCompareForm(forms.Form):
    """`from` and `to` among `versions` (those the reader may see). The numbers are checked
    against that list in memory: no value typed in the address reaches the database."""

    def __init__(self, data=None, *, versions, initial=None):
        super().__init__(data, initial=initial)
        self.versions = {v.number: v for v in versions}
        choices = [(str(v.number), self._label(v)) for v in versions]
        messages = {"invalid_choice": _("There is no version %(value)s to compare.")}
        self.fields["from"] = VersionField(
            label=_("From version"), choices=choices, coerce=int, error_messages=messages
        )
        self.fields["to"] = VersionField(
            label=_("To version"), choices=choices, coerce=int, error_messages=messages
        )

    @staticmethod
    def _label(version) -> str:
        if version.is_published:
            return _("Version %(number)s") % {"number": version.number}
        return _("Version %(number)s (draft, not published)") % {"number": version.number}

    def clean(self):
        cleaned = super().clean()
        old, new = cleaned.get("from"), cleaned.get("to")
        if old is not None and new is not None and old == new:
            raise forms.ValidationError(_("Choose two different versions."))
        return cleaned

    def chosen(self):
        """(older, newer) versions once the form is valid."""
        return self.versions[self.cleaned_data["from"]], self.versions[self.cleaned_data["to"]]
