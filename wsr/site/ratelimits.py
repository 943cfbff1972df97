"""Rate limits of the public forms (issue 16): only accepted submissions count, per address
and per email, so a refused form (a typo, a missing field) never locks out a shared office;
the person limited is told how to reach staff another way.

The rates live in ACCOUNT_RATE_LIMITS (allauth's store and clock) as "N/h/ip,M/h/key",
the key being the email typed in the form."""

from allauth.core import ratelimit
from django.conf import settings
from django.utils.translation import gettext as _


def _key(email: str) -> str:
    return (email or "").strip().lower()


def is_within_limit(request, *, action: str, email: str) -> bool:
    """Whether one more accepted submission of `action` for `email` is allowed (counts
    nothing)."""
    return ratelimit.consume(request, action=action, key=_key(email), dry_run=True)


def count_accepted(request, *, action: str, email: str) -> None:
    """Count one accepted submission of `action`, after it was saved."""
    ratelimit.consume(request, action=action, key=_key(email))


def contact_email() -> str:
    """Where a limited person can write to staff: WSR_CONTACT_EMAIL, else the address
    emails come from."""
    return getattr(settings, "WSR_CONTACT_EMAIL", "") or settings.DEFAULT_FROM_EMAIL


def limited_message() -> str:
    return _(
        "Too many requests were sent from here or for this email address in the last hour. "
        "Please try again later, or write to the staff at %(email)s."
    ) % {"email": contact_email()}
