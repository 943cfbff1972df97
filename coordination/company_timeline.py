"""Coordination's entries on a company's timeline (issue 20): campaign milestones of the
efforts that target the company, within the viewer's audience: when the company became a
target (EffortTarget.added_at), and when the effort was won or ended (from its history).
Two queries whatever the number of efforts."""

from django.db.models import Subquery
from django.utils.translation import gettext as _

from wsr.companies.timeline import TimelineEntry

CLOSED = ("won", "ended")


def _closed_on(efforts_qs) -> dict[int, object]:
    """When each won or ended effort of `efforts_qs` reached its current status: the first
    history record of its last run of that status (one query)."""
    from .models import Effort

    history = Effort.history.model.objects.filter(
        id__in=Subquery(efforts_qs.filter(status__in=CLOSED).values("id"))
    ).order_by("id", "history_date", "history_id")
    reached: dict[int, tuple[str, object]] = {}
    for effort_id, status, when in history.values_list("id", "status", "history_date"):
        previous = reached.get(effort_id)
        if previous is None or previous[0] != status:
            reached[effort_id] = (status, when)
    return {effort_id: when for effort_id, (_status, when) in reached.items()}


def campaign_entries(request, company) -> list[TimelineEntry]:
    from .models import Effort, EffortTarget

    visible = Effort.objects.visible_to(request.user).filter(targets__company=company)
    targets = list(
        EffortTarget.objects.filter(company=company, effort__in=visible.values("id"))
        .select_related("effort")
        .order_by("added_at")
    )
    closed_on = _closed_on(visible)
    entries = []
    for target in targets:
        effort = target.effort
        url = effort.get_absolute_url()
        entries.append(
            TimelineEntry(
                date=target.added_at,
                kind="campaign",
                title=_("“%(effort)s” targets the company") % {"effort": effort.name},
                url=url,
                summary=effort.summary[:300],
            )
        )
        if effort.status in CLOSED:
            when = closed_on.get(effort.pk) or target.added_at
            title = _("“%(effort)s” was won") if effort.status == "won" else _("“%(effort)s” ended")
            entries.append(
                TimelineEntry(
                    date=when,
                    kind="campaign",
                    title=title % {"effort": effort.name},
                    url=url,
                    step=1,  # after "targets" on the same day
                )
            )
    return entries
