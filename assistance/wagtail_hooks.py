from wagtail import hooks


@hooks.register("wsr_dashboard_panels")
def assistance_panel(request):
    """The portal shows a person's cases (and, to staff, the queue's state)."""
    from .models import Case
    from .selectors import open_tasks_for

    cases = list(
        Case.objects.visible_to(request.user)
        .select_related("organization")
        .order_by("-updated_at")[:5]
    )
    return "assistance/dashboard_cases.html", {
        "cases": cases,
        "tasks": list(open_tasks_for(request.user)[:5]),
        "is_staff": request.user.is_staff,
        "waiting": Case.objects.open().filter(first_response_at__isnull=True).count()
        if request.user.is_staff
        else None,
    }
