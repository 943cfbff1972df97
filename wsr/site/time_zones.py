"""Every time is shown in the reader's own zone (issue 17): the names people may choose,
and the middleware that activates the signed-in person's zone (or an anonymous visitor's
cookie) for the request."""

import zoneinfo
from functools import cache

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COOKIE_NAME = "wsr_time_zone"
# In the system's zone database but not zones a person lives in.
_NOT_PLACES = {"Factory", "localtime", "posixrules", "posix", "right"}
# The regions of the IANA names; the rest (US/Eastern, EST5EDT, Etc/GMT+5...) are old
# aliases, still accepted when a browser or an old profile carries one.
REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)


@cache
def _by_folded_name() -> dict[str, str]:
    return {
        name.casefold(): name
        for name in zoneinfo.available_timezones()
        if name.split("/")[0] not in _NOT_PLACES
    }


def canonical_zone(name) -> str | None:
    """The zone database's spelling of `name` (matched without regard to case), or None."""
    if not isinstance(name, str):
        return None
    return _by_folded_name().get(name.strip().casefold())


@cache
def zone_choices() -> list:
    """UTC first, then the zones grouped by region (for a select with option groups)."""
    groups: dict[str, list] = {}
    others = []
    for name in sorted(_by_folded_name().values()):
        region, _slash, place = name.partition("/")
        if region in REGIONS and place:
            groups.setdefault(region, []).append((name, place.replace("_", " ")))
        elif name != "UTC":
            others.append((name, name))  # an old alias a profile may hold stays selected
    return [
        ("UTC", "UTC"),
        *((region, groups[region]) for region in REGIONS if region in groups),
        (_("Other names"), others),
    ]


def _cache_key(user_id) -> str:
    return f"members:time-zone:{user_id}"


def user_zone_name(user) -> str:
    """The signed-in person's zone, from the cache (no query on most requests)."""
    key = _cache_key(user.pk)
    name = shared_cache.get(key)
    if name is None:
        from wsr.members.models import Profile

        stored = Profile.objects.filter(user_id=user.pk).values_list("time_zone", flat=True)
        name = canonical_zone(next(iter(stored), None)) or settings.TIME_ZONE
        shared_cache.set(key, name, timeout=24 * 60 * 60)
    return name


def forget_user_zone(user_id) -> None:
    """Called when a profile is saved: the next request reads the new zone."""
    shared_cache.delete(_cache_key(user_id))


def request_zone_name(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user_zone_name(user)
    return canonical_zone(request.COOKIES.get(COOKIE_NAME)) or settings.TIME_ZONE


class TimeZoneMiddleware:
    """After authentication: the person's zone (profile), else the visitor's choice (the
    cookie timezone.js sets from the browser), else the site's default, for the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timezone.activate(zoneinfo.ZoneInfo(request_zone_name(request)))
        try:
            return self.get_response(request)
        finally:
            # The test client and some servers reuse the thread for the next request.
            timezone.deactivate()


def _profile_saved(sender, instance, raw=False, **kwargs):
    forget_user_zone(instance.user_id)


def connect_signals() -> None:
    from django.db.models.signals import post_save

    post_save.connect(_profile_saved, sender="members.Profile", dispatch_uid="time-zone-cache")


def validate_time_zone(value) -> None:
    """Model and form validator: a name from the zone database, spelt as it spells it."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if canonical_zone(value) != value:
        raise ValidationError(
            _("Choose a time zone from the list, such as America/New_York or Europe/Madrid."),
            code="invalid_time_zone",
        )
