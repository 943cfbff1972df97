"""The printable scorecard report: what it holds, and its PDF made by WeasyPrint.

The PDF is the report page's own template, rendered on a bare document (no site chrome, no
signed-in person's links) so that its HTML is the same for every reader of one language and
time zone; the PDF is kept in the cache under a digest of that HTML, so any change to what the
report says (a reply, a translation, a corrected title) is a new entry and nothing stale is
ever served. WeasyPrint fetches nothing from the network and nothing from media: its fetcher
serves the project's own static files from disk and refuses everything else."""

import hashlib
import logging
import posixpath
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse

from .models import Assessment, CriterionResponse

logger = logging.getLogger(__name__)

PDF_CACHE_SECONDS = 24 * 60 * 60
# What a stylesheet may pull in: styles, fonts and pictures. Never scripts or documents.
STATIC_TYPES = {
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}


# What the report holds -----------------------------------------------------------------------


@dataclass
class ReportRow:
    number: int
    key: str
    name: str
    description: str
    score: int | None
    min_to_meet: int
    min_to_partly_meet: int | None
    rationale: str
    recommendation: str = ""
    response: str = ""
    evidence: list = field(default_factory=list)

    @property
    def reaches_meet(self) -> bool:
        return self.score is not None and self.score >= self.min_to_meet


def _responses_by_criterion(assessment: Assessment) -> dict:
    """The initiative's published response text on each criterion: `scorecard_for` loads
    them; otherwise one query."""
    responses = getattr(assessment, "published_responses", None)
    if responses is None:
        prefetch_related_objects(
            [assessment],
            Prefetch(
                "criterion_responses",
                queryset=CriterionResponse.objects.all(),
                to_attr="published_responses",
            ),
        )
        responses = assessment.published_responses
    return {r.criterion_id: r.text for r in responses if r.text}


def report_rows(assessment: Assessment) -> list[ReportRow]:
    """One row per criterion of a published assessment (from `scorecard_for`, so its scores
    and public evidence are loaded): score, the rule's thresholds, rationale, recommendation,
    the initiative's response, and public evidence only."""
    evidence: dict = {}
    for item in assessment.public_evidence:
        evidence.setdefault(item.criterion_id, []).append(item)
    responses = _responses_by_criterion(assessment)
    return [
        ReportRow(
            number=number,
            key=s.criterion.key,
            name=s.criterion.display_name,
            description=s.criterion.display_description,
            score=s.score,
            min_to_meet=s.criterion.min_to_meet,
            min_to_partly_meet=s.criterion.min_to_partly_meet,
            rationale=s.rationale,
            recommendation=s.recommendation,
            response=responses.get(s.criterion_id, ""),
            evidence=evidence.get(s.criterion_id, []),
        )
        for number, s in enumerate(assessment.scores.all(), start=1)
    ]


def report_context(assessment: Assessment, request) -> dict:
    """The report template's context; links are absolute, because a printed page shows them."""
    initiative = assessment.initiative
    origin = request.build_absolute_uri("/").rstrip("/")
    return {
        "assessment": assessment,
        "initiative": initiative,
        "rows": report_rows(assessment),
        "general_evidence": [e for e in assessment.public_evidence if e.criterion_id is None],
        "reply": getattr(assessment, "reply", None),
        "origin": origin,
        "scorecard_url": origin + assessment.get_scorecard_url(),
        "framework_url": origin
        + reverse("assistance:framework-version", args=[assessment.version.number]),
        "pdf_url": reverse(
            "assistance:scorecard-report-pdf", kwargs={"slug": initiative.slug, "pk": assessment.pk}
        ),
    }


def report_filename(assessment: Assessment, language: str) -> str:
    published = assessment.published_at.date().isoformat() if assessment.published_at else ""
    return f"wsr-scorecard-{assessment.initiative.slug}-{published}-{language}.pdf"


# Fetching: the project's static files from disk, nothing else ----------------------------


