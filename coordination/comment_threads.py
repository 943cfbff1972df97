"""Reads of comments (issue 20): the threads under each of a page's targets, or only their
number, in a few queries for the whole page (never one per target or comment), starting
from `Comment.objects.visible_to(user)`."""

from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from .models import Comment
from .models.comments import kind_of
from .permissions import can_comment, can_delete_comment, can_edit_comment

# A page of many targets (an effort's updates) shows the latest threads of each; all of
# them are on the target's own page.
THREADS_SHOWN = 5
# A target's own page (an update's comments) shows its threads by pages, oldest first like
# the latest few an effort's page shows, each thread with all its replies.
THREADS_PER_PAGE = 20


def comments_anchor(kind: str, pk) -> str:
    """The id of a target's comments on its page (`#...` in links)."""
    return f"{kind}-{pk}-comments"


@dataclass
class CommentSection:
    """The comments under one target, as `_comments.html` shows them."""

    kind: str
    target: object
    threads: list = field(default_factory=list)  # top-level comments, each with .reply_list
    count: int = 0  # comments that stand (not "Comment deleted")
    can_comment: bool = False
    # False on lists (the feed): only the number, with a link to where they are read
    has_threads: bool = True
    hidden: int = 0  # earlier threads left out (a list shows the latest few of each)
    page_obj: object = None  # on a target's own page: its threads by pages

    @property
    def anchor(self) -> str:
        return comments_anchor(self.kind, self.target.pk)

    @cached_property
    def post_url(self) -> str:
        return reverse("coordination:comment-create", args=[self.kind, self.target.pk])

    @cached_property
    def read_url(self) -> str:
        return reverse("coordination:comments-read", args=[self.kind, self.target.pk])


def _sections(user, targets, *, has_threads: bool) -> dict:
    """Empty sections of `targets`, loaded through their model's `visible_to(user)`: who
    may comment is the same for all of them."""
    kind = kind_of(targets[0])
    may_comment = can_comment(user, targets[0], visible=True)
    return {
        target.pk: CommentSection(
            kind=kind, target=target, can_comment=may_comment, has_threads=has_threads
        )
        for target in targets
    }


def comment_sections_attach(
    user, targets, *, threads: bool = True, shown: int | None = THREADS_SHOWN
) -> list:
    """Give each of `targets` (of one kind, loaded through their `visible_to(user)`) its
    `comment_section`, in a number of queries that does not grow with the targets nor
    the comments: the threads, or (`threads=False`, for lists such as the feed) only their
    number. With `shown`, the latest `shown` threads of each target with their replies (the
    numbers, then, if there is any, those threads); None: all of them (one query). Returns
    `targets` as a list."""
    targets = list(targets)
    if not targets:
        return targets
    kind = kind_of(targets[0])
    sections = _sections(user, targets, has_threads=threads)
    comments = Comment.objects.visible_to(user, kinds=[kind]).filter(
        **{f"{kind}_id__in": list(sections)}
    )
    if threads and shown is None:
        _threads_fill(user, sections, kind, comments, count=True)
    else:
        counts = (
            comments.order_by()
            .values_list(f"{kind}_id")
            .annotate(
                standing=Count("pk", filter=Q(deleted_at__isnull=True)),
                firsts=Count("pk", filter=Q(parent__isnull=True)),
            )
        )
        any_thread = False
        for target_id, standing, firsts in counts:
            sections[target_id].count = standing
            if threads:
                sections[target_id].hidden = max(firsts - shown, 0)
            any_thread = any_thread or firsts > 0
        if threads and any_thread:  # no comment at all: no second query
            _threads_fill(user, sections, kind, _latest_threads(comments, kind, shown))
    for target in targets:
        target.comment_section = sections[target.pk]
    return targets


def _latest_threads(comments, kind: str, shown: int):
    """Of `comments`, the latest `shown` top-level ones of each target (ranked in SQL) and
    their replies: one query, whatever the number of earlier threads."""
    latest = (
        comments.filter(parent=None)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F(f"{kind}_id")],
                order_by=[F("created_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=shown)
        .values("pk")
    )
    return comments.filter(Q(pk__in=latest) | Q(parent_id__in=latest))


def _threads_fill(user, sections, kind, comments, *, count: bool = False):
    """Put `comments` in their sections' threads, oldest first, replies under their first
    comment; `count`: they are all of them, so count those that stand too."""
    by_pk = {}
    replies = []
    for comment in comments.select_related("author__profile").order_by("created_at", "pk"):
        _mark(user, comment)
        section = sections[getattr(comment, f"{kind}_id")]
        if count and not comment.is_deleted:
            section.count += 1
        if comment.parent_id is None:
            by_pk[comment.pk] = comment
            section.threads.append(comment)
        else:
            replies.append(comment)
    for reply in replies:
        parent = by_pk.get(reply.parent_id)
        if parent is not None:
            parent.reply_list.append(reply)


def comment_section_for(user, target) -> CommentSection:
    """The comments under one target the view loaded through its `visible_to(user)`."""
    return comment_sections_attach(user, [target], shown=None)[0].comment_section


def _page_of(comments, comment_pk, per_page: int) -> int | None:
    """The page (oldest threads first) holding the thread of comment `comment_pk`."""
    comment = comments.filter(pk=comment_pk).select_related("parent").first()
    if comment is None:
        return None
    first = comment.parent or comment
    earlier = (
        comments.filter(parent=None)
        .filter(
            Q(created_at__lt=first.created_at) | Q(created_at=first.created_at, pk__lt=first.pk)
        )
        .count()
    )
    return earlier // per_page + 1


def comment_section_page(
    user, target, page=None, *, comment=None, per_page: int = THREADS_PER_PAGE
) -> CommentSection:
    """The comments under one target the view loaded through its `visible_to(user)`, one
    page of `per_page` threads (oldest first) with their replies: four queries whatever the
    number of comments (the standing comments, the threads, their number, their replies).
    `comment` (an id, without `page`): the page holding that comment's thread."""
    kind = kind_of(target)
    section = _sections(user, [target], has_threads=True)[target.pk]
    comments = Comment.objects.visible_to(user).filter(**{kind: target})
    if comment and not page:
        try:
            page = _page_of(comments, int(comment), per_page)
        except (TypeError, ValueError):
            page = None
    section.count = comments.filter(deleted_at__isnull=True).count()
    threads = (
        comments.filter(parent=None).select_related("author__profile").order_by("created_at", "pk")
    )
    section.page_obj = Paginator(threads, per_page).get_page(page)
    by_pk = {}
    for first in section.page_obj.object_list:
        _mark(user, first)
        by_pk[first.pk] = first
        section.threads.append(first)
    if by_pk:
        replies = comments.filter(parent_id__in=list(by_pk)).select_related("author__profile")
        for reply in replies.order_by("created_at", "pk"):
            _mark(user, reply)
            by_pk[reply.parent_id].reply_list.append(reply)
    target.comment_section = section
    return section


def _mark(user, comment):
    comment.reply_list = []
    comment.can_edit = can_edit_comment(user, comment)
    comment.can_delete = can_delete_comment(user, comment)
