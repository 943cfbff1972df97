import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from wsr.api import data_urls
from wsr.api import endpoints as api_endpoints
from wsr.site import sitemap as site_sitemap
from wsr.site import views as site_views
from wsr.site.resolving import remembering
from wsr.views import healthz

WAGTAIL_PAGE_URLS = [
    pattern
    for pattern in wagtail_urls.urlpatterns
    if getattr(pattern, "name", None) != "wagtailcore_login"
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # the open-data API (issue 21): outside the language prefixes, one URL per record
    path("api/v1/", api_endpoints.urlpatterns()),
    # its daily bulk files, one address per file (the page listing them is in each language)
    path("data/", include(data_urls.files)),
    # One way in: the admin sites' sign-in pages send people to allauth's flow (throttling,
    # verified email, second factor); no other view accepts a password.
    path("cms/login/", site_views.admin_login, name="wagtailadmin_login_redirect"),
    path("django-admin/login/", site_views.admin_login, name="admin_login_redirect"),
    path("cms/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/switch/<str:language>/", site_views.switch_language, name="switch-language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("sitemap.xml", site_sitemap.sitemap),
]

if settings.BENCH_CEILING_VIEW:
    # bench/site_load.py: the fastest page this stack can serve, to measure pages against
    from django.http import HttpResponse

    from wsr.site.access import public

    urlpatterns.insert(0, path("bench-ceiling/", public(lambda request: HttpResponse("ok"))))

if settings.SERVE_PUBLIC_MEDIA:
    # Logos and images only: documents are served by Wagtail's view, which checks who may
    # see them, and must never be reachable under /media/ (site_views.public_media).
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            site_views.public_media,
        ),
    ]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("search/", site_views.search, name="search"),
    path("data/", include("wsr.api.data_urls")),
    # the API's guide and explorer (wsr.api.docs_urls) and the portal's personal tokens
    path("", include("wsr.api.urls")),
    path("", include("wsr.members.urls")),
    path("", include("repository.urls")),
    path("", include("assistance.urls")),
    path("", include("coordination.urls")),
    path("", include("promotion.urls")),
    path("", include("notifications.urls")),
    path("", include("wsr.companies.urls")),
    # Wagtail's sign-in for private pages would accept a password outside allauth.
    path("_util/login/", site_views.admin_login, name="wagtailcore_login"),
    path("", include(WAGTAIL_PAGE_URLS)),
    prefix_default_language=False,
)
# Each address is resolved once per language (wsr/site/resolving.py, issue 22).
urlpatterns = remembering(urlpatterns)

handler404 = "wsr.site.errors.page_not_found"
handler500 = "wsr.site.errors.server_error"
handler403 = "wsr.site.errors.permission_denied"
