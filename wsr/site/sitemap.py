"""The sitemap lists the page tree of every language, each page with its translations as
hreflang alternates and the default language's as x-default (issue 17). The access rule is
Wagtail's: live pages free of view restrictions, and each page's `get_sitemap_urls` (pages
with an audience list themselves only when public)."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Locale, Page, Site

from .access import public

X_DEFAULT = "x-default"


class TranslatedSitemap(Sitemap):
    def get_wagtail_site(self):
        site = Site.find_for_request(self.request)
        if site is None:
            site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
        if site is None:
            raise Http404
        return site

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).values_list(
            "path", flat=True
        )
        in_a_tree = Q(pk__in=[])
        for path in roots:
            in_a_tree |= Q(path__startswith=path)
        return (
            Page.objects.filter(in_a_tree)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        entries = []  # (translation key, language, url info)
        last_mods = set()
        for item in self.paginator.page(page).object_list.iterator():
            for url_info in item.get_sitemap_urls(self.request):
                entries.append((item.translation_key, languages.get(item.locale_id), url_info))
                last_mods.add(url_info.get("lastmod"))
        versions = self._versions()
        urls = []
        for key, language, url_info in entries:
            alternates = versions.get(key, {})
            if language in alternates and len(alternates) > 1:
                url_info = {**url_info, "alternates": _alternates(alternates)}
            urls.append(url_info)
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _versions(self) -> dict:
        """translation key -> {language: address} of every page this sitemap lists (each
        page's own address, not its extra ones), whatever the sitemap page it is on."""
        if not hasattr(self, "_versions_cache"):
            languages = dict(Locale.objects.values_list("pk", "language_code"))
            versions = defaultdict(dict)
            for item in self.items().iterator():
                urls = item.get_sitemap_urls(self.request)
                if urls:
                    versions[item.translation_key][languages.get(item.locale_id)] = urls[0][
                        "location"
                    ]
            self._versions_cache = versions
        return self._versions_cache


def _alternates(by_language: dict[str, str]) -> list[dict]:
    alternates = [
        {"lang_code": code, "location": by_language[code]}
        for code, _name in settings.LANGUAGES
        if code in by_language
    ]
    if settings.LANGUAGE_CODE in by_language:
        alternates.append({"lang_code": X_DEFAULT, "location": by_language[settings.LANGUAGE_CODE]})
    return alternates


@public
def sitemap(request):
    """Every public page of both languages, with its translations (hreflang)."""
    return wagtail_sitemap_views.sitemap(request, {"pages": TranslatedSitemap})
