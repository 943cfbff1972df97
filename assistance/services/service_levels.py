"""Service levels by urgency (issue 19, item 2).

A case waits for at most one response at a time (a ResponseTarget without `met_at`): the
first after the request, then the next after each reply of the requester side. Its due time
comes from the urgency's ServiceLevel: clock hours (round the clock), or working days (Monday
to Friday, not a Holiday; due at the end of that day, in TIME_ZONE). The open target's due
time is kept on the case (`Case.response_due_at`) so the queue sorts by it.

Callers: services/cases.py (request, post, transition, update), the inbound mail of part A
(`requester_replied`), the escalation task (`escalate`)."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..models import Case, TimelineEntry
from ..models.service_levels import Holiday, ResponseTarget, ServiceLevel, TimeUnit

User = get_user_model()

# The targets the data migration installs (staff change them in the Wagtail admin); also
# used for an urgency whose row was deleted. (number, unit) for first and next, warn share.
DEFAULTS = {
    "urgent": ((4, TimeUnit.HOURS), (8, TimeUnit.HOURS), 25),
    "high": ((1, TimeUnit.WORKING_DAYS), (2, TimeUnit.WORKING_DAYS), 25),
    "normal": ((3, TimeUnit.WORKING_DAYS), (3, TimeUnit.WORKING_DAYS), 25),
    "low": ((10, TimeUnit.WORKING_DAYS), (5, TimeUnit.WORKING_DAYS), 25),
}
STAFF_LEADS_GROUP = "Casework leads"


# The calendar --------------------------------------------------------------------------


def _holidays(start: date, days: int) -> set[date]:
    """The holidays that can fall within `days` working days after `start` (one query)."""
    horizon = start + timedelta(days=days * 3 + 31)
    return set(
        Holiday.objects.filter(date__gt=start, date__lte=horizon).values_list("date", flat=True)
    )


def is_working_day(day: date, holidays: set[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def working_days_after(start: date, days: int, holidays: set[date] | None = None) -> date:
    """The date `days` working days after `start`: weekends and holidays do not count."""
    if holidays is None:
        holidays = _holidays(start, days)
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current, holidays):
            remaining -= 1
    return current


def _level(urgency: str) -> ServiceLevel:
    level = ServiceLevel.objects.filter(urgency=urgency).first()
    if level is None:
        first, following, warn = DEFAULTS.get(urgency, DEFAULTS["normal"])
        level = ServiceLevel(
            urgency=urgency,
            first_response=first[0],
            first_response_unit=first[1],
            next_response=following[0],
            next_response_unit=following[1],
            warn_percent=warn,
        )
    return level


def _after(start: datetime, number: int, unit: str) -> datetime:
    if unit == TimeUnit.HOURS:
        return start + timedelta(hours=number)
    day = working_days_after(timezone.localdate(start), number)
    return timezone.make_aware(datetime.combine(day, time.max))


def due_at(start: datetime, urgency: str, kind: str, level: ServiceLevel | None = None):
    """When a response of `kind` (ResponseTarget.Kind) started at `start` is due."""
    level = level or _level(urgency)
    if kind == ResponseTarget.Kind.FIRST:
        return _after(start, level.first_response, level.first_response_unit)
    return _after(start, level.next_response, level.next_response_unit)


def _times(start: datetime, urgency: str, kind: str) -> tuple[datetime, datetime]:
    """(due, warn from) for a response started at `start`."""
    level = _level(urgency)
    due = due_at(start, urgency, kind, level)
    warn = due - (due - start) * level.warn_percent / 100
    return due, warn


# The clock -----------------------------------------------------------------------------


def open_target(case: Case) -> ResponseTarget | None:
    return case.response_targets.filter(met_at__isnull=True).order_by("due_at").first()


def _sync(case: Case) -> None:
    """Keep the case's due time (and the first-response date shown in places) in step."""
    target = open_target(case)
    case.response_due_at = target.due_at if target else None
    fields = {"response_due_at": case.response_due_at}
    if target is not None and target.kind == ResponseTarget.Kind.FIRST:
        case.first_response_due = timezone.localdate(target.due_at)
        fields["first_response_due"] = case.first_response_due
    Case.objects.filter(pk=case.pk).update(**fields)


def first_due(urgency: str, at: datetime | None = None) -> datetime:
    """The first-response due time of a request made `at` (now)."""
    return due_at(at or timezone.now(), urgency, ResponseTarget.Kind.FIRST)


def start_first(case: Case, at: datetime | None = None) -> ResponseTarget:
    """A new request: the first-response clock starts (at its submission)."""
    at = at or case.submitted_at or timezone.now()
    due, warn = _times(at, case.urgency, ResponseTarget.Kind.FIRST)
    target = ResponseTarget.objects.create(
        case=case,
        kind=ResponseTarget.Kind.FIRST,
        started_at=at,
        due_at=due,
        warn_at=warn,
        lead_id=case.lead_id,
    )
    _sync(case)
    return target


