"""Staff previews of every email this app sends, with sample data (nothing is sent)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kinds import APPS, KINDS
from .models import Notification
from .services.delivery import Message
from .services.digests import digest_render, notification_message
from .services.newsletter import Reader, newsletter_render

# One sample per personal kind: the app's template and the context its service passes.
SAMPLES = {
    "event_reminder": (
        "repository/email/event_reminder",
        {
            "title": "Worker-driven monitoring: an exchange",
            "url": "/events/sample/",
            "starts_at": "2026-12-03T20:00:00+00:00",
            "time_zone": "America/New_York",
        },
    ),
    "event_waitlist": (
        "repository/email/event_promoted",
        {
            "title": "Worker-driven monitoring: an exchange",
            "url": "/events/sample/",
            "starts_at": "2026-12-03T20:00:00+00:00",
            "time_zone": "America/New_York",
        },
    ),
    "case_update": (
        "assistance/email/status_changed",
        {
            "reference": "AR-2026-0042",
            "status": "In progress",
            "case_url": "/assistance/cases/AR-2026-0042/",
            "title": "Designing a complaint line",
            "site_url": "",
        },
    ),
    "assessment_stage": (
        "assistance/email/assessment_review",
        {
            "initiative": "Harbor Seafood Worker Voice",
            "assessment_url": "/assistance/assessments/1/",
            "site_url": "",
        },
    ),
    "effort_update": (
        "coordination/email/update_posted",
        {
            "effort": "Fair wages at Ahold Delhaize",
            "author": "María López",
            "body": "We met the company's sourcing team; they asked for our proposal in writing.",
            "ask": "Expertise",
            "effort_url": "/coordination/efforts/sample/",
            "site_url": "",
        },
    ),
    "effort_overlap": (
        "coordination/email/overlap",
        {
            "company": "Ahold Delhaize",
            "effort": "Fair wages at Ahold Delhaize",
            "other_effort": "Dairy workers' campaign",
            "other_owner": "Sam Rivera",
            "other_owner_email": "sam@example.org",
            "effort_url": "/coordination/efforts/sample/",
            "site_url": "",
        },
    ),
    "effort_ownership": (
        "coordination/email/effort_handed_over",
        {
            "effort": "Fair wages at Ahold Delhaize",
            "by": "María López",
            "effort_url": "/coordination/efforts/sample/",
            "site_url": "",
        },
    ),
    "effort_partner": (
        "coordination/email/effort_partner",
        {
            "effort": "Fair wages at Ahold Delhaize",
            "organization": "Coalition of Immokalee Workers",
            "by": "María López",
            "effort_url": "/coordination/efforts/sample/",
            "site_url": "",
        },
    ),
    "group_mention": (
        "coordination/email/mentioned",
        {
            "author": "María López",
            "group": "Dairy sector",
            "thread": "Audit findings",
            "excerpt": "@you could you share the worker-interview guide?",
            "thread_url": "/coordination/groups/dairy/threads/1/",
            "site_url": "",
        },
    ),
    "comment_mention": (
        "coordination/email/comment_mention",
        {
            "author": "María López",
            "target": "Fair wages at Ahold Delhaize",
            "kind": "update",
            "is_reply": False,
            "excerpt": "@you could you share the worker-interview guide?",
            "comment_url": "/coordination/efforts/sample/#comment-1",
            "site_url": "",
        },
    ),
    "comment_reply": (
        "coordination/email/comment_reply",
        {
            "author": "María López",
            "target": "Fair wages at Ahold Delhaize",
            "kind": "update",
            "is_reply": True,
            "excerpt": "We can send two people to the meeting with the buyer.",
            "comment_url": "/coordination/efforts/sample/#comment-2",
            "site_url": "",
        },
    ),
    "group_invitation": (
        "coordination/email/group_invitation",
        {
            "inviter": "María López",
            "group": "Dairy sector",
            "url": "/coordination/invitations/1/",
            "site_url": "",
        },
    ),
    "group_request": (
        "coordination/email/join_requested",
        {
            "person": "María López",
            "group": "Dairy sector",
            "message": "I run our audits and would like to help.",
            "url": "/coordination/groups/dairy/",
            "site_url": "",
        },
    ),
    "help_offered": (
        "coordination/email/help_offered",
        {
            "author": "Sam Rivera",
            "organization": "Dairy Workers United",
            "effort": "Fair wages at Ahold Delhaize",
            "excerpt": "We ran worker interviews in two plants last year and can share the guide.",
            "conversation_url": "/coordination/messages/1/",
            "site_url": "",
        },
    ),
    "direct_message": (
        "coordination/email/direct_message",
        {
            "author": "María López",
            "excerpt": "Could we talk on Thursday about the audit <findings>?",
            "conversation_url": "/coordination/messages/1/",
            "site_url": "",
        },
    ),
    "group_activity": (
        "coordination/email/thread_new",
        {
            "author": "María López",
            "group": "Dairy sector",
            "thread": "Audit findings",
            "excerpt": "Here are the findings of the last audit round.",
            "thread_url": "/coordination/groups/dairy/threads/1/",
            "site_url": "",
        },
    ),
    "meeting_reminder": (
        "coordination/email/meeting_reminder",
        {
            "title": "Dairy sector: monthly call",
            "group": "Dairy sector",
            "starts_at": "2026-12-03T16:00:00+00:00",
            "place": "Burlington office",
            "url": "/coordination/meetings/1/",
        },
    ),
    "item_review": (
        "coordination/email/item_reviewed",
        {"title": "Citrus pickers in Veracruz", "approved": True, "url": "/coordination/map/"},
    ),
    "result_update": (
        "coordination/email/result_update",
        {
            "author": "María López",
            "group": "Dairy sector",
            "result": "Joint letter to the three largest buyers",
            "status": "In progress",
            "progress": 60,
            "excerpt": "Two of the three buyers have answered; the third meets us next week.",
            "result_url": "/coordination/results/1/",
            "site_url": "",
        },
    ),
}


def catalogue() -> list[dict]:
    entries = [
        {"name": "digest-daily", "label": _("Daily digest")},
        {"name": "digest-weekly", "label": _("Weekly digest")},
        {"name": "newsletter", "label": _("Public newsletter")},
    ]
    for key in SAMPLES:
        entries.append({"name": f"kind-{key}", "label": KINDS[key].label})
    return entries


def _sample_groups():
    now = timezone.now()
    return [
        {
            "app": APPS["repository"],
            "entries": [
                {
                    "title": "Lessons from ten years of the Fair Food Program",
                    "url": "https://example.org/resources/lessons/",
                    "summary": "What worker-driven enforcement changed on the farms, in numbers.",
                    "date": now - timedelta(hours=5),
                    "kind": KINDS["resource_published"].label,
                },
                {
                    "title": "A checklist for binding agreements",
                    "url": "https://example.org/resources/checklist/",
                    "summary": "Twelve questions to ask before signing.",
                    "date": now - timedelta(hours=9),
                    "kind": KINDS["resource_published"].label,
                },
            ],
            "more": [{"count": 4, "label": KINDS["resource_published"].label}],
        },
        {
            "app": APPS["coordination"],
            "entries": [
                {
                    "title": "New update on Fair wages at Ahold Delhaize",
                    "url": "https://example.org/coordination/efforts/sample/",
                    "kind": KINDS["effort_update"].label,
                },
            ],
            "more": [],
        },
    ]


class _SampleUser:
    pk = 0
    email = "organizer@example.org"
    display_name = "María López"
    is_active = True

    def __init__(self, language):
        self.profile = type(
            "P", (), {"preferred_language": language, "time_zone": "America/New_York"}
        )


def render(name: str, *, language: str, user) -> Message | None:
    now = timezone.now()
    if name in ("digest-daily", "digest-weekly"):
        kind = name.split("-")[1]
        sample = _SampleUser(language)
        sample.pk = user.pk  # a real id, so the sample's unsubscribe link is well-formed
        return digest_render(
            user=sample,
            kind=kind,
            groups=_sample_groups(),
            window_start=now - timedelta(days=1 if kind == "daily" else 7),
            window_end=now,
        )
    if name == "newsletter":
        reader = Reader(
            0, "reader@example.org", language, "https://example.org/newsletter/unsubscribe/sample/"
        )
        return newsletter_render(reader=reader, groups=_sample_groups()[:1], period="2026-W48")
    key = name.removeprefix("kind-")
    if key not in SAMPLES:
        return None
    template, context = SAMPLES[key]
    sample = _SampleUser(language)
    sample.pk = user.pk
    notification = Notification(
        kind=key,
        template=template,
        context=context,
        url=context.get("url", ""),
        created_at=now,
    )
    return notification_message(notification, user=sample, check_mode=False)
