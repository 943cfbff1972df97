"""Text extraction is bounded (issue 18): a small hostile PDF whose 300 pages all point at one
content stream inflating to 40 MB kept extraction busy for minutes on main; now the stream is
refused once, the other pages that use it are skipped, and the document is marked partly
indexed. The page limit, the time budget and the task's soft time limit keep what was read."""

import signal
import time
import zlib

import pytest
from celery.exceptions import SoftTimeLimitExceeded

from repository import services
from repository.models import DocumentText

from .factories import document

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def pdf(streams: list[bytes], pages: list[int]) -> bytes:
    """A PDF whose page i draws with the flate-compressed content stream streams[pages[i]]."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (4 + len(streams) + i) for i in range(len(pages)))
        + b"] /Count %d >>" % len(pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for content in streams:
        packed = zlib.compress(content, 9)
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
            + packed
            + b"\nendstream"
        )
    for stream in pages:
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (4 + stream)
        )
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def padded(size: int) -> bytes:
    """A content stream of `size` bytes with a text operator (so pypdf parses it) but no text:
    mostly blanks, which its parser walks one byte at a time."""
    chunk = b"BT ET" + b" " * 1000 + b"\n"
    return (chunk * (size // len(chunk) + 1))[:size]


def text(words: str) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % words.encode()


def extract(content: bytes) -> tuple[DocumentText, float]:
    upload = document(title="Report", content=content, name="report.pdf")
    started = time.monotonic()
    record = services.document_extract_text(document_id=upload.pk)
    return record, time.monotonic() - started


def test_a_small_pdf_of_300_pages_on_one_40_mb_stream_stops_within_two_seconds():
    hostile = pdf([text("Opening statement"), padded(40 * MB)], [0] + [1] * 299)
    assert len(hostile) < 150 * 1024  # 133 KB
    record, seconds = extract(hostile)
    assert seconds < 2, f"extraction took {seconds:.1f} s"
    assert "Opening statement" in record.text
    assert record.is_partial and record.pages_read == 1
    assert "pages skipped" in record.error


def test_only_the_first_pages_are_read(settings):
    settings.WSR_EXTRACT_MAX_PAGES = 2
    record, _seconds = extract(pdf([text(f"Page {n}") for n in range(1, 5)], [0, 1, 2, 3]))
    assert "Page 1" in record.text and "Page 2" in record.text and "Page 3" not in record.text
    assert record.is_partial and record.pages_read == 2
    assert "first 2 of 4 pages" in record.error


def test_a_whole_small_pdf_is_not_marked_partial():
    record, _seconds = extract(pdf([text("Grievance ledger")], [0, 0]))
    assert record.text.count("Grievance ledger") == 2
    assert not record.is_partial and record.pages_read == 2 and record.error == ""


def test_after_the_time_budget_the_text_so_far_is_kept(settings):
    settings.WSR_EXTRACT_SECONDS = 0.3
    slow = pdf([text("Kept words"), padded(4 * MB)], [0] + [1] * 60)
    record, seconds = extract(slow)
    assert seconds < 3
    assert "Kept words" in record.text
    assert record.is_partial and 1 <= record.pages_read < 61
    assert "time budget" in record.error


def test_the_task_soft_time_limit_keeps_the_text_so_far():
    """The worker's soft limit is SIGUSR1 raising SoftTimeLimitExceeded in the task (billiard);
    a timer does the same here, in the middle of the pages."""

    def soft_limit(signum, frame):
        raise SoftTimeLimitExceeded()

    slow = pdf([text("Kept words"), padded(4 * MB)], [0] + [1] * 200)
    upload = document(title="Report", content=slow, name="report.pdf")
    previous = signal.signal(signal.SIGALRM, soft_limit)
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, 0.4)
    try:
        record = services.document_extract_text(document_id=upload.pk)
        seconds = time.monotonic() - started
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert seconds < 3
    assert "Kept words" in record.text
    assert record.is_partial and "task time limit" in record.error
    assert DocumentText.objects.get(document=record.document).is_partial
