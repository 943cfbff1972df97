"""Comments on updates (and asks), proposals, meetings and opportunities (issue 20): one
level of replies, sanitized Markdown, @mentions, edit and delete by the author. They share
the write limit of threads and posts, and reach people through the notifications app.

Who a @mention can reach: any active person whose handle it is and who may see the target
(its model's `visible_to`), found with one bounded query per comment (at most
MAX_MENTIONS handles; people whose unaccented name, display name or e-mail starts with a
handle's first part), then compared with `handle_of` in Python. A person who blocked the
author is never reached, by a mention, a reply or a comment on what they own."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Comment
from ..models.comments import kind_of
from ..permissions import blockers_of, can_comment, can_delete_comment, can_edit_comment
from .groups import MENTION, handle_of, render_markdown
from .limits import write_check

MAX_LENGTH = 5000
MAX_MENTIONS = 10  # distinct handles looked at in one comment (the first ones written)
MAX_CANDIDATES = 500  # people whose name starts like one of those handles


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write your comment."))
    if len(body) > MAX_LENGTH:
        raise ValidationError(
            _("A comment holds at most %(count)d characters.") % {"count": MAX_LENGTH}
        )
    return body


# What a comment is on -------------------------------------------------------------------


def target_title(target) -> str:
    kind = kind_of(target)
    if kind == "update":
        return target.effort.name
    return target.title


def target_owner_ids(target) -> set[int]:
    """Who "wrote or owns" the target, told of new top-level comments."""
    kind = kind_of(target)
    field = {
        "update": "author_id",
        "proposal": "created_by_id",
        "meeting": "created_by_id",
        "opportunity": "owner_id",
    }[kind]
    owner = getattr(target, field, None)
    return {owner} if owner else set()


def target_url(target) -> str:
    """The page showing `target` with all its comments: an update's own page (its effort's
    page lists only the latest threads of each update, and an update moves to later pages
    as news comes)."""
    if kind_of(target) != "update":
        return target.get_absolute_url()
    from django.urls import reverse

    return reverse("coordination:comments-read", args=["update", target.pk])


def comment_url(comment: Comment) -> str:
    """Where `comment` is read: on an update's page, the page of its thread (threads come
    by pages, oldest first)."""
    url = target_url(comment.target)
    if comment.target_kind == "update":
        url = f"{url}?comment={comment.pk}"
    return f"{url}#comment-{comment.pk}"


# Who hears of it --------------------------------------------------------------------------


def _handles(text: str) -> list[str]:
    """The distinct @handles of `text`, in the order written, at most MAX_MENTIONS."""
    handles = []
    for handle in MENTION.findall(text or ""):
        handle = handle.lower()
        if handle not in handles:
            handles.append(handle)
    return handles[:MAX_MENTIONS]


def _candidates(handles: list[str]):
    """The active people whose handle may be one of `handles`: their display name, first
    name (accents aside) or e-mail starts like the handle's first part. One query."""
    from wsr.members.models import User

    starts = Q()
    for first in {handle.split("-")[0] for handle in handles}:
        starts |= (
            Q(profile__display_name__unaccent__istartswith=first)
            | Q(first_name__unaccent__istartswith=first)
            | Q(email__istartswith=first)
        )
    return (
        User.objects.filter(starts, is_active=True)
        .select_related("profile")
        .order_by("pk")[:MAX_CANDIDATES]
    )


def mentions_of(target, text: str, *, author) -> list:
    """The people named by @handle in `text` who may see `target`, other than the author
    and anyone who blocked the author. Queries: one for the people, one for the blocks, and
    a visibility check for each person named (at most MAX_MENTIONS), whatever the number
    of members."""
    handles = _handles(text)
    if not handles:
        return []
    named = [
        person
        for person in _candidates(handles)
        if person.pk != author.pk and handle_of(person) in handles
    ][:MAX_MENTIONS]
    if not named:
        return []
    blocked_by = blockers_of(author)
    model = type(target)
    return [
        person
        for person in named
        if person.pk not in blocked_by
        and model.objects.visible_to(person).filter(pk=target.pk).exists()
    ]


