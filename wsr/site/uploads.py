"""Uploads of private files (case files, evidence, members' attachments): what a file may
be is decided by its content (magic numbers), never by its name."""

import filetype
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "heic": "image/heic",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "ogg": "audio/ogg",
    "mp4": "video/mp4",
}


# Members' contributions to the repository: documents the site can index and preview.
DOCUMENT_TYPES = ("pdf", "docx", "odt", "pptx", "xlsx")


def check_upload(
    upload,
    *,
    types=None,
    max_bytes: int | None = None,
    too_large=None,
    not_allowed=None,
    name_must_match: bool = False,
):
    """Refuse files over the size limit or whose content is not an allowed type; record the
    type found in the content on the upload.

    By default the rules of case files (ALLOWED_TYPES, ASSISTANCE_MAX_FILE_BYTES); a use with
    other rules passes `types` (extensions among ALLOWED_TYPES), `max_bytes` and its own
    messages (with %(name)s and %(size)s). `name_must_match` also refuses a file whose name
    says another type than its content, for files later served under their name."""
    max_bytes = settings.ASSISTANCE_MAX_FILE_BYTES if max_bytes is None else max_bytes
    allowed = ALLOWED_TYPES if types is None else {t: ALLOWED_TYPES[t] for t in types}
    values = {"name": upload.name, "size": max_bytes // (1024 * 1024)}
    if upload.size > max_bytes:
        raise forms.ValidationError((too_large or TOO_LARGE) % values)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    found = kind.extension if kind is not None else None
    named = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if found not in allowed or (name_must_match and SAME_TYPE.get(named, named) != found):
        raise forms.ValidationError((not_allowed or NOT_ALLOWED) % values)
    upload.detected_type = allowed[found]
    return upload


SAME_TYPE = {"jpeg": "jpg"}
TOO_LARGE = _("“%(name)s” is too large: at most %(size)s MB.")
NOT_ALLOWED = _(
    "“%(name)s” is not a file we can accept. Send a PDF, a photo (JPEG, PNG, WebP, "
    "HEIC), a Word, Excel, PowerPoint or OpenDocument file, or a voice or video "
    "recording (MP3, M4A, OGG, MP4)."
)
