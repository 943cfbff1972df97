"""A URLconf with one view that declares no access rule (tests/site/test_url_access.py)."""

from django.http import HttpResponse
from django.urls import path

from wsr import urls as wsr_urls
from wsr.site.access import public


def undeclared(request):
    return HttpResponse("open")


@public
def declared(request):
    return HttpResponse("open")


urlpatterns = [
    path("undeclared/", undeclared),
    path("declared/", declared),
    *wsr_urls.urlpatterns,  # the 403 page links to the portal
]
handler403 = "wsr.site.errors.permission_denied"
