"""Working groups: members, threads (Markdown, sanitized), meetings with minutes, and
decisions taken by vote, one per person or one per organization."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wsr.members.models import unique_slug

from .audience import AudienceQuerySet, HasAudience, group_ids_of


class WorkingGroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Open groups to every member; invitation-only groups to their members; all to
        staff. The public, and people no longer members, see none: working groups are the
        members' space."""
        from wsr.members.roles import is_member, is_staff

        if is_staff(user):
            return self.all()
        if user is None or not is_member(user):
            return self.none()
        return self.filter(Q(pk__in=group_ids_of(user)) | Q(is_open=True))

    def listed_to(self, user):
        """Every group, by name and purpose only, to members and staff (issue 20): so a
        member can find an invitation-only group and ask to join it. Its discussion,
        meetings and decisions stay behind `visible_to`."""
        from wsr.members.roles import is_member

        return self.all() if is_member(user) else self.none()


class WorkingGroup(models.Model):
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(max_length=180, unique=True, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    is_open = models.BooleanField(
        _("open to all members"),
        default=True,
        help_text=_("Otherwise members join by invitation of a convener or staff."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(default=False)

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(WorkingGroup, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("coordination:group-detail", kwargs={"slug": self.slug})


class GroupMembership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        CONVENER = "convener", _("Convener")

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="unique_group_member")
        ]

    def __str__(self):
        return f"{self.user} in {self.group}"


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A group's discussion is for its members who are members of the Collaborative
        (and staff)."""
        from wsr.members.roles import is_member, is_staff

        if is_staff(user):
            return self.all()
        if user is None or not is_member(user):
            return self.none()
        return self.filter(group__in=group_ids_of(user))


class Thread(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-last_post_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "coordination:thread-detail", kwargs={"slug": self.group.slug, "pk": self.pk}
        )


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message (Markdown)"), max_length=20000)
    body_html = models.TextField(editable=False)  # rendered and sanitized once, with nh3
    created_at = models.DateTimeField(default=timezone.now)
    # Set when the author changes it: readers see "edited" (issue 20).
    edited_at = models.DateTimeField(null=True, blank=True)
    # A thread's first message deleted while replies follow it: its text is gone and the
    # thread shows "Message deleted" in its place, so the replies keep their context.
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Post {self.pk} in {self.thread_id}"


class Meeting(HasAudience):
    group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="meetings", null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place or link"), max_length=300, blank=True)
    # Issue 20: shown only to people who may attend (permissions.can_see_online_link), never
    # in a public page or the public feed.
    online_url = models.URLField(
        _("online meeting link"),
        max_length=500,
        blank=True,
        help_text=_("Shown only to the people who may attend, never publicly."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agenda = models.TextField(_("agenda (Markdown)"), blank=True)
    minutes = models.TextField(_("minutes (Markdown)"), blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="meetings_attended"
    )
    is_demo = models.BooleanField(default=False)

    history = HistoricalRecords(related_name="+", m2m_fields=[])
    objects = AudienceQuerySet.as_manager()

    class Meta(HasAudience.Meta):
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("coordination:meeting-detail", kwargs={"pk": self.pk})


class Proposal(HasAudience):
    class VoterMode(models.TextChoices):
        PERSON = "person", _("One vote per person")
        ORGANIZATION = "organization", _("One vote per member organization")

    class Results(models.TextChoices):
        AFTER_CLOSE = "after_close", _("Shown after the vote closes")
        LIVE = "live", _("Shown live")

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("proposal"), max_length=20000)
    closes_at = models.DateTimeField(_("voting closes"))
    voter_mode = models.CharField(
        _("who votes"), max_length=15, choices=VoterMode.choices, default=VoterMode.PERSON
    )
    results = models.CharField(
        _("results"), max_length=12, choices=Results.choices, default=Results.AFTER_CLOSE
    )
    outcome = models.TextField(_("recorded outcome"), blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(default=False)

    history = HistoricalRecords(related_name="+")
    objects = AudienceQuerySet.as_manager()

    class Meta(HasAudience.Meta):
        ordering = ["-closes_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("coordination:proposal-detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return timezone.now() >= self.closes_at


# The usual answers, stored as a key and shown in each reader's language (issue 17): a
# proposal written in English reads "Sí / No / Abstención" on the Spanish site.
STANDARD_OPTIONS = {
    "yes": _("Yes"),
    "no": _("No"),
    "abstain": _("Abstain"),
}


def standard_option_key(label: str) -> str:
    """The key of `label` when it is one of the usual answers in any of the site's
    languages ("Yes", "sí", "Abstención"), else ""."""
    from django.utils import translation

    wanted = label.strip().casefold()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for key, wording in STANDARD_OPTIONS.items():
                if str(wording).casefold() == wanted:
                    return key
    return ""


class ProposalOption(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("option"), max_length=200)
    # One of STANDARD_OPTIONS, or "" for an option in the author's own words.
    key = models.CharField(max_length=20, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.display_label

    @property
    def display_label(self) -> str:
        """The option in the active language when it is a usual answer, else as written."""
        wording = STANDARD_OPTIONS.get(self.key)
        return str(wording) if wording is not None else self.label


class Vote(models.Model):
    """One ballot: per person, or per organization (then `organization` is set and the
    latest person to vote for it speaks for it)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    option = models.ForeignKey(ProposalOption, on_delete=models.CASCADE, related_name="votes")
    # Kept for the record when the voter deletes their account (issue 16).
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="coordination_votes",
    )
    organization = models.ForeignKey(
        "members.Organization", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    cast_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "voter"],
                condition=Q(organization__isnull=True),
                name="one_vote_per_person",
            ),
            models.UniqueConstraint(
                fields=["proposal", "organization"],
                condition=Q(organization__isnull=False),
                name="one_vote_per_organization",
            ),
        ]

    def __str__(self):
        return f"{self.voter} → {self.option}"
