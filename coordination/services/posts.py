"""Authors edit and delete their own messages in working-group threads (issue 20).

Deleting: a reply is removed; the first message of a thread without replies removes the
thread; the first message of a thread with replies loses its text and reads "Message
deleted", so the replies keep their place. Staff may delete any message (moderation).
Edits are re-rendered through the same sanitizer, do not count against the write limit and
do not notify anyone again (mentions are sent once, when a message is first posted)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Post, Thread
from ..permissions import can_delete_post, can_edit_post
from .groups import render_markdown


@transaction.atomic
def post_edit(*, post: Post, actor, body: str) -> Post:
    """The author rewrites their message; readers see "edited"."""
    if not can_edit_post(actor, post):
        raise PermissionDenied(_("Only the author changes a message."))
    body = body.strip()
    if not body:
        raise ValidationError(_("Write your message."))
    post.body = body
    post.body_html = render_markdown(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    return post


def _is_first(post: Post) -> bool:
    first = Post.objects.filter(thread_id=post.thread_id).order_by("created_at", "pk").first()
    return first is not None and first.pk == post.pk


@transaction.atomic
def post_delete(*, post: Post, actor) -> str:
    """Delete a message; what happened: "post", "thread" or "blanked"."""
    if not can_delete_post(actor, post):
        raise PermissionDenied(_("Only the author and staff delete a message."))
    thread_id = post.thread_id
    if _is_first(post):
        if not Post.objects.filter(thread_id=thread_id).exclude(pk=post.pk).exists():
            Thread.objects.filter(pk=thread_id).delete()
            return "thread"
        post.body = ""
        post.body_html = ""
        post.deleted_at = timezone.now()
        post.save(update_fields=["body", "body_html", "deleted_at"])
        return "blanked"
    post.delete()
    latest = Post.objects.filter(thread_id=thread_id).aggregate(at=Max("created_at"))["at"]
    if latest is not None:
        Thread.objects.filter(pk=thread_id).update(last_post_at=latest)
    return "post"
