"""How soon a case's awaited response is due, in words (service levels, issue 19)."""

from django import template
from django.utils import timezone
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def response_overdue(case) -> bool:
    """The open case's awaited response is past due."""
    due = getattr(case, "response_due_at", None)
    return bool(due and case.is_open and due < timezone.now())


@register.filter
def due_in(value) -> str:
    """ "due in 3 hours" / "overdue by 2 days" (the largest unit only)."""
    if not value:
        return ""
    now = timezone.now()
    if value >= now:
        return _("due in %(time)s") % {"time": timeuntil(value, now, depth=1)}
    return _("overdue by %(time)s") % {"time": timesince(value, now, depth=1)}
