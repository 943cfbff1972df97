"""Comments on what members share (issue 20): effort updates (asks are updates with an
ask), proposals, meetings and opportunities. One nullable foreign key per kind of target,
exactly one set, so "who may read a comment" is a plain filter on the target's own
`visible_to(user)`. Threads are one level deep: a reply answers a top-level comment of the
same target."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _target_models():
    """Kind in URLs and forms (also the name of the field naming the target) -> its model."""
    from .efforts import Update
    from .groups import Meeting, Proposal
    from .opportunities import Opportunity

    return {"update": Update, "proposal": Proposal, "meeting": Meeting, "opportunity": Opportunity}


def target_model(kind: str):
    """The model of a target kind ("update", "proposal"...), or None."""
    return _target_models().get(kind)


def kind_of(target) -> str:
    for kind, model in _target_models().items():
        if isinstance(target, model):
            return kind
    raise ValueError(f"{type(target).__name__} takes no comments")


class CommentQuerySet(models.QuerySet):
    def visible_to(self, user, *, kinds=None):
        """A comment is read by whoever may see what it comments on, through that model's
        own `visible_to(user)` (correlated, so a page asking for the comments of a few
        targets does not compute every visible target). `kinds` (issue 22): only comments on
        those kinds of target are wanted, so only their rules are built (a comment has
        exactly one target; the others' conditions could not hold)."""
        condition = Q()
        for kind, model in _target_models().items():
            if kinds is not None and kind not in kinds:
                continue
            visible = model.objects.visible_to(user).filter(pk=OuterRef(f"{kind}_id"))
            condition |= Q(Exists(visible))
        if not condition:  # no kind asked for: nothing, never every comment
            return self.none()
        return self.filter(condition)


class Comment(models.Model):
    update = models.ForeignKey(
        "coordination.Update",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
        db_index=False,  # the (target, created_at) index below serves
    )
    proposal = models.ForeignKey(
        "coordination.Proposal",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
        db_index=False,  # the (target, created_at) index below serves
    )
    meeting = models.ForeignKey(
        "coordination.Meeting",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
        db_index=False,  # the (target, created_at) index below serves
    )
    opportunity = models.ForeignKey(
        "coordination.Opportunity",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
        db_index=False,  # the (target, created_at) index below serves
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # Kept under "a former member" when the author deletes their account.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment (Markdown)"), max_length=5000, blank=True)
    body_html = models.TextField(editable=False, blank=True)  # rendered and sanitized, nh3
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    # A deleted comment that has replies stays as "Comment deleted", its text gone.
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(update__isnull=False, proposal__isnull=True)
                    & Q(meeting__isnull=True, opportunity__isnull=True)
                )
                | (
                    Q(update__isnull=True, proposal__isnull=False)
                    & Q(meeting__isnull=True, opportunity__isnull=True)
                )
                | (
                    Q(update__isnull=True, proposal__isnull=True)
                    & Q(meeting__isnull=False, opportunity__isnull=True)
                )
                | (
                    Q(update__isnull=True, proposal__isnull=True)
                    & Q(meeting__isnull=True, opportunity__isnull=False)
                ),
                name="comment_exactly_one_target",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="comment_not_its_own_parent"
            ),
        ]
        indexes = [
            models.Index(fields=["update", "created_at"], name="comment_update_idx"),
            models.Index(fields=["proposal", "created_at"], name="comment_proposal_idx"),
            models.Index(fields=["meeting", "created_at"], name="comment_meeting_idx"),
            models.Index(fields=["opportunity", "created_at"], name="comment_opportunity_idx"),
        ]

    def __str__(self):
        return f"Comment {self.pk} on {self.target_kind} {self.target_id}"

    @property
    def target_kind(self) -> str:
        for kind in _target_models():
            if getattr(self, f"{kind}_id") is not None:
                return kind
        return ""

    @property
    def target_id(self):
        kind = self.target_kind
        return getattr(self, f"{kind}_id") if kind else None

    @property
    def target(self):
        kind = self.target_kind
        return getattr(self, kind) if kind else None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
