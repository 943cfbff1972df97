import posixpath
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from django.views.static import serve

from . import languages
from .access import public
from .search import page_results, records_for

# Folders under MEDIA_ROOT that only a checking view may serve.
PRIVATE_MEDIA_FOLDERS = ("documents",)


@public
def public_media(request, path):
    """Images and logos under MEDIA_URL (development: SERVE_PUBLIC_MEDIA). The path is
    normalized the way `serve` does before deciding: `//documents/`, `./documents/` or
    `x/../documents/` name the documents folder too, and documents are never served here."""
    normalized = posixpath.normpath(path).lstrip("/")
    if normalized.split("/", 1)[0] in PRIVATE_MEDIA_FOLDERS or normalized.startswith(".."):
        raise Http404
    return serve(request, normalized, document_root=settings.MEDIA_ROOT)


@public
def admin_login(request):
    """The sign-in pages of Wagtail's admin, its private pages and Django's admin send people
    to allauth's, whatever the method (a POST with a password is not read)."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return redirect_to_login(next_url or "/")


@public
@require_safe
def search(request):
    """Site-wide search over the live pages the reader may see, in both languages: the
    reader's first, the others labelled with their language."""
    query = request.GET.get("q", "").strip()[:200]
    number = request.GET.get("page", "")[:20]
    page_obj, results = page_results(request, query, number)
    # Efforts, updates, discussions, opportunities, companies (issue 20), beside the pages
    records = records_for(request, query) if query and number in ("", "1") else []
    return render(
        request,
        "site/search.html",
        {
            "query": query,
            "page_obj": page_obj,
            "results": results,
            "query_string": urlencode({"q": query}),
            "records": records,
            # The pages and the records shown, counted together; "more than" when a type
            # has more records than it shows (they are not counted).
            "total": page_obj.paginator.count + len(records),
            "records_more": any(record.get("more") for record in records),
        },
    )


@public
@require_safe
def switch_language(request, language):
    """The language switcher's links (plain links: no script, no form): the current page in
    `language`, or the nearest page that exists in it, with a notice; the choice is kept in
    the language cookie, so that the browser's Accept-Language no longer decides."""
    if language not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    destination = languages.translated_destination(request, next_url, language)
    if not destination.is_exact:
        with translation.override(language):
            messages.info(
                request,
                gettext(
                    "This page is not available in %(language)s; here is the nearest page that is."
                )
                % {"language": languages.language_name(language)},
            )
    response = redirect(destination.url)
    languages.set_language_cookie(response, language)
    return response