def _context(comment: Comment, *, author) -> dict:
    target = comment.target
    return {
        "author": author.display_name,
        "target": target_title(target),
        "kind": kind_of(target),
        "is_reply": comment.parent_id is not None,
        "excerpt": comment.body[:400],
        "comment_url": comment_url(comment),
        "site_url": settings.SITE_URL,
    }


def _notify(comment: Comment, *, author, mentioned, reply_to: set[int]):
    from notifications.services import notify
    from wsr.members.models import User

    context = _context(comment, author=author)
    url = context["comment_url"]
    if mentioned:
        notify(
            users=mentioned,
            exclude=[author],
            kind="comment_mention",
            template="coordination/email/comment_mention",
            context=context,
            target=comment,
            url=url,
        )
    skip = {author.pk, *blockers_of(author), *(p.pk for p in mentioned)}
    reply_to = reply_to - skip
    if reply_to:
        notify(
            users=list(User.objects.filter(pk__in=reply_to)),
            kind="comment_reply",
            template="coordination/email/comment_reply",
            context=context,
            target=comment,
            url=url,
        )


# Writes ---------------------------------------------------------------------------------


@transaction.atomic
def comment_create(*, target, author, body: str, parent: Comment | None = None) -> Comment:
    """A comment on `target`, or a reply to one of its top-level comments."""
    if not can_comment(author, target):
        raise PermissionDenied(_("Only members who may see this can comment on it."))
    kind = kind_of(target)
    if parent is not None:
        if getattr(parent, f"{kind}_id") != target.pk:
            raise ValidationError(_("Reply to a comment on the same page."))
        if parent.parent_id is not None:
            raise ValidationError(_("Replies go one level deep: reply to the first comment."))
        if parent.deleted_at is not None:
            raise ValidationError(_("This comment was deleted: it takes no more replies."))
    body = _clean_body(body)
    write_check(author)
    comment = Comment.objects.create(
        **{kind: target},
        parent=parent,
        author=author,
        body=body,
        body_html=render_markdown(body),
    )
    mentioned = mentions_of(target, body, author=author)
    reply_to = {parent.author_id} if parent is not None and parent.author_id else set()
    if parent is None:
        reply_to = target_owner_ids(target)
    _notify(comment, author=author, mentioned=mentioned, reply_to=reply_to)
    return comment


@transaction.atomic
def comment_edit(*, comment: Comment, actor, body: str) -> Comment:
    """The author changes their comment: readers see "edited"; people newly mentioned are
    told, nobody else again."""
    if not can_edit_comment(actor, comment):
        raise PermissionDenied(_("Only the author changes a comment."))
    body = _clean_body(body)
    write_check(actor)
    before = {p.pk for p in mentions_of(comment.target, comment.body, author=actor)}
    comment.body = body
    comment.body_html = render_markdown(body)
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "body_html", "edited_at"])
    mentioned = [p for p in mentions_of(comment.target, body, author=actor) if p.pk not in before]
    if mentioned:
        _notify(comment, author=actor, mentioned=mentioned, reply_to=set())
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, actor) -> bool:
    """Delete a comment (the author, or staff moderating). One with replies stays as
    "Comment deleted" with its text gone; one without is removed, and so is a deleted
    first comment whose last reply this was. True when the row is gone."""
    if not can_delete_comment(actor, comment):
        raise PermissionDenied(_("Only the author or staff delete a comment."))
    if comment.replies.exists():
        comment.body = ""
        comment.body_html = ""
        comment.deleted_at = timezone.now()
        comment.save(update_fields=["body", "body_html", "deleted_at"])
        return False
    parent_id = comment.parent_id
    comment.delete()
    if parent_id:
        Comment.objects.filter(pk=parent_id, deleted_at__isnull=False).exclude(
            pk__in=Comment.objects.filter(parent_id=parent_id).values("parent_id")
        ).delete()
    return True
