"""Company pages: what the company claims (voluntary schemes, with sources) beside what
binds it (worker-driven agreements and their enforcement figures), and what the apps hold
about it within the viewer's audience (hook `wsr_company_panels`)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from wagtail import hooks

from wsr.site.access import object_view, public

from .models import Company
from .search import company_condition
from .timeline import timeline_context

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


@object_view
def company_detail(request, slug):
    company = get_object_or_404(Company.objects.prefetch_related("sectors"), slug=slug)
    claims = list(company.claims.visible_to(request.user).select_related("scheme"))
    return render(
        request,
        "companies/company_detail.html",
        {
            "company": company,
            "claims": claims,
            "panels": _panels(request, company),
            # issue 20: the dated timeline from every app (hook wsr_company_timeline)
            "timeline": timeline_context(request, company),
        },
    )
