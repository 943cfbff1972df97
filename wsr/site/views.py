from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import translation
from wagtail.models import Page


def search(request):
    """Site-wide search over the live, public pages of the reader's language."""
    query = request.GET.get("q", "").strip()
    results = Page.objects.none()
    if query:
        pages = (
            Page.objects.live().public()
            .filter(locale__language_code=translation.get_language())
            .specific()
        )
        results = pages.search(query)
    page_obj = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(request, "site/search.html", {"query": query, "page_obj": page_obj})
