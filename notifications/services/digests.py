"""Digests and immediate emails: who is due, what each may see now, and the message."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

import css_inline
from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe

from wsr.members.emails import text_version
from wsr.members.models import Affiliation, Membership

from ..kinds import APPS, KINDS, Mode
from ..links import context_in_language, url_in_language
from ..models import Delivery, DigestSchedule, Notification, ScheduleRun
from ..schedule import daily_due, weekly_due, zone
from ..sections import sections
from ..selectors import notification_headline, notifications_visible
from .delivery import (
    Connection,
    Message,
    deliver,
    deliveries_claim,
    delivery_claim,
    suppressed_among,
)
from .outbox import thread_headers
from .preferences import modes_for_users, modes_of, unsubscribe_token

User = get_user_model()

_INLINER = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else f"{site_url()}{url}"


def inline_css(html: str) -> str:
    """Mail clients drop <style> blocks: every rule goes into style attributes."""
    return _INLINER.inline(html)


def list_headers(unsubscribe_url: str) -> dict:
    """RFC 2369 and RFC 8058: a one-click unsubscribe that mail clients can show."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"WSR Collaborative <notifications.{settings.SITE_URL.split('//')[-1]}>",
    }


def user_unsubscribe_url(user, scope: str) -> str:
    token = unsubscribe_token(user=user, scope=scope)
    return absolute(reverse("notifications:unsubscribe", kwargs={"token": token}))


def preferences_url() -> str:
    return absolute(reverse("notifications:preferences"))


def _link(url: str, language: str, cache: dict) -> str:
    """`url` in `language`, looked up once per batch (most readers share their links)."""
    if not url:
        return ""
    key = ("link", url, language)
    if key not in cache:
        cache[key] = url_in_language(url, language)
    return cache[key]


