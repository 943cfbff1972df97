"""Downloads of verified enforcement figures and the blank template to fill in (issue 19).

The downloads are the public's view whoever asks: verified figures of listed initiatives
only (an unlisted initiative answers 404, also to staff, whose page shows it). Their columns
are the upload's columns, so an initiative's file uploads again unchanged."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wsr.site.access import object_view, public

from ..models import Initiative
from ..services import figures

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(content, fmt: str, filename: str) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


@object_view
def figures_download(request, slug, fmt):
    initiative = get_object_or_404(Initiative.objects.filter(is_listed=True), slug=slug)
    categories = figures.complaint_categories()
    reports = figures.downloadable_reports(initiative)
    name = f"figures-{initiative.slug}"
    if fmt == "csv":
        return _attachment(figures.figures_csv(reports, categories), fmt, name)
    content = figures.figures_xlsx(
        reports,
        categories,
        title=_("Enforcement figures of %(name)s (verified)") % {"name": initiative.name},
        source_url=_absolute(request, initiative.get_absolute_url()),
    )
    return _attachment(content, fmt, name)


@public
def figures_download_all(request, fmt):
    categories = figures.complaint_categories()
    reports = figures.downloadable_reports()
    name = f"wsr-figures-{timezone.localdate():%Y-%m-%d}"
    if fmt == "csv":
        content = figures.figures_csv(reports, categories, all_initiatives=True)
        return _attachment(content, fmt, name)
    content = figures.figures_xlsx(
        reports,
        categories,
        title=_("Enforcement figures of every listed initiative (verified)"),
        source_url=_absolute(request, reverse("assistance:initiative-list")),
        all_initiatives=True,
    )
    return _attachment(content, fmt, name)


@public
def figures_template(request, fmt):
    categories = figures.complaint_categories(active_only=True)
    if fmt == "csv":
        return _attachment(figures.template_csv(categories), fmt, "figures-template")
    if fmt == "xlsx":
        return _attachment(figures.template_xlsx(categories), fmt, "figures-template")
    raise Http404
