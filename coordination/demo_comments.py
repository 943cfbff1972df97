"""Demo comments (issue 20): a short exchange under the newest members' update, so the
comments are seen on the demo site. Written directly (no notifications, no rate limit)."""

from .models import Audience, Comment, Update
from .services.groups import render_markdown

EXCHANGE = [
    ("member@wsr.test", "We met their sourcing team last year: happy to share our notes. (demo)"),
    ("orgadmin@wsr.test", "Yes please, **before Thursday** if you can. (demo)"),
]


def comments_seed(people) -> int:
    update = (
        Update.objects.filter(effort__audience=Audience.MEMBERS, effort__is_demo=True)
        .order_by("-created_at")
        .first()
    )
    if update is None or Comment.objects.filter(update=update).exists():
        return 0
    parent = None
    for email, body in EXCHANGE:
        author = people.get(email)
        if author is None:
            continue
        comment = Comment.objects.create(
            update=update, parent=parent, author=author, body=body, body_html=render_markdown(body)
        )
        parent = parent or comment
    return Comment.objects.filter(update=update).count()