def language_of(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.preferred_language if profile else settings.LANGUAGE_CODE


def time_zone_of(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.time_zone if profile else "UTC"


# Immediate -----------------------------------------------------------------------------


def notification_message(
    notification: Notification, *, user=None, check_mode: bool = True
) -> Message | None:
    """The app's own email for one notification, or None when its target is hidden now or
    the person no longer wants this kind immediately (an unsubscribe takes effect even for
    an email already queued or being retried)."""
    user = user or notification.recipient
    if not user.is_active or not user.email:
        return None
    if check_mode and modes_of(user).get(notification.kind) != Mode.IMMEDIATE:
        return None
    if not notifications_visible(user, [notification]):
        return None
    language = language_of(user)
    with translation.override(language):
        # Links stored in the writer's language open the reader's pages (issue 17).
        unsubscribe = user_unsubscribe_url(user, notification.kind)
        context = {
            "site_url": site_url(),
            **context_in_language(notification.context, language),
            "preferences_url": preferences_url(),
            "unsubscribe_url": unsubscribe,
        }
    with translation.override(language), timezone.override(zone(time_zone_of(user))):
        subject = notification_headline(notification)
        text = render_to_string(f"{notification.template}.txt", context)
        html = render_to_string(
            f"{notification.template}.html", {**context, "text_version": text_version(text)}
        )
        text += "\n\n-- \n" + render_to_string("notifications/email/footer.txt", context)
    return Message(
        to=user.email,
        subject=subject,
        text=text,
        html=inline_css(html),
        headers={
            **list_headers(unsubscribe),
            **thread_headers(notification.headers or {}, unique=f"n{notification.pk}"),
        },
        item_count=1,
    )


def notification_deliver(*, notification_id: int) -> str:
    notification = (
        Notification.objects.select_related("recipient__profile").filter(pk=notification_id).first()
    )
    if notification is None:
        return "gone"
    delivery = delivery_claim(
        recipient=f"u{notification.recipient_id}",
        user_id=notification.recipient_id,
        kind=Delivery.Kind.IMMEDIATE,
        period=f"n{notification.pk}",
    )
    connection = Connection()
    try:
        return deliver(
            delivery, build=lambda: notification_message(notification), connection=connection
        )
    finally:
        connection.close()


# Digests -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Batch:
    kind: str
    period: str
    window_start: datetime
    window_end: datetime
    user_ids: tuple


def digest_plan(*, kind: str, now: datetime | None = None) -> list[Batch]:
    """The people whose `kind` digest is due now and not yet done, in batches that share a
    period and window. A constant number of queries, whatever the number of people."""
    now = now or timezone.now()
    people = list(
        User.objects.filter(is_active=True)
        .exclude(email="")
        .values_list("pk", "date_joined", "profile__time_zone")
    )
    schedules = {
        row[0]: row[1:]
        for row in DigestSchedule.objects.values_list(
            "user_id", "daily_hour", "weekly_day", "weekly_hour"
        )
    }
    modes = modes_for_users([pk for pk, *_ in people])
    default = DigestSchedule()
    due_by_user = {}
    for pk, joined, tz_name in people:
        if kind not in modes[pk].values():
            continue
        daily_hour, weekly_day, weekly_hour = schedules.get(
            pk, (default.daily_hour, default.weekly_day, default.weekly_hour)
        )
        tz = zone(tz_name)
        if kind == Mode.DAILY:
            due = daily_due(now, tz=tz, hour=daily_hour)
        else:
            due = weekly_due(now, tz=tz, weekday=weekly_day, hour=weekly_hour)
        if joined and joined > due.window_end:
            continue
        due_by_user[pk] = due
    done = set(
        Delivery.objects.filter(
            kind=kind,
            period__in={due.period for due in due_by_user.values()},
            status__in=[*Delivery.FINAL, Delivery.Status.RETRYING],
        ).values_list("recipient", "period")
    )
    groups = defaultdict(list)
    skipped = 0
    for pk, due in due_by_user.items():
        if (f"u{pk}", due.period) in done:
            skipped += 1
            continue
        groups[due].append(pk)
    size = settings.NOTIFICATIONS_BATCH_SIZE
    batches = [
        Batch(kind, due.period, due.window_start, due.window_end, tuple(pks[i : i + size]))
        for due, pks in groups.items()
        for i in range(0, len(pks), size)
    ]
    ScheduleRun.objects.create(
        schedule=kind, planned=sum(len(b.user_ids) for b in batches), already_done=skipped
    )
    return batches


def _preload(users) -> None:
    """What `is_member` and the sections ask of each person, for a whole batch at once."""
    ids = [user.pk for user in users]
    members = set(
        Affiliation.objects.filter(
            user_id__in=ids, organization__membership__status=Membership.Status.ACTIVE
        ).values_list("user_id", flat=True)
    )
    sectors = defaultdict(set)
    for user_id, sector_id in User.objects.filter(pk__in=ids).values_list(
        "pk", "profile__interest_sectors"
    ):
        if sector_id:
            sectors[user_id].add(sector_id)
    for user in users:
        user._wsr_is_member = user.is_staff or user.pk in members
        profile = getattr(user, "profile", None)
        schedule = getattr(user, "digest_schedule", None)
        user._wsr_interests = {
            "sectors": sectors[user.pk],
            "countries": {str(code) for code in (profile.interest_countries if profile else [])},
            **((schedule.section_filters or {}) if schedule else {}),
        }


def digest_content(user, *, kind: str, window_start, window_end, modes, personal, cache) -> list:
    """The groups of a digest for `user`: [(app label, [entries], more)], empty if nothing."""
    wanted = {key for key, mode in modes.items() if mode == kind}
    language = language_of(user)
    groups: dict[str, list] = defaultdict(list)
    mine = [notification for notification in personal if notification.kind in wanted]
    for notification in notifications_visible(user, mine):
        groups[KINDS[notification.kind].app].append(
            {
                "key": ("n", notification.pk),
                "notification": notification,
                "url": (
                    absolute(_link(notification.url, language, cache)) if notification.url else ""
                ),
                "kind": KINDS[notification.kind].label,
            }
        )
    limit = settings.NOTIFICATIONS_DIGEST_ITEMS
    more = defaultdict(list)
    for key, section in sections().items():
        if key not in wanted:
            continue
        audience = (key, section.audience_key(user))
        if audience not in cache:
            cache[audience] = section.load(user, window_start, window_end)
        items = cache[audience]
        if section.localize is not None:
            items = section.localize(items, language)
        if section.matcher is not None:
            test = section.matcher(getattr(user, "_wsr_interests", {}))
            items = [item for item in items if test(item)]
        app = KINDS[key].app
        for item in items[:limit]:
            groups[app].append(
                {
                    "key": ("i", key, id(item)),
                    "title": item.title,
                    "url": absolute(_link(item.link(), language, cache)),
                    "summary": item.summary,
                    "date": item.date,
                    "kind": item.label or KINDS[key].label,
                }
            )
        if len(items) > limit:
            more[app].append({"count": len(items) - limit, "label": KINDS[key].label})
    return [
        {"app": APPS[app], "entries": groups[app], "more": more[app]} for app in APPS if groups[app]
    ]


def render_groups(groups: list, fragments: dict) -> list:
    """Each entry's HTML and text, rendered once per batch for each language and time zone
    (most entries are shared by many people), in the active language."""
    language = translation.get_language()
    rendered = []
    for group in groups:
        entries = []
        for entry in group["entries"]:
            # The date as the reader sees it (their zone): most readers share it.
            day = date_format(timezone.localtime(entry["date"])) if entry.get("date") else ""
            key = (entry.get("key") or id(entry), language, day)
            if key not in fragments:
                entry = {**entry, "day": day}
                if "notification" in entry:
                    entry["title"] = notification_headline(entry["notification"])
                fragments[key] = {
                    "html": mark_safe(  # noqa: S308 (our template's output, autoescaped)
                        render_to_string("notifications/email/_entry.html", {"entry": entry})
                    ),
                    "text": render_to_string("notifications/email/_entry.txt", {"entry": entry}),
                }
            entries.append(fragments[key])
        rendered.append({**group, "entries": entries})
    return rendered


def email_render(
    *, template: str, to: str, context: dict, groups: list, fragments: dict | None
) -> Message:
    """`<template>_subject.txt`, `.txt` and `.html` (CSS inlined) of a digest-like email, in
    the active language and time zone, with the list headers of its unsubscribe link."""
    context = {**context, "groups": render_groups(groups, {} if fragments is None else fragments)}
    subject = render_to_string(f"{template}_subject.txt", context)
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    return Message(
        to=to,
        subject=subject,
        text=text,
        html=inline_css(html),
        headers=list_headers(context["unsubscribe_url"]),
        item_count=context["count"],
    )


def digest_render(
    *, user, kind: str, groups: list, window_start, window_end, fragments: dict | None = None
) -> Message:
    with translation.override(language_of(user)):
        context = {
            "user_name": user.display_name,
            "kind": kind,
            "count": sum(len(group["entries"]) for group in groups),
            "window_start": window_start,
            "window_end": window_end,
            "site_url": site_url(),
            "preferences_url": preferences_url(),
            "unsubscribe_url": user_unsubscribe_url(user, kind),
            "notifications_url": absolute(reverse("notifications:list")),
        }
    with translation.override(language_of(user)), timezone.override(zone(time_zone_of(user))):
        return email_render(
            template="notifications/email/digest",
            to=user.email,
            context=context,
            groups=groups,
            fragments=fragments,
        )


def digest_deliver_batch(
    *, kind: str, period: str, window_start: datetime, window_end: datetime, user_ids
) -> dict[str, int]:
    """Send the `kind` digest of `period` to each of `user_ids` not yet done."""
    users = list(
        User.objects.filter(pk__in=user_ids, is_active=True).select_related(
            "profile", "digest_schedule"
        )
    )
    _preload(users)
    for section in sections().values():
        if getattr(section, "prepare", None):
            section.prepare(users)
    modes = modes_for_users([user.pk for user in users])
    personal = defaultdict(list)
    for notification in Notification.objects.filter(
        recipient_id__in=[user.pk for user in users],
        created_at__gte=window_start,
        created_at__lt=window_end,
    ).order_by("-created_at", "-pk"):
        personal[notification.recipient_id].append(notification)
    cache: dict = {}
    fragments: dict = {}
    outcomes: dict[str, int] = defaultdict(int)
    deliveries = deliveries_claim(
        users=users,
        kind=kind,
        period=period,
        window_start=window_start,
        window_end=window_end,
    )
    suppressed = suppressed_among(user.email for user in users)
    connection = Connection()
    try:
        for user in users:
            delivery = deliveries[user.pk]

            def build(user=user):
                groups = digest_content(
                    user,
                    kind=kind,
                    window_start=window_start,
                    window_end=window_end,
                    modes=modes[user.pk],
                    personal=personal[user.pk],
                    cache=cache,
                )
                if not groups:
                    return None
                return digest_render(
                    user=user,
                    kind=kind,
                    groups=groups,
                    fragments=fragments,
                    window_start=window_start,
                    window_end=window_end,
                )

            outcomes[
                deliver(
                    delivery,
                    build=build,
                    connection=connection,
                    suppressed=user.email.lower() in suppressed,
                )
            ] += 1
    finally:
        connection.close()
    return dict(outcomes)


def delivery_retry(*, delivery_id: int) -> str:
    """Try a delivery again, rebuilding it (the audience is checked again now)."""
    delivery = Delivery.objects.filter(pk=delivery_id).first()
    if delivery is None or delivery.status != Delivery.Status.RETRYING:
        return "skipped"
    if delivery.kind == Delivery.Kind.IMMEDIATE:
        outcome = notification_deliver(notification_id=int(delivery.period[1:]))
        if outcome == "gone":
            Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.EMPTY)
        return outcome
    if delivery.kind == Delivery.Kind.NEWSLETTER:
        from .newsletter import newsletter_deliver_batch

        outcomes = newsletter_deliver_batch(
            period=delivery.period,
            window_start=delivery.window_start,
            window_end=delivery.window_end,
            subscriber_ids=[int(delivery.recipient[1:])],
        )
    else:
        outcomes = digest_deliver_batch(
            kind=delivery.kind,
            period=delivery.period,
            window_start=delivery.window_start,
            window_end=delivery.window_end,
            user_ids=[delivery.user_id],
        )
    if not outcomes:
        # The person or reader is gone (deactivated, unsubscribed): nothing more to try.
        Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.RETRYING).update(
            status=Delivery.Status.EMPTY, last_error="The recipient no longer receives this."
        )
    return ",".join(outcomes)
