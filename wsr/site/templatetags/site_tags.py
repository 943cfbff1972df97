from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from ..blocks import is_safe_link
from ..chrome import chrome_cached
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
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations = {}
    if page is not None and hasattr(page, "get_translations"):
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
    options = []
    for code, name in settings.LANGUAGES:
        url = None
        if code in translations:
            url = translations[code].url
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
        with translation.override(code):
            local_name = translation.gettext(name)
        options.append(
            {"code": code, "name": local_name, "url": url, "is_current": code == current}
        )
    return {"options": options}
