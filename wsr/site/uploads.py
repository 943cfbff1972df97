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


def check_upload(upload):
    """Refuse files over the size limit or whose content is not an allowed type; record the
    type found in the content on the upload."""
    if upload.size > settings.ASSISTANCE_MAX_FILE_BYTES:
        raise forms.ValidationError(
            _("“%(name)s” is too large: at most %(size)s MB.")
            % {"name": upload.name, "size": settings.ASSISTANCE_MAX_FILE_BYTES // (1024 * 1024)}
        )
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in ALLOWED_TYPES:
        raise forms.ValidationError(
            _(
                "“%(name)s” is not a file we can accept. Send a PDF, a photo (JPEG, PNG, WebP, "
                "HEIC), a Word, Excel, PowerPoint or OpenDocument file, or a voice or video "
                "recording (MP3, M4A, OGG, MP4)."
            )
            % {"name": upload.name}
        )
    upload.detected_type = ALLOWED_TYPES[kind.extension]
    return upload
