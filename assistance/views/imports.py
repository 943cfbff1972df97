"""The page where the sender of a large enforcement-figures CSV follows its import (issue 18).
It reloads itself while the task works (a meta refresh: no script), then shows the result."""

from django.http import Http404
from django.shortcuts import render

from wsr.site.access import login_required

from ..models import ReportImport

REFRESH_SECONDS = 3


@login_required
def report_import(request, slug, pk):
    job = (
        ReportImport.objects.select_related("initiative")
        .filter(pk=pk, initiative__slug=slug, created_by=request.user)
        .first()
    )
    if job is None:  # someone else's import is not there for you
        raise Http404
    return render(
        request,
        "assistance/report_import.html",
        {
            "job": job,
            "initiative": job.initiative,
            "refresh_seconds": None if job.is_finished else REFRESH_SECONDS,
        },
    )
