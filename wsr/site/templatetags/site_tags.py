import functools
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
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


def _navigation_links() -> list[dict]:
    def build():
        menu = _for_active_locale(NavigationMenu)
        return [
            {"label": block.value["label"], "url": _link_url(block.value)}
            for block in (menu.links if menu else [])
        ]

    return chrome_cached("nav", build)


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The menu, rendered once per language and current link (the one whose address is the
    page's, marked aria-current) until the chrome changes."""
    request = context.get("request")
    path = request.path if request else ""
    links = _navigation_links()
    current = path if any(link["url"] == path for link in links) else ""

    def build():
        marked = [link | {"is_current": link["url"] == current} for link in links]
        return render_to_string("components/main_navigation.html", {"links": marked})

    return mark_safe(chrome_cached(f"nav-html:{current}", build))  # rendered by our template


@register.simple_tag
def site_footer():
    """The footer, the same on every page of a language: rendered once until it changes."""

    def build():
        footer = _for_active_locale(Footer)
        return render_to_string(
            "components/footer.html",
            {
                # rich text, sanitized by Wagtail's editor
                "text": mark_safe(expand_db_html(footer.text)) if footer and footer.text else "",
                "links": [
                    {"label": b.value["label"], "url": _link_url(b.value)}
                    for b in (footer.links if footer else [])
                ],
            },
        )

    return mark_safe(chrome_cached("footer-html", build))  # rendered by our template


@register.simple_tag
@functools.lru_cache(maxsize=256)
def static_url(path: str) -> str:
    """{% static %}, looked up once per process: the manifest does not change while it runs."""
    return static(path)


@receiver(setting_changed)
def _forget_static_urls(*, setting, **kwargs):
    if setting in ("STORAGES", "STATIC_URL"):
        static_url.cache_clear()


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


class _Epoch:
    """Replaced when a setting that changes what the language's chrome renders changes."""

    value = 0


@receiver(setting_changed)
def _forget_rendered_chrome(*, setting, **kwargs):
    if setting in ("STORAGES", "STATIC_URL", "LANGUAGES", "ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _Epoch.value += 1


class SameForEveryReaderNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.rendered: dict = {}

    def render(self, context):
        key = (translation.get_language(), get_script_prefix(), _Epoch.value)
        html = self.rendered.get(key)
        if html is None:
            html = self.nodelist.render(context)
            self.rendered[key] = html
        return html


@register.tag
def same_for_every_reader(parser, token):
    """{% same_for_every_reader %}...{% end_same_for_every_reader %}: rendered once per
    language (and process, for as long as the template is loaded), then reused (issue 22).
    Only for markup that depends on the language alone: translations, URLs, static files,
    never the reader, the request, the page or the data."""
    nodelist = parser.parse(("end_same_for_every_reader",))
    parser.delete_first_token()
    return SameForEveryReaderNode(nodelist)
