from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from wsr.members.audience import PAGE_AUDIENCE_CHOICES
from wsr.site import csv as safe_csv
from wsr.site.access import login_required, members_only, object_view, public, staff_required
from wsr.site.fragments import fragment
from wsr.site.ical import ics_response
from wsr.site.mixins import audience_page_or_404
from wsr.site.page_cache import PAGES
from wsr.site.search import language_name

from . import calendar, permissions, selectors, services
from .forms import ContributionForm
from .models import CollectionPage, EventPage, Registration, RepositoryIndexPage, ResourcePage
from .search import (
    FACETS,
    PAGE_SIZE,
    SEARCH_COUNTS,
    SearchParams,
    excerpt,
    facet_labels,
    search_resources,
    suggestions,
)

FACET_TITLES = {
    "kind": _("Kind"),
    "sector": _("Sector"),
    "country": _("Country"),
    "principle": _("WSR principle"),
    "language": _("Language"),
    "year": _("Year"),
}


def _without(query, name, value) -> str:
    remaining = query.copy()
    remaining.setlist(name, [v for v in query.getlist(name) if v != value])
    remaining.pop("page", None)
    return remaining.urlencode()


def _result_items(page_obj, params: SearchParams) -> list[dict]:
    language = get_language()
    kinds = facet_labels()["kind"]
    audiences = {value: str(label) for value, label in PAGE_AUDIENCE_CHOICES}
    return [
        {
            "resource": resource,
            "excerpt": excerpt(resource.search_document or resource.summary, params.q)
            if params.q
            else resource.summary,
            # a resource not in the reader's language is labelled, in its own (issue 17)
            "language": "" if resource.language_code == language else resource.language_code,
            "language_name": language_name(resource.language_code),
            "kind": kinds.get(resource.kind, resource.kind),
            "audience": audiences.get(resource.audience, resource.audience),
        }
        for resource in page_obj.object_list
    ]


def repository_search(request, *, index_page):
    """The repository index: search with facets, for the viewer's audience.

    Its three lists (learning paths, facets, results) are the same for every reader of an
    audience, and each is rendered once per audience, language and query, then reused
    until the next change to what it shows (issue 22): the facets and the results under
    SEARCH_COUNTS (every publish, unpublish, move or deletion of a resource, every change
    to sectors and principles, signals.py) and the site's PAGES generation (URLs), the
    learning paths under PAGES."""
    params = SearchParams.from_query(request.GET)
    found = search_resources(user=request.user, params=params)
    facets = found.facets
    paginator = Paginator(found.results, PAGE_SIZE)
    paginator.count = found.total  # counted with the facets, and cached with them
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query_string = query.urlencode()
    facet_list = [(name, FACET_TITLES[name], facets[name]) for name in FACETS]
    chosen = [
        {
            "facet": FACET_TITLES[name],
            "label": option.label,
            "remove_query": _without(request.GET, name, option.value),
        }
        for name in FACETS
        for option in facets[name]
        if option.selected
    ]
    host = request.get_host()
    generations = [SEARCH_COUNTS, PAGES]

    def results_html():
        items = _result_items(page_obj, params)
        return render_to_string(
            "repository/includes/search_results.html",
            {
                "page": index_page,
                "page_obj": page_obj,
                "items": items,
                "query_string": query_string,
                "suggestions": suggestions(params.q, user=request.user)
                if params.q and not items
                else [],
            },
            request=request,
        )

    def collections_html():
        return render_to_string(
            "repository/includes/collections.html",
            {"collections": CollectionPage.objects.live().child_of(index_page)},
            request=request,
        )

    return render(
        request,
        "repository/repository_index_page.html",
        {
            "page": index_page,
            "self": index_page,
            "collections_html": fragment(
                "repository:collections",
                collections_html,
                request=request,
                generations=[PAGES],
                vary=[index_page.pk, host],
            )
            if params.is_empty
            else "",
            "feed_query": query_string,
            "params": params,
            "facets": facet_list,
            "facets_html": fragment(
                "repository:facets",
                lambda: render_to_string(
                    "repository/includes/search_facets.html", {"facets": facet_list}
                ),
                request=request,
                generations=[SEARCH_COUNTS],
                vary=[params.key()],
            ),
            "chosen": chosen,
            "page_obj": page_obj,
            "results_html": fragment(
                "repository:results",
                results_html,
                request=request,
                generations=generations,
                vary=[index_page.pk, host, request.GET.urlencode()],
            ),
            "query_string": query_string,
        },
    )


