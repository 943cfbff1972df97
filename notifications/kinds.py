"""The catalogue of notifications: what each kind is, who may choose what, and its default.

A kind is either *personal* (a row per person, written when the event happens: a mention,
a case update) or a *digest section* (computed when the digest is built, from each app's
`wsr_digest_sections` hook: new resources matching a person's interests). Sections have no
"immediately": a new resource reaches hundreds of people, and a mail per resource per
person is what the digest is for.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Mode(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately")
    DAILY = "daily", _("In the daily digest")
    WEEKLY = "weekly", _("In the weekly digest")
    NEVER = "never", pgettext_lazy("notification mode", "Never")


@dataclass(frozen=True)
class Kind:
    key: str
    app: str
    label: str
    description: str
    default: str
    is_section: bool = False
    members_only: bool = False

    @property
    def modes(self) -> list[str]:
        if self.is_section:
            return [Mode.DAILY, Mode.WEEKLY, Mode.NEVER]
        return [Mode.IMMEDIATE, Mode.DAILY, Mode.WEEKLY, Mode.NEVER]


APPS = {
    "repository": _("Learning platform"),
    "assistance": _("Assistance"),
    "coordination": _("Coordination"),
    "promotion": _("Publications"),
}

KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in [
        Kind(
            "resource_published",
            "repository",
            _("New resources"),
            _("New resources in the sectors, principles and kinds you follow."),
            Mode.WEEKLY,
            is_section=True,
        ),
        Kind(
            "event_reminder",
            "repository",
            _("Event reminders"),
            _("A reminder the day before an event you registered for."),
            Mode.IMMEDIATE,
        ),
        Kind(
            "event_waitlist",
            "repository",
            _("Waiting list"),
            _("When a place opens for you at an event."),
            Mode.IMMEDIATE,
        ),
        Kind(
            "case_update",
            "assistance",
            _("Assistance cases"),
            _("Updates on the assistance cases you take part in."),
            Mode.IMMEDIATE,
        ),
        Kind(
            "assessment_stage",
            "assistance",
            _("Assessments"),
            _("Stage changes of assessments you work on or your initiative's assessment."),
            Mode.IMMEDIATE,
        ),
        Kind(
            "effort_update",
            "coordination",
            _("Updates on efforts you follow"),
            _("New updates posted on the campaigns and efforts you follow."),
            Mode.DAILY,
        ),
        Kind(
            "effort_overlap",
            "coordination",
            _("Overlapping efforts"),
            _("When another effort targets a company your effort targets."),
            Mode.IMMEDIATE,
        ),
        Kind(
            "effort_ownership",
            "coordination",
            _("Efforts handed to you"),
            _("When someone hands you an effort to run."),
            Mode.IMMEDIATE,
        ),
        Kind(
            "effort_partner",
            "coordination",
            _("Your organization named partner"),
            _("When an effort names an organization you administer as its partner."),
            Mode.IMMEDIATE,
        ),
        Kind(
            "group_mention",
            "coordination",
            _("Mentions"),
            _("When someone mentions you in a working group."),
            Mode.IMMEDIATE,
        ),
        Kind(
            "comment_mention",
            "coordination",
            _("Mentions in comments"),
            _("When someone mentions you in a comment on an update, proposal, meeting or map."),
            Mode.IMMEDIATE,
            members_only=True,
        ),
        Kind(
            "comment_reply",
            "coordination",
            _("Comments and replies"),
            _("Comments on what you posted, and replies to your comments."),
            Mode.IMMEDIATE,
            members_only=True,
        ),
        Kind(
            "group_invitation",
            "coordination",
            _("Working group invitations"),
            _(
                "When a convener invites you to a working group, and when your request to "
                "join one is answered."
            ),
            Mode.IMMEDIATE,
        ),
        Kind(
            "group_request",
            "coordination",
            _("Requests to join your working groups"),
            _("Requests to join the groups you convene, and answers to your invitations."),
            Mode.IMMEDIATE,
        ),
        Kind(
            "group_activity",
            "coordination",
            _("Working group activity"),
            _("New threads and proposals closing soon in your working groups."),
            Mode.DAILY,
        ),
        Kind(
            "help_offered",
            "coordination",
            _("Offers of help"),
            _("When an organization offers help on an ask of an effort you run."),
            Mode.IMMEDIATE,
            members_only=True,
        ),
        Kind(
            "direct_message",
            "coordination",
            _("Messages"),
            _("New messages in your private conversations."),
            Mode.IMMEDIATE,
            members_only=True,
        ),
        Kind(
            "result_update",
            "coordination",
            _("Follow-through of decisions"),
            _("Progress on the results of your working groups' decisions."),
            Mode.DAILY,
        ),
        Kind(
            "meeting_reminder",
            "coordination",
            _("Meeting reminders"),
            _(
                "A reminder the day before a meeting you said you would (or might) attend, "
                "and a note if it is cancelled."
            ),
            Mode.IMMEDIATE,
            members_only=True,
        ),
        Kind(
            "item_review",
            "coordination",
            _("Review of what you publish"),
            _("When staff approve or decline making public an item you added."),
            Mode.IMMEDIATE,
            members_only=True,
        ),
        Kind(
            "funding_deadline",
            "coordination",
            _("Funding deadlines"),
            _("Funding opportunities closing in the next two weeks in your sectors and countries."),
            Mode.WEEKLY,
            is_section=True,
        ),
        Kind(
            "publication_published",
            "promotion",
            _("New publications"),
            _("New articles, critiques and publications of the Collaborative."),
            Mode.WEEKLY,
            is_section=True,
        ),
    ]
}
