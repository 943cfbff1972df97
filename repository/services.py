"""Writes on the repository: indexing resources and extracting attachment text."""

import logging

from django.db import transaction
from wagtail.documents import get_document_model

from .indexing import resource_reindex
from .models import DocumentText, ResourcePage

logger = logging.getLogger(__name__)
MAX_TEXT = 200_000


def _pdf_text(file) -> str:
    from pypdf import PdfReader

    reader = PdfReader(file)
    parts, size = [], 0
    for page in reader.pages:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > MAX_TEXT:
            break
    return " ".join(parts)[:MAX_TEXT]


def document_extract_text(*, document_id: int) -> DocumentText | None:
    """Extract the text of a PDF or plain-text document and re-index the resources using it."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return None
    extension = document.file_extension.lower()
    text, error = "", ""
    try:
        with document.file.open("rb") as file:
            if extension == "pdf":
                text = _pdf_text(file)
            elif extension in ("txt", "csv"):
                text = file.read(MAX_TEXT).decode("utf-8", errors="replace")
    except Exception as exc:  # a broken upload must not stop the worker; keep why
        logger.warning("could not extract text of document %s: %s", document_id, exc)
        error = str(exc)[:300]
    record, _created = DocumentText.objects.update_or_create(
        document=document, defaults={"text": text, "error": error}
    )
    for resource in ResourcePage.objects.filter(attachments__document=document).distinct():
        resource_reindex(resource)
    return record


def document_schedule_extraction(*, document) -> None:
    """Extract the document's text after the upload commits, in the background."""
    from .tasks import extract_document_text

    transaction.on_commit(lambda: extract_document_text.delay(document.pk))


@transaction.atomic
def resource_save_toggle(*, resource: ResourcePage, user) -> bool:
    """Bookmark `resource` for `user`, or remove the bookmark. Returns whether it is saved."""
    from .models import SavedResource

    deleted, _rows = SavedResource.objects.filter(user=user, resource=resource).delete()
    if deleted:
        return False
    SavedResource.objects.create(user=user, resource=resource)
    return True
