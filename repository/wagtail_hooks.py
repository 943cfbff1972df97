from wagtail import hooks


@hooks.register("wsr_dashboard_panels")
def saved_resources_panel(request):
    from wsr.members.permissions import is_member

    from .selectors import saved_resources

    if not is_member(request.user):
        return None
    # Only the columns the panel shows (a resource's row spans three tables; issue 22).
    saved = saved_resources(user=request.user).only(
        "resource__title", "resource__url_path", "resource__locale"
    )
    return "repository/dashboard_saved.html", {"saved": saved[:10]}


@hooks.register("wsr_calendar_sources")
def repository_events_for_calendar(user, start, end):
    """Exchanges and convenings in the shared calendar, within the viewer's audience."""
    from wagtail.models import Locale

    from .models import EventPage

    return [
        {
            "uid": f"event-{event.pk}",
            "title": event.title,
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "all_day": False,
            "kind": str(event.get_kind_display()),
            "place": event.place,
            "url": event.url or "",
            "source": "repository",
        }
        for event in EventPage.objects.visible_to(user).filter(
            starts_at__gte=start,
            starts_at__lt=end,
            locale=Locale.get_active(),  # each event once, in the reader's language
        )
    ]


@hooks.register("wsr_company_panels")
def resources_about_company(request, company):
    """On a company page: the repository's resources that name the company, within the
    viewer's audience (the repository's own search, so the same visibility rules)."""
    from .search import SearchParams, matching_resources

    resources = list(
        matching_resources(user=request.user, params=SearchParams(q=company.name))
        .specific()
        .only("title", "url_path", "published_on")[:5]
    )
    return "related", "repository/company_resources.html", {"resources": resources}


@hooks.register("wsr_digest_sections")
def repository_digest_sections():
    from .digest import sections

    return sections()


@hooks.register("wsr_personal_data")
def repository_personal_data(user) -> dict:
    from .personal_data import personal_data

    return personal_data(user)


@hooks.register("wsr_account_deletion")
def repository_account_deletion(user):
    from .personal_data import account_deletion

    return account_deletion(user)
