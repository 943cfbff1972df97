"""Comments on updates (and asks), proposals, meetings and opportunities (issue 20): one
level of replies, sanitized Markdown, @mentions, edit and delete by the author. They share
the write limit of threads and posts, and reach people through the notifications app.

Who a @mention can reach: only people who may see the target, found among a bounded set
of candidates (never the whole directory): the target's author or owner, the people who
commented on it already, the members of its working group (a group's proposal or meeting,
a group-audience effort), the people of an effort's lead organizations and of an
opportunity's worker organizations. A person who blocked the author is never reached, by a
mention or by a reply."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Comment, GroupMembership
from ..models.comments import kind_of
from ..permissions import blockers_of, can_comment, can_delete_comment, can_edit_comment
from .groups import MENTION, handle_of, render_markdown
from .limits import write_check

MAX_LENGTH = 5000
MAX_MENTIONS = 20  # distinct handles looked at in one comment
MAX_CANDIDATES = 5000


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
    return f"{target_url(comment.target)}#comment-{comment.pk}"


# Who hears of it --------------------------------------------------------------------------


def _candidates(target):
    """The people a @handle in a comment on `target` may name (before visibility)."""
    from wsr.members.models import User

    kind = kind_of(target)
    people = Q(pk__in=Comment.objects.on(target).exclude(author=None).values("author_id"))
    owners = target_owner_ids(target)
    if owners:
        people |= Q(pk__in=owners)
    group_id = None
    if kind == "update":
        effort = target.effort
        if effort.owner_id:
            people |= Q(pk=effort.owner_id)
        people |= Q(affiliations__organization__in=effort.lead_organizations.values("pk"))
        group_id = effort.working_group_id
    elif kind in ("proposal", "meeting"):
        group_id = target.group_id or target.working_group_id
    elif kind == "opportunity":
        people |= Q(affiliations__organization__in=target.worker_organizations.values("pk"))
    if group_id:
        people |= Q(pk__in=GroupMembership.objects.filter(group_id=group_id).values("user_id"))
    return (
        User.objects.filter(people, is_active=True)
        .select_related("profile")
        .distinct()[:MAX_CANDIDATES]
    )


def mentions_of(target, text: str, *, author) -> list:
    """The people named by @handle in `text` who may see `target`, other than the author
    and anyone who blocked the author."""
    handles = {m.lower() for m in MENTION.findall(text)}
    if not handles:
        return []
    handles = set(sorted(handles)[:MAX_MENTIONS])
    blocked_by = blockers_of(author)
    model = type(target)
    found = []
    for person in _candidates(target):
        if person.pk == author.pk or person.pk in blocked_by:
            continue
        if handle_of(person) not in handles:
            continue
        if model.objects.visible_to(person).filter(pk=target.pk).exists():
            found.append(person)
    return found


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
