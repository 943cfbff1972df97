"""A member's attachment is checked by the site's one upload check (wsr/site/uploads.py,
issue 18): its content decides its type, as for case files; the name must agree, since the
file is served under it. The hand-written magic bytes took any zip named .docx."""

import io
import zipfile

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from repository.forms import AttachmentField
from wsr.site.pdf import make_pdf


def zipped(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zipped(
    {
        "[Content_Types].xml": "<Types/>",
        "_rels/.rels": "<Relationships/>",
        "word/document.xml": "<w:document/>",
    }
)


def clean(name: str, content: bytes):
    return AttachmentField().clean(SimpleUploadedFile(name, content))


def test_a_word_document_and_a_pdf_are_taken_with_their_type_found_in_the_content():
    assert clean("brief.docx", DOCX).detected_type.endswith("wordprocessingml.document")
    assert clean("brief.pdf", make_pdf(["Brief"])).detected_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("archive.docx", zipped({"tool.exe": b"MZ"})),  # any zip passed the magic bytes
        ("brief.docx", make_pdf(["Brief"])),  # a PDF under another name
        ("brief.pdf", DOCX),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 64),  # a case file may be; not this
    ],
)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(name, content):
    with pytest.raises(forms.ValidationError, match="Attach a PDF"):
        clean(name, content)
