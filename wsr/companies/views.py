"""Company pages: what the company claims (voluntary schemes, with sources) beside what
binds it (worker-driven agreements and their enforcement figures), and what the apps hold
about it within the viewer's audience (hook `wsr_company_panels`)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail import hooks

from wsr.api.cache import RECORDS
from wsr.site.access import object_view, public
from wsr.site.fragments import fragment

from .models import Company, ResponseRequest
from .search import company_condition
from .timeline import KIND_LABELS, timeline_context

PAGE_SIZE = 50


@public
def company_list(request):
    companies = Company.objects.all()
    query = request.GET.get("q", "").strip()
    condition = company_condition(query) if query else None
    if condition is not None:
        companies = companies.filter(condition)
    page_obj = Paginator(companies.order_by("name"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "companies/company_list.html",
        {"page_obj": page_obj, "query": query, "query_string": f"q={query}" if query else ""},
    )


def _panels(request, company) -> dict[str, list[str]]:
    """Each app adds what it knows about the company, as `request.user` may see it."""
    sections: dict[str, list[str]] = {"binding": [], "related": [], "figures": []}
    for hook in hooks.get_hooks("wsr_company_panels"):
        panel = hook(request, company)
        if panel is not None:
            section, template, context = panel
            sections[section].append(render_to_string(template, context, request=request))
    return sections


def _content(request, company) -> dict:
    """The page's content as `request.user` may see it: the claims, the timeline's data and
    the rendered body (the apps' panels included)."""
    context = {
        "company": company,
        "claims": list(company.claims.visible_to(request.user).select_related("scheme")),
        "panels": _panels(request, company),
        # issue 20: the dated timeline from every app (hook wsr_company_timeline)
        "timeline": timeline_context(request, company),
    }
    return {
        "company": company,
        "claims": context["claims"],
        "timeline": context["timeline"],
        "body": render_to_string("companies/_company_body.html", context, request=request),
    }


def _deadlines(slug) -> list:
    """The clock's part of the page: each published request's deadline and whether it has
    passed now (a request past its deadline without a response "did not respond"), read per
    request in one query: no write happens when a deadline passes."""
    now = timezone.now()
    return [
        (pk, deadline.isoformat(), deadline <= now)
        for pk, deadline in ResponseRequest.objects.published()
        .filter(company__slug=slug)
        .order_by("pk")
        .values_list("pk", "deadline")
    ]


def _public_content(request, slug) -> dict:
    """An anonymous reader's content, the same for every anonymous reader: kept per language
    and time zone under RECORDS (replaced by every write to the registry, the agreements and
    figures, the efforts, the requests and responses, the events, and every publish of a
    page; wsr/api/cache.py), the timeline's kind, and the requests' deadlines as they stand
    now (_deadlines). The Http404 of an unknown slug is raised by the build, never kept."""

    def build():
        company = get_object_or_404(Company.objects.prefetch_related("sectors"), slug=slug)
        return _content(request, company)

    kind = request.GET.get("kind", "")
    return fragment(
        "companies:detail",
        build,
        request=request,
        generations=[RECORDS],
        vary=[slug, kind if kind in KIND_LABELS else "", _deadlines(slug)],
    )


@object_view
def company_detail(request, slug):
    if request.user.is_authenticated:
        # Members' efforts depend on their working groups, staff's forms carry their CSRF
        # token: built per request.
        company = get_object_or_404(Company.objects.prefetch_related("sectors"), slug=slug)
        content = _content(request, company)
    else:
        content = _public_content(request, slug)
    return render(request, "companies/company_detail.html", content)
