"""The printable scorecard report (a page with print styles, and its PDF) and the comparison of
framework versions (issue 19). The report follows the scorecard's rule exactly: published
scorecards of listed initiatives, to everyone; anything else is 404."""

import time

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language

from wsr.site.access import object_view, public

from .. import printing, selectors
from ..forms.framework_compare import VersionCompareForm
from ..models import FrameworkVersion
from ..versions import compare_versions

REPORT_TEMPLATE = "assistance/scorecard_report.html"


@object_view
def scorecard_report(request, slug, pk):
    assessment = selectors.scorecard_for(slug, pk)
    return render(request, REPORT_TEMPLATE, printing.report_context(assessment, request))


@object_view
def scorecard_report_pdf(request, slug, pk):
    assessment = selectors.scorecard_for(slug, pk)
    context = printing.report_context(assessment, request)
    # The same template on a bare document: no site chrome, nothing of the signed-in reader.
    context["base_template"] = "assistance/printable_base.html"
    html = render_to_string(REPORT_TEMPLATE, context, request=request)
    base_url = request.build_absolute_uri("/")
    key = printing.pdf_cache_key(html, base_url)
    pdf = printing.cached_pdf(key)
    if pdf is None:
        # Making a PDF takes about a second of CPU: only new ones count against the address.
        if not printing.may_make_pdf(request):
            response = render(
                request,
                "assistance/scorecard_report_busy.html",
                {"report_url": reverse("assistance:scorecard-report", args=[slug, assessment.pk])},
                status=429,
            )
            response["Retry-After"] = str(3600 - int(time.time()) % 3600)
            return response
        pdf = printing.make_pdf(key, html, base_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = printing.report_filename(assessment, get_language())
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@public
def framework_compare(request):
    versions = list(FrameworkVersion.objects.visible_to(request.user).order_by("number"))
    published = [v for v in versions if v.is_published]
    comparison, status = None, 200
    if "from" in request.GET or "to" in request.GET:
        form = VersionCompareForm(request.GET, versions=versions)
        if form.is_valid():
            comparison = compare_versions(*form.chosen())
        else:
            status = 400
    else:
        initial = {}
        if len(published) >= 2:
            initial = {"from": str(published[-2].number), "to": str(published[-1].number)}
        form = VersionCompareForm(versions=versions, initial=initial)
    return render(
        request,
        "assistance/framework_compare.html",
        {
            "form": form,
            "comparison": comparison,
            "versions": versions,
            "framework_url": reverse("assistance:framework"),
        },
        status=status,
    )