@members_only
@require_POST
def resource_save(request, pk):
    """Save or unsave a resource (members only), then go back to it."""
    resource = audience_page_or_404(ResourcePage.objects, request, pk=pk)
    saved = services.resource_save_toggle(resource=resource, user=request.user)
    messages.success(
        request,
        _("Saved to your portal.") if saved else _("Removed from your saved resources."),
    )
    return redirect(resource.url)


@members_only
def resource_propose(request):
    """A member proposes a resource; it becomes a draft in the moderation workflow."""
    index = (
        RepositoryIndexPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .first()
    )
    if index is None:
        raise Http404
    form = ContributionForm(
        request.POST or None,
        request.FILES or None,
        initial={"language": request.LANGUAGE_CODE},
    )
    if request.method == "POST" and form.is_valid():
        services.resource_propose(
            user=request.user,
            index=index,
            data=form.cleaned_data,
            attachment=form.cleaned_data.get("attachment"),
        )
        messages.success(
            request,
            _(
                "Thank you. Your resource was sent to our staff for review; we will email you "
                "when it is published or if it needs changes."
            ),
        )
        return redirect("members:dashboard")
    return render(request, "repository/resource_propose.html", {"form": form, "index": index})


def _event_for(request, pk):
    return audience_page_or_404(EventPage.objects, request, pk=pk)


@login_required
@require_POST
def event_register(request, pk):
    event = _event_for(request, pk)
    if not permissions.can_register_for_event(request.user, event):
        raise PermissionDenied(_("Registration is for members of the Collaborative."))
    try:
        registration = services.event_register(event=event, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if registration.status == Registration.Status.WAITLISTED:
            messages.info(
                request,
                _("The event is full: you are on the waitlist. We will email you if a seat opens."),
            )
        else:
            messages.success(request, _("You are registered."))
    return redirect(event.url)


@login_required
@require_POST
def event_cancel(request, pk):
    event = _event_for(request, pk)
    registration = get_object_or_404(
        Registration.objects.exclude(status=Registration.Status.CANCELLED),
        event=event.registration_event,
        user=request.user,
    )
    services.event_cancel(registration=registration)
    messages.success(request, _("Your registration was cancelled."))
    return redirect(event.url)


@object_view
def event_ics(request, pk):
    event = _event_for(request, pk)
    include_link = (
        request.user.is_authenticated
        and event.registration_event.registrations.filter(
            user=request.user, status=Registration.Status.REGISTERED
        ).exists()
    )
    return ics_response(
        calendar.event_ics(
            event, base_url=settings.SITE_URL.rstrip("/"), include_link=include_link
        ),
        filename=f"{event.slug}.ics",
        attachment=True,
    )


@public
def events_feed(request):
    """The iCalendar feed of upcoming public events (for calendar apps: anonymous)."""
    locale = Locale.get_active()
    events = (
        EventPage.objects.visible_to(AnonymousUser())
        .filter(ends_at__gte=timezone.now(), locale=locale)  # each event once
        .order_by("starts_at")[:200]
    )
    return ics_response(
        calendar.events_ics(
            events, base_url=settings.SITE_URL.rstrip("/"), language=locale.language_code
        )
    )


@staff_required
def event_attendees_csv(request, pk):
    """Staff export the attendee list (the staff_required rule)."""
    event = get_object_or_404(EventPage, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-attendees.csv"'
    writer = safe_csv.writer(response)
    writer.writerow(["name", "email", "organizations", "status", "registered_at"])
    for registration in selectors.event_attendees(event=event):
        user = registration.user
        organizations = "; ".join(a.organization.name for a in user.affiliations.all())
        writer.writerow(
            [
                user.display_name,
                user.email,
                organizations,
                registration.status,
                registration.created_at.isoformat(),
            ]
        )
    return response
