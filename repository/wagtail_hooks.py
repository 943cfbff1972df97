from django.http import Http404
from wagtail import hooks

from .selectors import document_is_visible


@hooks.register("before_serve_document")
def protect_resource_documents(document, request):
    # Attachments of members-only and staff resources are as private as their pages: an
    # outsider gets the same 404 as for a document that does not exist.
    if not document_is_visible(document=document, user=request.user):
        raise Http404
