from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from ..blocks import is_safe_link
from ..chrome import chrome_cached
from ..languages import language_name
from ..models import Footer, NavigationMenu

register = template.Library()


def _for_active_locale(model):
    language = translation.get_language() or settings.LANGUAGE_CODE
    items = {item.locale.language_code: item for item in model.objects.select_related("locale")}
    return items.get(language) or items.get(settings.LANGUAGE_CODE)


def _link_url(link) -> str:
    page = link.get("page")
    if page is not None:
        localized = page.localized
        return localized.url if localized.live else page.url
    url = link.get("url") or ""
    return url if is_safe_link(url) else "#"


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context):
    def build():
        menu = _for_active_locale(NavigationMenu)
        return [
            {"label": block.value["label"], "url": _link_url(block.value)}
            for block in (menu.links if menu else [])
        ]

    request = context.get("request")
    current = request.path if request else ""
    links = [link | {"is_current": link["url"] == current} for link in chrome_cached("nav", build)]
    return {"links": links}


@register.inclusion_tag("components/footer.html", takes_context=True)
def site_footer(context):
    def build():
        footer = _for_active_locale(Footer)
        return {
            "text": expand_db_html(footer.text) if footer and footer.text else "",
            "links": [
                {"label": b.value["label"], "url": _link_url(b.value)}
                for b in (footer.links if footer else [])
            ],
        }

    cached = chrome_cached("footer", build)
    return {
        "text": mark_safe(cached["text"]),  # rich text, sanitized by Wagtail's editor
        "links": cached["links"],
        "request": context.get("request"),
    }


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Plain links to the switch view, which finds the page in the other language (or the
    nearest page that exists in it) and keeps the choice: no script, no form, and the same
    HTML for every reader of a page (the page cache keeps it)."""
    request = context.get("request")
    current = translation.get_language()
    next_url = request.get_full_path() if request is not None else "/"
    options = []
    for code, _name in settings.LANGUAGES:
        url = reverse("switch-language", args=[code]) + "?" + urlencode({"next": next_url})
        options.append(
            {
                "code": code,
                "name": language_name(code),
                "url": url,
                "is_current": code == current,
            }
        )
    return {"options": options}


def _locale_codes() -> dict[int, str]:
    from django.core.cache import cache
    from wagtail.models import Locale

    return cache.get_or_set(
        "site:locale-codes", lambda: dict(Locale.objects.values_list("pk", "language_code")), 300
    )


@register.simple_tag
def other_language(item):
    """The language of `item` (a page, or a language code) when it is not the reader's:
    {"code": "en", "name": "English"} for a label and a lang attribute, else None."""
    code = item if isinstance(item, str) else _locale_codes().get(getattr(item, "locale_id", None))
    if not code or code == (translation.get_language() or settings.LANGUAGE_CODE):
        return None
    return {"code": code, "name": language_name(code)}