def static_files_fetcher(base_url: str):
    """WeasyPrint's fetcher for this report: only the project's static files, read from disk
    (collected files first, so that the manifest's hashed names resolve; then the finders).
    http(s) to anywhere else, file:, data: and paths outside the static folders are refused."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            path = static_file_for(url, base_url)
            if path is None:
                raise ValueError(f"Refused to fetch {url[:200]!r}: not a static file of the site")
            content_type = STATIC_TYPES[path.suffix.lower()]
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    return StaticFilesOnly(allowed_protocols=("http", "https"), allow_redirects=False)


def _static_prefixes(base_url: str) -> list[str]:
    return [urljoin(base_url, settings.STATIC_URL)]


def static_file_for(url: str, base_url: str) -> Path | None:
    """The file on disk that `url` names among the site's static files, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.query or parts.fragment:
        return None
    plain = f"{parts.scheme}://{parts.netloc}{parts.path}"
    prefix = next((p for p in _static_prefixes(base_url) if plain.startswith(p)), None)
    if prefix is None:
        return None
    name = unquote(plain[len(prefix) :])
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return None
    normal = posixpath.normpath(name)
    if normal != name or normal.startswith(".."):
        return None
    if Path(normal).suffix.lower() not in STATIC_TYPES:
        return None
    return _collected(normal) or _found(normal)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _collected(name: str) -> Path | None:
    root = Path(settings.STATIC_ROOT) if settings.STATIC_ROOT else None
    if root is None:
        return None
    candidate = root / name
    if candidate.is_file() and _inside(candidate, root):
        return candidate
    return None


def _found(name: str) -> Path | None:
    try:
        found = finders.find(name)
    except SuspiciousFileOperation:
        return None
    if not found:
        return None
    path = Path(found)
    roots = [Path(str(d[1] if isinstance(d, tuple) else d)) for d in settings.STATICFILES_DIRS]
    app_roots = [
        Path(storage.location)
        for finder in finders.get_finders()
        for storage in getattr(finder, "storages", {}).values()
        if getattr(storage, "location", None)
    ]
    if path.is_file() and any(_inside(path, root) for root in roots + app_roots):
        return path
    return None


# The PDF -------------------------------------------------------------------------------------


def render_pdf(html: str, base_url: str) -> bytes:
    """`html` as a PDF, made by WeasyPrint with the static-files-only fetcher."""
    import weasyprint

    return weasyprint.HTML(
        string=html, base_url=base_url, url_fetcher=static_files_fetcher(base_url)
    ).write_pdf()


def may_make_pdf(request) -> bool:
    """Count one new PDF for the reader's address: False past ASSISTANCE_REPORT_PDFS_PER_HOUR
    in this clock hour (the address is kept only as a digest in the cache key)."""
    from allauth.account.adapter import get_adapter

    address = get_adapter(request).get_client_ip(request) or ""
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    key = f"assistance:report-pdf-count:{digest}:{int(time.time() // 3600)}"
    cache.add(key, 0, 60 * 60)
    try:
        count = cache.incr(key)
    except ValueError:  # gone between add and incr (culled, or the cache is down)
        count = 1
    return count <= settings.ASSISTANCE_REPORT_PDFS_PER_HOUR


def pdf_cache_key(html: str, base_url: str) -> str:
    """The cache key of the PDF of `html`: its digest, so a changed report is a new key."""
    digest = hashlib.sha256(f"{base_url}\n{html}".encode()).hexdigest()
    return f"assistance:report-pdf:{digest}"


def cached_pdf(key: str) -> bytes | None:
    return cache.get(key)


def make_pdf(key: str, html: str, base_url: str) -> bytes:
    """Render `html` as a PDF and keep it under `key`."""
    started = time.perf_counter()
    pdf = render_pdf(html, base_url)
    logger.info(
        "scorecard report rendered",
        extra={"milliseconds": round((time.perf_counter() - started) * 1000), "bytes": len(pdf)},
    )
    cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf
