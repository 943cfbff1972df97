from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Locale, Page

from .selectors import hidden_page_ids


def search(request):
    """Site-wide search over the live, public pages of the reader's language."""
    query = request.GET.get("q", "").strip()
    results = Page.objects.none()
    if query:
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .exclude(id__in=hidden_page_ids(request.user))
            .specific()
        )
        results = pages.search(query)
    page_obj = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(
        request,
        "site/search.html",
        {"query": query, "page_obj": page_obj, "query_string": urlencode({"q": query})},
    )
