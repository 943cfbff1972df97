"""Text of an uploaded PDF within bounds (issue 18): a member's file must not hold a worker.

A small file can describe a lot of work: 300 pages that all point at one content stream
which inflates to 40 MB kept pypdf busy for minutes. So only the first pages are read, the
text stops at a size, a content stream that inflates beyond a size is refused (and every
other page that uses it skipped without trying again), and after a time budget, or when the
task's soft time limit strikes, the text read so far is kept and marked partial.
"""

import time
from dataclasses import dataclass

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

# Operators and operands pypdf may parse in one content stream: a dense page of real text
# has tens of thousands; the default (two million) lets one page take seconds.
MAX_STREAM_TOKENS = 500_000


@dataclass
class Extracted:
    text: str
    pages_read: int
    # Why not every page was read ("" when every page was): for staff, in English.
    stopped: str = ""


def _contents_key(page) -> tuple:
    """The content streams a page draws with, as the reader's cached objects."""
    contents = page.get("/Contents")
    if contents is None:
        return ()
    items = contents if isinstance(contents, list) else [contents]
    return tuple(id(item.get_object()) for item in items)


def pdf_text(file) -> Extracted:
    """The text of the first pages of the PDF in `file`, within the WSR_EXTRACT_* limits."""
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError

    max_pages, max_chars = settings.WSR_EXTRACT_MAX_PAGES, settings.WSR_EXTRACT_MAX_CHARS
    max_bytes, seconds = settings.WSR_EXTRACT_MAX_STREAM_BYTES, settings.WSR_EXTRACT_SECONDS
    deadline = time.monotonic() + seconds
    limits = {
        "maximum_declared_stream_length": max_bytes,
        "zlib_maximum_output_length": max_bytes,
        "lzw_maximum_output_length": max_bytes,
        "run_length_maximum_output_length": max_bytes,
        "brotli_maximum_output_length": max_bytes,
        "array_based_stream_maximum_output_length": max_bytes,
        "stream_decoding_work_maximum_length": 4 * max_bytes,
        "stream_parsing_work_maximum_count": MAX_STREAM_TOKENS,
    }
    parts, size, read, skipped, stopped = [], 0, 0, 0, ""
    refused: set = set()
    try:
        with apply_configuration(**limits):
            reader = PdfReader(file)
            total = len(reader.pages)
            for number, page in enumerate(reader.pages):
                if number >= max_pages:
                    stopped = f"read the first {max_pages} of {total} pages"
                    break
                if time.monotonic() > deadline:
                    stopped = f"time budget ({seconds} s) spent after {number} pages"
                    break
                key = _contents_key(page)
                if refused.intersection(key):
                    skipped += 1
                    continue
                try:
                    text = page.extract_text() or ""
                except LimitReachedError:
                    refused.update(key)
                    skipped += 1
                    continue
                read += 1
                parts.append(text)
                size += len(text)
                if size >= max_chars:
                    if number + 1 < total:
                        stopped = f"text limit ({max_chars} characters) met at page {number + 1}"
                    break
    except SoftTimeLimitExceeded:
        stopped = f"task time limit reached after {read + skipped} pages"
    if skipped:
        note = f"{skipped} pages skipped (content over the size or work limits)"
        stopped = f"{stopped}; {note}" if stopped else note
    return Extracted(text=" ".join(parts)[:max_chars], pages_read=read, stopped=stopped)
