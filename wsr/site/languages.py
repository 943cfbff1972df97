"""Where a reader goes in another language (issue 17): a Wagtail page to its translation or,
when it has none, to its nearest translated ancestor; a Django view under i18n_patterns to
the same view with the other prefix. The language switcher and the first-visit redirect
(Accept-Language) both ask here."""

import functools
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import Http404, HttpResponseRedirect
from django.urls import Resolver404, get_urlconf, resolve, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from wagtail.models import Locale, Page, Site

WAGTAIL_SERVE = "wagtail_serve"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60


@dataclass(frozen=True)
class Destination:
    url: str
    is_exact: bool  # False: the nearest translated page stands in for a missing translation


def language_name(code: str) -> str:
    """The language's name in that language ("Español"), as the switcher shows it."""
    name = translation.get_language_info(code)["name_local"]
    return name[:1].upper() + name[1:]


def _routed_page(request, path: str) -> tuple[bool, Page | None]:
    """Whether Wagtail serves `path` (in the language its prefix names), and the page."""
    try:
        match = resolve(path)
    except Resolver404:
        return False, None
    if match.url_name != WAGTAIL_SERVE:
        return False, None
    site = Site.find_for_request(request)
    if site is None:
        return True, None
    components = [part for part in (match.args[0] if match.args else "").split("/") if part]
    try:
        return True, site.root_page.localized.specific.route(request, components).page
    except Http404:
        return True, None


def _is_visible(page: Page, user) -> bool:
    model = page.specific_class
    manager = getattr(model, "objects", None)
    if manager is not None and hasattr(manager, "visible_to"):
        return manager.visible_to(user).filter(pk=page.pk).exists()
    return True


def _page_destination(request, page: Page, language: str) -> Destination | None:
    """The page's live translation in `language`, else its nearest live translated ancestor."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return None
    if page.locale_id == locale.pk:
        return Destination(page.get_url(request), True)
    lineage = [page, *reversed(page.get_ancestors().filter(depth__gt=1))]
    translated = {
        candidate.translation_key: candidate
        for candidate in Page.objects.live()
        .public()
        .filter(locale=locale, translation_key__in=[p.translation_key for p in lineage])
    }
    for position, original in enumerate(lineage):
        candidate = translated.get(original.translation_key)
        if candidate is not None and _is_visible(candidate, getattr(request, "user", None)):
            url = candidate.get_url(request)
            if url:
                return Destination(url, position == 0)
    return None


def translated_destination(request, next_url: str, language: str) -> Destination:
    """Where `next_url` (a path on this site) is in `language`."""
    parts = urlsplit(next_url)
    path = parts.path or "/"
    current = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(current):
        is_page, page = _routed_page(request, path)
        if page is not None and not _is_visible(page, getattr(request, "user", None)):
            page = None  # a page the reader may not see is, to them, a page that does not exist
        if page is not None:
            with translation.override(language):
                destination = _page_destination(request, page, language)
            if destination is not None:
                if destination.is_exact and parts.query:
                    # the same listing in the other language: its filters, search and page
                    return Destination(f"{destination.url}?{parts.query}", True)
                return destination
        elif not is_page and (
            (translated := translate_url(next_url, language)) != next_url or current == language
        ):
            return Destination(translated, True)
    with translation.override(language):
        home = Site.find_for_request(request)
        url = home.root_page.localized.get_url(request) if home is not None else None
    return Destination(url or "/", False)


def set_language_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE or COOKIE_MAX_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _browser_language(request) -> str | None:
    """The supported language the browser prefers, from Accept-Language only."""
    accept = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in translation.trans_real.parse_accept_lang_header(accept):
        if code == "*":
            return None
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


class BrowserLanguageMiddleware:
    """A first visit to an unprefixed (English) page from a browser that prefers another
    language goes to that language's version of the page, once: the redirect sets the
    language cookie, and a choice made through the switcher (the same cookie) wins afterwards.

    Placed after LocaleMiddleware and before the anonymous page cache, so that the cache
    never answers such a visit and never keeps the redirect. Unprefixed responses vary on
    Accept-Language (LocaleMiddleware) and on Cookie (here)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        negotiable = _is_negotiable(request)
        if negotiable:
            redirect = self._redirect(request)
            if redirect is not None:
                return redirect
        response = self.get_response(request)
        if negotiable:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    def _redirect(self, request):
        if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return None
        if "text/html" not in request.META.get("HTTP_ACCEPT", ""):
            return None  # feeds, calendars and API clients keep the address they asked for
        if _is_from_this_site(request):
            return None  # a link followed on this site ("Also in: English") is a choice
        language = _browser_language(request)
        if not language or language == settings.LANGUAGE_CODE:
            return None
        destination = translated_destination(request, request.get_full_path(), language)
        if not destination.is_exact:
            return None  # no translation of this page: the reader asked for it, keep it
        response = HttpResponseRedirect(destination.url)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        set_language_cookie(response, language)
        return response


def _is_from_this_site(request) -> bool:
    """Whether the browser followed a link on this site (same-origin Referer: Django's
    default Referrer-Policy, same-origin, sends it only to ourselves)."""
    referer = request.META.get("HTTP_REFERER", "")
    return bool(referer) and urlsplit(referer).netloc == request.get_host()


def _is_negotiable(request) -> bool:
    """A read of an unprefixed address that has a version in another language (a view under
    i18n_patterns): what it answers depends on Accept-Language and the language cookie."""
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path_info
    if translation.get_language_from_path(path):
        return False
    return _has_other_language_version(get_urlconf() or settings.ROOT_URLCONF, path)


@functools.lru_cache(maxsize=4096)
def _has_other_language_version(urlconf: str, path: str) -> bool:
    """A function of the URLconf and the path alone, remembered: resolving and reversing an
    address again on every request cost as much as Django's own resolving (issue 22)."""
    other = next(code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(path, other) != path


@receiver(setting_changed)
def _forget_other_language_versions(*, setting, **kwargs):
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"):
        _has_other_language_version.cache_clear()
