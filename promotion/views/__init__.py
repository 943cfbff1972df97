"""Views of promotion beside its Wagtail pages: authors, talks, the speaker request,
the newsletter, citations and downloads, and the staff's media tools."""

from .public import (  # noqa: F401
    author,
    citation,
    newsletter_confirm,
    newsletter_signup,
    newsletter_unsubscribe,
    publication_download,
    speaker_request,
    speaker_request_done,
    talks,
)
from .staff import (  # noqa: F401
    content_calendar,
    coverage_report,
    journalist_erase,
    journalist_export,
    speaker_request_answer,
    speaker_requests,
)
