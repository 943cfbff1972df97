"""The public newsletter: a weekly digest of public content for confirmed subscribers, who
have no account. Subscribers come from the hook `wsr_newsletter_readers` (promotion keeps
them), content from the digest sections marked `in_newsletter`, loaded as an anonymous
visitor sees the site at the moment of sending."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation

from ..kinds import APPS, KINDS
from ..links import url_in_language
from ..models import Delivery, ScheduleRun
from ..schedule import weekly_due, zone
from ..sections import sections
from .delivery import Connection, Message, deliver, delivery_claim
from .digests import _link, absolute, email_render, site_url


@dataclass(frozen=True)
class Reader:
    id: int
    email: str
    language: str
    unsubscribe_url: str


def readers(ids=None) -> list[Reader]:
    from wagtail import hooks

    found = []
    for hook in hooks.get_hooks("wsr_newsletter_readers"):
        found.extend(hook(ids))
    return found


def newsletter_plan(*, now: datetime | None = None) -> tuple[str, datetime, datetime, list]:
    """(period, window start, window end, batches of reader ids) not yet done."""
    now = now or timezone.now()
    due = weekly_due(
        now,
        tz=zone(settings.TIME_ZONE),
        weekday=settings.NEWSLETTER_WEEKDAY,
        hour=settings.NEWSLETTER_HOUR,
    )
    done = set(
        Delivery.objects.filter(
            kind=Delivery.Kind.NEWSLETTER,
            period=due.period,
            status__in=[*Delivery.FINAL, Delivery.Status.RETRYING],
        ).values_list("recipient", flat=True)
    )
    ids = [reader.id for reader in readers() if f"s{reader.id}" not in done]
    size = settings.NOTIFICATIONS_BATCH_SIZE
    ScheduleRun.objects.create(schedule="newsletter", planned=len(ids), already_done=len(done))
    return (
        due.period,
        due.window_start,
        due.window_end,
        [ids[i : i + size] for i in range(0, len(ids), size)],
    )


def newsletter_content(*, window_start, window_end, cache: dict) -> list:
    anonymous = AnonymousUser()
    groups = []
    limit = settings.NOTIFICATIONS_DIGEST_ITEMS * 2
    for key, section in sections().items():
        if not getattr(section, "in_newsletter", False):
            continue
        if key not in cache:
            cache[key] = section.load(anonymous, window_start, window_end)
        items = cache[key]
        if section.localize is not None:
            items = section.localize(items, translation.get_language())
        entries = [
            {
                "key": ("i", key, id(item)),
                "title": item.title,
                "url": absolute(_link(item.link(), translation.get_language(), cache)),
                "summary": item.summary,
                "date": item.date,
                "kind": item.label or KINDS[key].label,
            }
            for item in items[:limit]
        ]
        if entries:
            groups.append({"app": APPS[KINDS[key].app], "entries": entries, "more": []})
    return groups


def newsletter_deliver_batch(
    *, period: str, window_start: datetime, window_end: datetime, subscriber_ids
) -> dict[str, int]:
    outcomes: dict[str, int] = {}
    cache: dict = {}
    fragments: dict = {}
    connection = Connection()
    try:
        for reader in readers(subscriber_ids):
            delivery = delivery_claim(
                recipient=f"s{reader.id}",
                user_id=None,
                kind=Delivery.Kind.NEWSLETTER,
                period=period,
                window_start=window_start,
                window_end=window_end,
            )

            def build(reader=reader):
                with translation.override(reader.language):
                    groups = newsletter_content(
                        window_start=window_start, window_end=window_end, cache=cache
                    )
                    if not groups:
                        return None
                    return newsletter_render(
                        reader=reader, groups=groups, period=period, fragments=fragments
                    )

            outcome = deliver(delivery, build=build, connection=connection)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    finally:
        connection.close()
    return outcomes


def newsletter_render(
    *, reader: Reader, groups: list, period: str, fragments: dict | None = None
) -> Message:
    context = {
        "count": sum(len(group["entries"]) for group in groups),
        "period": period,
        "site_url": site_url(),
        "unsubscribe_url": url_in_language(reader.unsubscribe_url, reader.language),
    }
    with translation.override(reader.language):
        return email_render(
            template="notifications/email/newsletter",
            to=reader.email,
            context=context,
            groups=groups,
            fragments=fragments,
        )
