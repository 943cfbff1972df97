from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale

from ..blocks import is_safe_link
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
    menu = _for_active_locale(NavigationMenu)
    request = context.get("request")
    current = request.path if request else ""
    links = []
    for block in menu.links if menu else []:
        url = _link_url(block.value)
        links.append({"label": block.value["label"], "url": url, "is_current": url == current})
    return {"links": links}


@register.inclusion_tag("components/footer.html", takes_context=True)
def site_footer(context):
    footer = _for_active_locale(Footer)
    links = [
        {"label": b.value["label"], "url": _link_url(b.value)}
        for b in (footer.links if footer else [])
    ]
    return {"footer": footer, "links": links, "request": context.get("request")}


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    options = []
    for code, name in settings.LANGUAGES:
        url = None
        if page is not None and hasattr(page, "get_translation_or_none"):
            locale = Locale.objects.filter(language_code=code).first()
            translated = page.get_translation_or_none(locale) if locale else None
            if translated is not None and translated.live:
                url = translated.url
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
        with translation.override(code):
            local_name = translation.gettext(name)
        options.append(
            {"code": code, "name": local_name, "url": url, "is_current": code == current}
        )
    return {"options": options}
