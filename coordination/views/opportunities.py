from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render

from wsr.site.access import object_view, public

from .. import selectors
from ..comment_threads import comment_section_for
from ..filters import OpportunityFilter
from ..models import Opportunity
from ._common import members_only

TABLE_PAGE_SIZE = 100


@public
def opportunity_map(request):
    """The map, with the same opportunities as an accessible table beside it: the table is
    the page (it works without JavaScript); the map draws from the JSON in the page."""
    filters = OpportunityFilter(request.GET, queryset=Opportunity.objects.all())
    opportunities = list(selectors.opportunities_for(request.user, filters.qs))
    # Every point goes to the map; the table beside it is paged, so a large map stays fast
    page_obj = Paginator(opportunities, TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "coordination/opportunity_map.html",
        {
            "filter": filters,
            "opportunities": opportunities,
            "page_obj": page_obj,
            "table_query": query.urlencode(),
            "geojson": selectors.opportunities_geojson(opportunities),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "query_string": request.GET.urlencode(),
        },
    )


@object_view
def opportunity_detail(request, pk):
    opportunity = selectors.opportunity_for(request.user, pk)
    history = opportunity.history.select_related("history_user__profile").order_by("-history_date")[
        :20
    ]
    return render(
        request,
        "coordination/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "worker_organizations": list(opportunity.worker_organizations.all()),
            "buyers": list(opportunity.buyers.all()),
            "history": list(history),
            "comment_section": comment_section_for(request.user, opportunity),  # issue 20
        },
    )


@members_only
def opportunity_geojson(request):
    filters = OpportunityFilter(request.GET, queryset=Opportunity.objects.all())
    data = selectors.opportunities_geojson(selectors.opportunities_for(request.user, filters.qs))
    response = JsonResponse(data, content_type="application/geo+json")
    response["Content-Disposition"] = 'attachment; filename="wsr-opportunities.geojson"'
    response["Cache-Control"] = "private, no-store"
    return response
