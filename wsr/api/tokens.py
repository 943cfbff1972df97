"""Personal API tokens are Wagtail's own `APIToken` (wagtail.models): shown once, stored as
an HMAC-SHA-256 digest keyed by SECRET_KEY (rotations through SECRET_KEY_FALLBACKS),
a CRC32 checksum that refuses mistyped tokens without a query, revocable, with
`last_used_at`. Staff also see them in Wagtail's admin; members manage theirs in the portal
(wsr.api.views)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import APIToken

MAX_ACTIVE_PER_PERSON = 10
# last_used_at is written at most this often per token, not on every request
USE_RESOLUTION = timedelta(minutes=15)


class TooManyTokens(Exception):
    pass


def active_tokens_of(user):
    return APIToken.objects.filter(user=user, revoked_at__isnull=True)


@transaction.atomic
def token_create(*, user, name: str) -> tuple[APIToken, str]:
    """A new token for `user`: the row, and the secret to show once."""
    # (one person's rows locked: two parallel creations cannot pass the cap together)
    if len(list(active_tokens_of(user).select_for_update())) >= MAX_ACTIVE_PER_PERSON:
        raise TooManyTokens
    return APIToken.create_token(user=user, name=name.strip()[:255])


def token_revoke(*, token: APIToken) -> None:
    if token.revoked_at is None:
        token.revoke()


def token_for(raw: str) -> APIToken | None:
    """The active token with this secret whose person is active, or None."""
    if not APIToken.validate_token_format(raw):
        return None
    token = (
        APIToken.objects.select_related("user")
        .filter(key_hash__in=APIToken.candidate_key_hashes(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > USE_RESOLUTION:
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
