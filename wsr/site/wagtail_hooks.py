from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .models import Footer, NavigationMenu

register_snippet(NavigationMenu)
register_snippet(Footer)


@hooks.register("before_serve_page")
def mark_page_cacheable(page, request, serve_args, serve_kwargs):
    """A Wagtail page answered to an anonymous reader may be kept in the page cache; the
    middleware still refuses responses that set a cookie, used a CSRF token or show a
    message, and pages outside their audience answer 404, which is never kept."""
    request.wsr_cacheable = True


@hooks.register("before_serve_document")
def refuse_documents_nobody_may_see(document, request):
    """Documents fail closed (wsr/site/documents.py): an outsider gets the same 404 as for
    a document that does not exist."""
    from django.http import Http404

    from .documents import document_is_visible

    if not document_is_visible(document=document, user=request.user):
        raise Http404
