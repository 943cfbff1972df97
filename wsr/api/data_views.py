"""/data/: the daily bulk files (issue 21, item 4) and the page that lists them."""

import hashlib
from datetime import date

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from wsr.site.access import public

from . import snapshots

# "latest" moves every day; a dated snapshot only changes if that day's run is repeated
MAX_AGE = {snapshots.LATEST: 300}
DATED_MAX_AGE = 86400


@public  # the files hold only what anonymous callers may read (snapshots.py)
def data_file(request, snapshot: str, name: str):
    found = snapshots.snapshot_file(snapshot, name)
    if found is None:
        raise Http404
    path, digest = found
    if digest is None:  # SHA256SUMS itself: small
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    etag = f'"{digest}"'
    modified = int(path.stat().st_mtime)
    max_age = MAX_AGE.get(snapshot, DATED_MAX_AGE)
    not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
    if not_modified is not None:
        not_modified["ETag"] = etag
        patch_cache_control(not_modified, public=True, max_age=max_age)
        return not_modified
    response = FileResponse(
        open(path, "rb"),  # noqa: SIM115  (FileResponse closes it)
        as_attachment=True,
        filename=name,
        content_type=snapshots.media_type(name),
    )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    patch_cache_control(response, public=True, max_age=max_age)
    return response


@public
def snapshot_place(request, snapshot: str):
    """/data/<date>/ and /data/latest/, the addresses a citation gives: the snapshot's place
    on the download page; a past day no longer kept, the page itself (its files are gone, the
    citation still leads somewhere)."""
    page = reverse("open-data:downloads")
    folder = snapshots.snapshot_folder(snapshot)
    if folder is not None:
        return redirect(f"{page}#snapshot-{folder.name}")
    if snapshot == snapshots.LATEST:
        raise Http404
    try:
        day = date.fromisoformat(snapshot)
    except ValueError:
        raise Http404 from None
    if day > timezone.now().date():
        raise Http404
    return redirect(page)


@public
def data_page(request):
    latest = snapshots.snapshot_folder(snapshots.LATEST)
    summary = snapshots.snapshot_summary(latest) if latest is not None else None
    previous = [day for day in snapshots.snapshot_dates() if summary and day != summary["date"]]
    package = summary["package"] if summary else {}
    licence = (package.get("licenses") or [{}])[0]
    files = summary["files"] if summary else []
    csv_files = [file["name"] for file in files if file["name"].endswith(".csv.gz")]
    return render(
        request,
        "api/data.html",
        {
            "summary": summary,
            "previous": previous,
            # the snapshot's own terms; today's settings before the first snapshot
            "licence_name": licence.get("title") or settings.OPEN_DATA_LICENCE.replace("-", " "),
            "licence_url": licence.get("path") or settings.OPEN_DATA_LICENCE_URL,
            # a snapshot's citation names its date and address (snapshots.citation)
            "citation": package.get("citation")
            or (snapshots.citation(summary["date"]) if summary else settings.OPEN_DATA_CITATION),
            "keep_days": settings.OPEN_DATA_KEEP_DAYS,
            "example_csv": csv_files[0] if csv_files else "",
        },
    )
