import secrets

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from . import tokens

# A form's one-time value is good for as long as the cache remembers it was used: an older
# form is refused (a reload then makes nothing instead of a second token).
NONCE_MAX_AGE = 60 * 60
_NONCE_SALT = "wsr.api.forms.TokenForm.nonce"


def new_nonce(user) -> str:
    """A random value for one rendering of the form, signed for `user`."""
    return signing.TimestampSigner(salt=_NONCE_SALT).sign(f"{user.pk}:{secrets.token_urlsafe(32)}")


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, so you know which to revoke later (“My notebook”)."),
    )
    # made when the form is rendered; a submission with it makes at most one token (views)
    nonce = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not self.is_bound:
            self.initial["nonce"] = new_nonce(user)

    def clean_nonce(self) -> str:
        """The form's one-time value if this site made it for this person lately, else ""
        (clean() then refuses the form)."""
        value = self.cleaned_data["nonce"]
        try:
            owner, _random = (
                signing.TimestampSigner(salt=_NONCE_SALT)
                .unsign(value, max_age=NONCE_MAX_AGE)
                .split(":", 1)
            )
        except (signing.BadSignature, ValueError):
            return ""
        return value if owner == str(self.user.pk) else ""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("nonce"):
            # on the whole form: a hidden field has no place to show its error
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "This form is too old or did not come from this page, so no token "
                        "was made. Load this page again and submit the new form."
                    ),
                    code="nonce",
                ),
            )
        return cleaned

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        if tokens.active_tokens_of(self.user).filter(name=name).exists():
            raise forms.ValidationError(
                _(
                    "You already have an active token named “%(name)s”. Choose another name "
                    "so you can tell them apart, or revoke that one first."
                ),
                code="duplicate",
                params={"name": name},
            )
        return name

    def renew_nonce(self) -> None:
        """Give the form shown again a fresh one-time value (its own was refused or used)."""
        self.data = self.data.copy()
        self.data[self.add_prefix("nonce")] = new_nonce(self.user)