def requester_replied(case: Case, at: datetime | None = None) -> ResponseTarget | None:
    """The requester side answered: the next-response clock starts, unless a response is
    already awaited (its clock keeps running) or the case is not open."""
    if not case.is_open:
        return None
    existing = open_target(case)
    if existing is not None:
        return None
    at = at or timezone.now()
    due, warn = _times(at, case.urgency, ResponseTarget.Kind.NEXT)
    target = ResponseTarget.objects.create(
        case=case,
        kind=ResponseTarget.Kind.NEXT,
        started_at=at,
        due_at=due,
        warn_at=warn,
        lead_id=case.lead_id,
    )
    _sync(case)
    return target


def responded(case: Case, actor, at: datetime | None = None) -> int:
    """Someone from the working side answered the requester side (a shared message or a
    status change): the awaited response is met. Returns how many targets were met."""
    from .. import permissions

    if actor is None or not permissions.can_see_whole_case(actor, case):
        return 0
    at = at or timezone.now()
    met = case.response_targets.filter(met_at__isnull=True).update(
        met_at=at, responder=actor, lead_id=case.lead_id
    )
    if met or case.response_due_at is not None:
        _sync(case)
    return met


def retarget(case: Case) -> None:
    """The urgency changed: the awaited response is due by the new urgency's target."""
    target = open_target(case)
    if target is None:
        return
    target.due_at, target.warn_at = _times(target.started_at, case.urgency, target.kind)
    target.save(update_fields=["due_at", "warn_at"])
    _sync(case)


def restart(case: Case, at: datetime) -> None:
    """The awaited response started `at` instead (demo data, imports): due times follow."""
    case.response_targets.filter(met_at__isnull=True).update(started_at=at)
    retarget(case)


def closed(case: Case) -> None:
    """A case that is no longer open waits for nothing (a status change answered it)."""
    if case.response_due_at is not None:
        Case.objects.filter(pk=case.pk).update(response_due_at=None)
        case.response_due_at = None


# Escalation ----------------------------------------------------------------------------


def staff_lead_emails() -> list[str]:
    """Who hears of a missed target besides the case lead: active staff in the group
    "Casework leads"; all staff (staff_emails) when the group is empty."""
    from wsr.members.services import staff_emails

    leads = User.objects.filter(
        is_staff=True, is_active=True, groups__name=STAFF_LEADS_GROUP
    ).values_list("email", flat=True)
    return sorted({e for e in leads if e}) or staff_emails()


def _notify(target: ResponseTarget, template: str, to: list[str]) -> None:
    from wsr.members.services import language_of

    from .cases import _case_url, _email

    case = target.case
    lead_language = language_of(case.lead) if case.lead_id else settings.LANGUAGE_CODE
    _email(
        template=template,
        to=to,
        case=case,
        context={
            "reference": case.reference,
            "case_url": _case_url(case),
            "urgency": case.urgency,  # a code: worded in the reader's language
            "kind": target.kind,
            "due": target.due_at.isoformat(),
        },
        language=lead_language,
    )


def _event(target: ResponseTarget, event: str) -> None:
    TimelineEntry.objects.create(
        case=target.case,
        kind=TimelineEntry.Kind.NOTE,
        author=None,
        is_shared=False,
        event=event,
        params={"due": timezone.localdate(target.due_at).isoformat(), "kind": target.kind},
    )


def escalate(now: datetime | None = None) -> dict:
    """Every ten minutes (celery-beat): warn the lead (staff without a lead) once when an open
    case's awaited response is about to be missed; when it is missed, tell the lead and the
    staff leads once. Both are internal timeline events. Returns the counts."""
    from ..models import OPEN_STATUSES

    now = now or timezone.now()
    counts = {"warned": 0, "escalated": 0}
    due = ResponseTarget.objects.filter(
        met_at__isnull=True, escalated_at__isnull=True, case__status__in=OPEN_STATUSES
    )
    for pk in due.filter(due_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            target = (
                ResponseTarget.objects.select_for_update(of=("self",))
                .select_related("case", "case__lead")
                .filter(pk=pk, met_at__isnull=True, escalated_at__isnull=True)
                .first()
            )
            if target is None:
                continue
            target.escalated_at = now
            target.warned_at = target.warned_at or now
            target.lead_id = target.case.lead_id
            target.save(update_fields=["escalated_at", "warned_at", "lead"])
            _event(target, "response_missed")
            first = [target.case.lead.email] if target.case.lead_id else []
            others = [e for e in staff_lead_emails() if e not in first]
            if first:
                _notify(target, "assistance/email/response_missed", first)
            if others:
                _notify(target, "assistance/email/response_missed", others)
            counts["escalated"] += 1
    soon = due.filter(warned_at__isnull=True, warn_at__lte=now, due_at__gt=now)
    for pk in soon.values_list("pk", flat=True):
        with transaction.atomic():
            target = (
                ResponseTarget.objects.select_for_update(of=("self",))
                .select_related("case", "case__lead")
                .filter(pk=pk, met_at__isnull=True, warned_at__isnull=True)
                .first()
            )
            if target is None:
                continue
            target.warned_at = now
            target.save(update_fields=["warned_at"])
            _event(target, "response_due_soon")
            from wsr.members.services import staff_emails

            to = [target.case.lead.email] if target.case.lead_id else staff_emails()
            _notify(target, "assistance/email/response_due_soon", to)
            counts["warned"] += 1
    return counts
