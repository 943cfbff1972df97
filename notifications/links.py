"""Links in emails, in the reader's language (issue 17). Apps store the links of an email
when something happens, in the language of whoever caused it (an English-speaking staff
member answering a Spanish-speaking requester); the email is written later, in the reader's
language, and its links must open the pages in that language too."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation

# Keys of an email's context that hold a link: `case_url`, `url`, ...
URL_KEYS_SUFFIX = "url"


def _site_origin() -> str:
    return settings.SITE_URL.rstrip("/")


def _page_in_language(path_in_tree: str, source: str, language: str) -> str | None:
    """The URL of the translation in `language` of the Wagtail page at `path_in_tree`
    (relative to the home page of `source`), or None when there is none live."""
    from wagtail.models import Locale, Page, Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    if source not in locales or language not in locales:
        return None
    root = site.root_page.get_translation_or_none(locales[source]) or site.root_page
    page = Page.objects.filter(url_path=f"{root.url_path}{path_in_tree}").first()
    if page is None:
        return None
    translated = page.get_translation_or_none(locales[language])
    if translated is None or not translated.live:
        return None
    return translated.get_url()


def url_in_language(url: str, language: str) -> str:
    """`url` (a path, or an absolute URL on this site) as it is in `language`: a view's URL
    with that language's prefix, a Wagtail page's translation. A URL elsewhere, one that
    does not resolve, or a page without a translation is returned unchanged."""
    if not url or not isinstance(url, str):
        return url
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    if (origin and origin != _site_origin()) or not parts.path.startswith("/"):
        return url
    source = translation.get_language_from_path(parts.path) or settings.LANGUAGE_CODE
    if source == language:
        return url
    with translation.override(source):
        try:
            match = resolve(parts.path)
        except Resolver404:
            return url
    if match.url_name == "wagtail_serve":
        path = _page_in_language(match.args[0] if match.args else "", source, language)
        if path is None:
            return url
        if path.startswith(("http://", "https://")):
            return path
    else:
        name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
        with translation.override(language):
            try:
                path = reverse(name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return url
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, parts.fragment))


def context_in_language(context: dict, language: str) -> dict:
    """An email's context with every link (`*url` keys) in `language`."""
    return {
        key: url_in_language(value, language)
        if key.endswith(URL_KEYS_SUFFIX) and isinstance(value, str)
        else value
        for key, value in context.items()
    }
