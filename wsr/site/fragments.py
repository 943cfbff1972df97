"""Parts of a page that are the same for every reader of an audience, built once and reused
(issue 22): a list's rendered rows, a filter form's long option lists, a count.

A fragment's key carries everything that can change it:
- the audience (`audience_of(user)`: "public", "members" or "staff", the three levels every
  visibility rule here starts from, wsr/members/audience.py). Only content that depends on
  nothing else about the reader may be cached this way; what depends on the person (their
  organization, their groups, their own records) is never cached under an audience key;
- the language and the time zone (times are shown in the reader's zone), and the host (another
  Wagtail Site may answer the same address with other pages and links);
- the current token of every generation whose data the fragment shows (wsr/site/generations.py):
  a write to that data replaces the token, so the next reader builds the fragment anew;
- whatever else the caller names (`vary`: query parameters, a page id, a page number).

    rows = fragment("initiatives:rows", build, request=request,
                    generations=[RECORDS], vary=[request.GET.urlencode()])

In a template, with the key made by the view:
    {% load cache %}{% cache 3600 "initiatives:rows" rows_key %}...{% endcache %}
where `rows_key = fragment_key_parts(request, [RECORDS], vary=[...])`.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from wsr.members.audience import Audience
from wsr.members.roles import is_member, is_staff

TIMEOUT = 60 * 60


def audience_of(user) -> str:
    """The widest audience whose content `user` may see."""
    if is_staff(user):
        return Audience.STAFF.value
    if user is not None and is_member(user):
        return Audience.MEMBERS.value
    return Audience.PUBLIC.value


def fragment_key_parts(request, generations=(), vary=(), *, per_audience=True) -> str:
    """One string naming the fragment's variant: audience, language, zone, generations,
    and `vary`. `per_audience=False` for fragments that are the same for every reader."""
    parts = [
        audience_of(getattr(request, "user", None)) if per_audience else "all",
        translation.get_language() or settings.LANGUAGE_CODE,
        timezone.get_current_timezone_name(),
        _host(request),
        *(generation.current() for generation in generations),
        *(str(value) for value in vary),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _host(request) -> str:
    get_host = getattr(request, "get_host", None)
    return get_host() if get_host else ""


def fragment(
    name: str, build, *, request, generations=(), vary=(), per_audience=True, timeout=TIMEOUT
):
    """The cached value of `build()` for this reader's variant (built and stored on a miss).
    `build` must return something picklable (a string of HTML, a list of dicts, a number).
    A preview (Wagtail's `request.is_preview`) shows unsaved content: built, never kept nor
    read from the cache."""
    if getattr(request, "is_preview", False):
        return build()
    key = f"fragment:{name}:" + fragment_key_parts(
        request, generations, vary, per_audience=per_audience
    )
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value
