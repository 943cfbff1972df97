"""Each person's secret calendar-feed token."""

from ..models import CalendarToken
from ..models.calendar import feed_token


def calendar_token_for(user) -> CalendarToken:
    token, _created = CalendarToken.objects.get_or_create(user=user)
    return token


def calendar_token_reset(user) -> CalendarToken:
    """A new secret: every URL with the old one stops working at once."""
    token = calendar_token_for(user)
    token.token = feed_token()
    token.save(update_fields=["token"])
    return token
