"""Comments on updates, proposals, meetings and opportunities (issue 20): one level of
replies, sanitized Markdown, mentions that reach only people who may see the target and did
not block the author, edit and delete by the author, the write limit of threads, and pages
whose query count does not grow with the comments."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coordination import services
from coordination.models import (
    Block,
    Comment,
    GroupMembership,
    Meeting,
    Update,
    WorkingGroup,
)
from coordination.personal_data import personal_data
from coordination.services.comments import comment_create, comment_delete, comment_edit
from coordination.services.groups import handle_of
from notifications.models import Notification
from tests.coordination.builders import effort, opportunity
from tests.members.factories import AffiliationFactory, StaffFactory, UserFactory, member
from wsr.members.services import user_delete

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return AffiliationFactory(user__first_name="Olga", user__last_name="Owner").user


@pytest.fixture
def update(owner):
    made = effort("members", None, owner, organization=owner.affiliations.get().organization)
    return services.update_post(effort=made, author=owner, body="We met the buyer.")


def _kinds(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def _group_proposal():
    group = WorkingGroup.objects.create(name="Strategy group", is_open=False)
    convener = member()
    GroupMembership.objects.create(group=group, user=convener, role="convener")
    proposal = services.proposal_create(
        group=group,
        actor=convener,
        title="Adopt the code",
        text="Shall we?",
        options=["Yes", "No"],
        closes_at=timezone.now() + timedelta(days=3),
    )
    return group, convener, proposal


# Writing, replying, editing, deleting ---------------------------------------------------


def test_a_member_comments_on_an_update_and_its_author_is_told(update, owner):
    rosa = member()
    comment = comment_create(target=update, author=rosa, body="We can help with **that**.")
    assert comment.update == update and comment.parent is None
    assert "<strong>that</strong>" in comment.body_html
    assert _kinds(owner) == ["comment_reply"]
    assert _kinds(rosa) == []


def test_a_reply_tells_the_comments_author_and_replies_go_one_level_deep(update, owner):
    rosa, sam = member(), member()
    first = comment_create(target=update, author=rosa, body="A question")
    reply = comment_create(target=update, author=sam, body="An answer", parent=first)
    assert reply.parent == first
    assert "comment_reply" in _kinds(rosa)
    with pytest.raises(ValidationError):
        comment_create(target=update, author=rosa, body="Deeper", parent=reply)
    other = services.update_post(effort=update.effort, author=owner, body="Another")
    with pytest.raises(ValidationError):
        comment_create(target=other, author=rosa, body="Elsewhere", parent=first)


def test_the_author_edits_their_comment_and_readers_see_edited(client, update):
    rosa = member()
    comment = comment_create(target=update, author=rosa, body="Frist")
    client.force_login(rosa)
    page = client.get(f"/coordination/comments/{comment.pk}/edit/")
    assert page.status_code == 200 and "Frist" in page.content.decode()
    response = client.post(f"/coordination/comments/{comment.pk}/edit/", {"body": "First"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    comment.refresh_from_db()
    assert comment.body == "First" and comment.edited_at is not None
    page = client.get(update.effort.get_absolute_url()).content.decode()
    assert f'id="comment-{comment.pk}"' in page and "edited" in page


def test_only_the_author_edits_and_staff_may_delete(client, update):
    rosa, sam, staff = member(), member(), StaffFactory()
    comment = comment_create(target=update, author=rosa, body="Mine")
    client.force_login(sam)
    assert client.get(f"/coordination/comments/{comment.pk}/edit/").status_code == 403
    assert client.post(f"/coordination/comments/{comment.pk}/delete/").status_code == 403
    with pytest.raises(PermissionDenied):
        comment_edit(comment=comment, actor=staff, body="Staff words")
    client.force_login(staff)
    assert client.post(f"/coordination/comments/{comment.pk}/delete/").status_code == 302
    assert not Comment.objects.filter(pk=comment.pk).exists()


def test_a_deleted_comment_with_replies_shows_comment_deleted(client, update):
    rosa, sam = member(), member()
    first = comment_create(target=update, author=rosa, body="Secret plan")
    reply = comment_create(target=update, author=sam, body="Agreed", parent=first)
    lonely = comment_create(target=update, author=rosa, body="Alone")
    assert comment_delete(comment=lonely, actor=rosa) is True
    assert not Comment.objects.filter(pk=lonely.pk).exists()
    assert comment_delete(comment=first, actor=rosa) is False
    first.refresh_from_db()
    assert first.is_deleted and first.body == "" and first.body_html == ""
    client.force_login(sam)
    page = client.get(update.effort.get_absolute_url()).content.decode()
    assert "Comment deleted" in page and "Secret plan" not in page and "Agreed" in page
    # the last reply gone, the empty first comment goes too
    comment_delete(comment=reply, actor=sam)
    assert not Comment.objects.filter(pk=first.pk).exists()


def test_a_former_members_comment_stays_under_a_former_member(client, update):
    rosa = member()
    comment = comment_create(target=update, author=rosa, body="Kept for the record")
    assert personal_data(rosa)["comments"][0]["body"] == "Kept for the record"
    user_delete(user=rosa)
    comment.refresh_from_db()
    assert comment.author is None and comment.body == "Kept for the record"
    client.force_login(member())
    page = client.get(update.effort.get_absolute_url()).content.decode()
    assert "Kept for the record" in page and "a former member" in page


# Who may read and write -----------------------------------------------------------------


def test_a_member_of_another_group_can_neither_read_nor_post_on_a_group_proposal(client):
    group, convener, proposal = _group_proposal()
    comment = comment_create(target=proposal, author=convener, body="Group eyes only")
    stranger = member()
    other = WorkingGroup.objects.create(name="Other group")
    GroupMembership.objects.create(group=other, user=stranger)
    assert not Comment.objects.visible_to(stranger).filter(pk=comment.pk).exists()
    assert Comment.objects.visible_to(convener).filter(pk=comment.pk).exists()
    client.force_login(stranger)
    url = f"/coordination/comments/proposal/{proposal.pk}/"
    assert client.post(url, {"body": "Let me in"}).status_code == 404
    assert client.get(f"/coordination/comments/{comment.pk}/edit/").status_code == 404
    assert client.post(f"/coordination/comments/{comment.pk}/delete/").status_code == 404
    assert Comment.objects.count() == 1
    with pytest.raises(PermissionDenied):
        comment_create(target=proposal, author=stranger, body="Let me in")
    # the convener reads it on the proposal's page and comments there
    client.force_login(convener)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Group eyes only" in page
    response = client.post(url, {"body": "Second thoughts"})
    assert response.status_code == 302 and "#comment-" in response["Location"]


def test_the_public_never_comments(client, owner):
    public_effort = effort("public", None, owner)
    update = services.update_post(effort=public_effort, author=owner, body="Public news")
    url = f"/coordination/comments/update/{update.pk}/"
    assert client.post(url, {"body": "Hi"}).status_code == 302  # to sign in
    client.force_login(UserFactory())  # an account, no member organization
    assert client.post(url, {"body": "Hi"}).status_code == 403
    page = client.get(public_effort.get_absolute_url()).content.decode()
    assert "Add a comment" not in page
    client.force_login(member())
    assert client.post(url, {"body": "Hi"}).status_code == 302
    assert client.post("/coordination/comments/nothing/1/", {"body": "Hi"}).status_code == 404
    assert Comment.objects.count() == 1


def test_comments_on_meetings_and_opportunities_follow_their_audience(client, owner):
    group = WorkingGroup.objects.create(name="Dairy", is_open=False)
    insider, outsider = member(), member()
    GroupMembership.objects.create(group=group, user=insider)
    meeting = Meeting.objects.create(
        group=group,
        title="Convening",
        starts_at=timezone.now() + timedelta(days=2),
        audience="group",
        working_group=group,
    )
    spot = opportunity("staff", None, owner)
    client.force_login(insider)
    assert (
        client.post(f"/coordination/comments/meeting/{meeting.pk}/", {"body": "Yes"}).status_code
        == 302
    )
    assert (
        client.post(f"/coordination/comments/opportunity/{spot.pk}/", {"body": "x"}).status_code
        == 404
    )
    client.force_login(outsider)
    assert (
        client.post(f"/coordination/comments/meeting/{meeting.pk}/", {"body": "Me"}).status_code
        == 404
    )
    assert Comment.objects.count() == 1
    client.force_login(insider)
    assert "Yes" in client.get(meeting.get_absolute_url()).content.decode()


# Bad input ------------------------------------------------------------------------------


def test_markdown_is_sanitized(client, update):
    rosa = member()
    body = 'Hello <script>alert("x")</script> [link](javascript:alert(1)) <img src=x onerror=y>'
    comment = comment_create(target=update, author=rosa, body=body)
    assert "<script" not in comment.body_html and "javascript:" not in comment.body_html
    assert "<img" not in comment.body_html and "onerror" not in comment.body_html
    client.force_login(rosa)
    page = client.get(update.effort.get_absolute_url()).content.decode()
    assert '<script>alert("x")' not in page


def test_bad_input_answers_400_and_keeps_the_text(client, update):
    rosa = member()
    client.force_login(rosa)
    url = f"/coordination/comments/update/{update.pk}/"
    assert client.post(url, {"body": "   "}).status_code == 400
    long = "Kept words " + "x" * 5000
    response = client.post(url, {"body": long})
    assert response.status_code == 400 and long in response.content.decode()
    first = comment_create(target=update, author=rosa, body="Top")
    reply = comment_create(target=update, author=rosa, body="Reply", parent=first)
    response = client.post(url, {"body": "Too deep to keep", "parent": reply.pk})
    assert response.status_code == 400 and "Too deep to keep" in response.content.decode()
    assert Comment.objects.count() == 2


def test_comments_share_the_write_limit_of_threads(client, settings, update):
    settings.COORDINATION_WRITE_RATE = "3/600"
    group = WorkingGroup.objects.create(name="Dairy group")
    rosa = member()
    GroupMembership.objects.create(group=group, user=rosa)
    services.thread_create(group=group, author=rosa, title="One", body="first")
    comment_create(target=update, author=rosa, body="second")
    comment_create(target=update, author=rosa, body="third")
    with pytest.raises(ValidationError):
        comment_create(target=update, author=rosa, body="fourth")
    client.force_login(rosa)
    response = client.post(f"/coordination/comments/update/{update.pk}/", {"body": "Fifth words"})
    assert response.status_code == 400
    assert "Fifth words" in response.content.decode() and "wait" in response.content.decode()
    comment_create(target=update, author=member(), body="someone else")  # per person


# Mentions -------------------------------------------------------------------------------


def test_mentions_reach_only_people_who_may_see_and_did_not_block(owner):
    group = WorkingGroup.objects.create(name="Strategy", is_open=False)
    organization = owner.affiliations.get().organization
    GroupMembership.objects.create(group=group, user=owner)
    hidden = effort("group", group, owner, organization=organization)
    update = services.update_post(effort=hidden, author=owner, body="Group news")
    author = member()
    rosa = AffiliationFactory(user__first_name="Rosa", user__last_name="Diaz").user
    blocker = AffiliationFactory(user__first_name="Bea", user__last_name="Block").user
    # in the effort's lead organization, but not in the group: cannot see the update
    pablo = AffiliationFactory(
        organization=organization, user__first_name="Pablo", user__last_name="Paz"
    ).user
    stranger = AffiliationFactory(user__first_name="Tom", user__last_name="Far").user
    for person in (author, rosa, blocker):
        GroupMembership.objects.create(group=group, user=person)
    Block.objects.create(blocker=blocker, blocked=author)
    comment_create(
        target=update,
        author=author,
        body="@rosa-diaz @bea-block @pablo-paz @tom-far have a look",
    )
    assert _kinds(rosa) == ["comment_mention"]
    for person in (blocker, pablo, stranger):
        assert _kinds(person) == [], person
    assert _kinds(owner) == ["comment_reply"]
    # a mention added by an edit is told once; those told before are not told again
    comment = Comment.objects.get()
    comment_edit(comment=comment, actor=author, body="@rosa-diaz @olga-owner see this")
    assert _kinds(rosa) == ["comment_mention"]
    assert _kinds(owner) == ["comment_mention", "comment_reply"]


def test_a_mention_sends_an_email_with_the_text_escaped(on_commit, update, owner):
    from django.core import mail

    author = member()
    with on_commit():
        comment_create(target=update, author=author, body="@olga-owner <b>bold</b> & more")
    sent = [m for m in mail.outbox if owner.email in m.to]
    assert sent and "mentioned you in a comment" in sent[0].subject
    html = sent[0].alternatives[0][0]
    assert "<b>bold</b>" not in html


# Query counts ---------------------------------------------------------------------------


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


def test_pages_take_the_same_queries_with_one_comment_or_many(client, owner):
    staff = StaffFactory()
    group, convener, proposal = _group_proposal()
    meeting = Meeting.objects.create(
        title="Open meeting", starts_at=timezone.now() + timedelta(days=1), audience="members"
    )
    spot = opportunity("members", None, owner)
    made = effort("members", None, owner, organization=owner.affiliations.get().organization)
    updates = [Update.objects.create(effort=made, author=owner, body="News")]
    people = [member() for _ in range(4)]
    client.force_login(staff)
    pages = [
        made.get_absolute_url(),
        "/coordination/feed/",
        proposal.get_absolute_url(),
        meeting.get_absolute_url(),
        spot.get_absolute_url(),
    ]
    targets = [("update", updates[0]), ("proposal", proposal), ("meeting", meeting)]
    targets.append(("opportunity", spot))
    for kind, target in targets:
        Comment.objects.create(**{kind: target}, author=owner, body="One", body_html="<p>One</p>")
    few = [_count(client, url) for url in pages]
    # more updates, each with comments and replies by several people
    updates += Update.objects.bulk_create(
        Update(effort=made, author=owner, body=f"News {n}") for n in range(4)
    )
    for kind, target in targets:
        for n, update_or_target in enumerate(updates if kind == "update" else [target] * 5):
            first = Comment.objects.create(
                **{kind: update_or_target},
                author=people[n % 4],
                body="Many",
                body_html="<p>Many</p>",
            )
            Comment.objects.bulk_create(
                Comment(
                    **{kind: update_or_target},
                    parent=first,
                    author=people[(n + m) % 4],
                    body="Reply",
                    body_html="<p>Reply</p>",
                )
                for m in range(3)
            )
    many = [_count(client, url) for url in pages]
    assert few == many
    page = client.get(made.get_absolute_url()).content.decode()
    assert page.count('class="comment comment--reply"') == 15


def test_the_feed_counts_comments_and_links_to_the_update_with_all_of_them(client, update, owner):
    rosa = member()
    first = comment_create(target=update, author=rosa, body="Feed talk")
    comment_create(target=update, author=owner, body="Reply", parent=first)
    # 30 newer updates push it to the feed's second page
    Update.objects.bulk_create(
        Update(effort=update.effort, author=owner, body=f"Later {n}") for n in range(30)
    )
    client.force_login(rosa)
    feed = client.get("/coordination/feed/?page=2").content.decode()
    read = f"/coordination/comments/update/{update.pk}/read/"
    assert "Read 2 comments" in feed and read in feed and "Feed talk" not in feed
    page = client.get(read).content.decode()
    assert "Feed talk" in page and "We met the buyer." in page
    client.force_login(UserFactory())  # outside the members' audience
    assert client.get(read).status_code == 404


def test_an_effort_page_shows_the_latest_threads_and_the_update_page_all(client, update):
    rosa = member()
    for n in range(7):
        comment_create(target=update, author=rosa, body=f"Thread number {n}")
    client.force_login(rosa)
    page = client.get(update.effort.get_absolute_url()).content.decode()
    assert "Thread number 1" not in page and "Thread number 2" in page
    assert "See 2 earlier comment threads" in page
    page = client.get(f"/coordination/comments/update/{update.pk}/read/").content.decode()
    assert "Thread number 0" in page and "Thread number 6" in page


def test_the_link_in_a_notification_lasts_while_news_pushes_the_update_down(client, update):
    rosa = member()
    comment = comment_create(target=update, author=rosa, body="@olga-owner look")
    notification = Notification.objects.get(kind="comment_mention")
    Update.objects.bulk_create(
        Update(effort=update.effort, author=rosa, body=f"Later {n}") for n in range(30)
    )
    client.force_login(update.author)
    read = f"/coordination/comments/update/{update.pk}/read/"
    assert notification.url == f"{read}?comment={comment.pk}#comment-{comment.pk}"
    page = client.get(notification.url.split("#")[0]).content.decode()
    assert f'id="comment-{comment.pk}"' in page


# Review of issue 20: mentions beyond the target's circle, replies to deleted comments,
# blocks on every notification, an update's comments by pages ----------------------------


def test_a_mention_reaches_any_member_who_may_see_the_target(owner, update):
    """Not only authors, owners, lead organizations and group members: anyone the update's
    members-only audience takes in, found by name (accents or not)."""
    author = member()
    carla = AffiliationFactory(user__first_name="Carla", user__last_name="Ruiz").user
    jose = AffiliationFactory(user__first_name="José", user__last_name="Núñez").user
    outsider = UserFactory(first_name="Otto", last_name="Out")  # no member organization
    comment_create(
        target=update, author=author, body="@carla-ruiz @jose-nunez @otto-out have a look"
    )
    assert _kinds(carla) == ["comment_mention"]
    assert _kinds(jose) == ["comment_mention"]
    assert _kinds(outsider) == []


def test_at_most_ten_handles_are_looked_at_and_the_queries_do_not_grow_with_members(update):
    author = member()
    named = [
        AffiliationFactory(user__first_name=f"Name{n}", user__last_name="Zed").user
        for n in range(11)
    ]
    body = " ".join(f"@name{n}-zed" for n in range(11))
    comment_create(target=update, author=author, body=body)
    assert [_kinds(p) for p in named[:10]] == [["comment_mention"]] * 10
    assert _kinds(named[10]) == []

    def queries(text):
        with CaptureQueriesContext(connection) as captured:
            comment_create(target=update, author=author, body=text)
        return len(captured.captured_queries)

    few = queries("@name0-zed again")
    for _ in range(30):
        member()
    AffiliationFactory(user__first_name="Name0", user__last_name="Other")
    queries("@name0-zed to read memberships again")  # new affiliations: memberships reread
    assert queries("@name0-zed once more") == few


def test_every_notification_of_a_comment_leaves_out_who_blocked_its_author(update, owner):
    rosa, sam = member(), member()
    first = comment_create(target=update, author=rosa, body="A question")
    Block.objects.create(blocker=rosa, blocked=sam)
    Block.objects.create(blocker=owner, blocked=sam)
    Notification.objects.all().delete()
    comment_create(target=update, author=sam, body=f"@{handle_of(rosa)} @olga-owner top-level")
    comment_create(target=update, author=sam, body="A reply @olga-owner", parent=first)
    comment = comment_create(target=update, author=sam, body="Plain")
    comment_edit(comment=comment, actor=sam, body="Now @olga-owner")
    assert _kinds(rosa) == [] and _kinds(owner) == []


def test_a_deleted_comment_takes_no_reply(client, update):
    rosa, sam = member(), member()
    first = comment_create(target=update, author=rosa, body="Soon gone")
    comment_create(target=update, author=sam, body="Keeps it", parent=first)
    comment_delete(comment=first, actor=rosa)
    Notification.objects.all().delete()
    with pytest.raises(ValidationError):
        comment_create(target=update, author=sam, body="Too late", parent=first)
    client.force_login(sam)
    url = f"/coordination/comments/update/{update.pk}/"
    response = client.post(url, {"body": "Words kept", "parent": first.pk})
    page = response.content.decode()
    assert response.status_code == 400 and "Words kept" in page and "deleted" in page
    assert _kinds(rosa) == [] and Comment.objects.count() == 2
    page = client.get(f"{url}read/").content.decode()
    assert f'name="parent" value="{first.pk}"' not in page


def _threads(update, count, people):
    firsts = Comment.objects.bulk_create(
        Comment(update=update, author=people[n % 2], body=f"Thread {n}", body_html=f"<p>T{n}</p>")
        for n in range(count)
    )
    Comment.objects.bulk_create(
        Comment(update=update, parent=first, author=people[1], body="Re", body_html="<p>Re</p>")
        for first in firsts
    )
    return firsts


def test_an_updates_comments_come_by_pages_of_threads_in_constant_queries(client, update):
    people = [member(), member()]
    client.force_login(people[0])
    read = f"/coordination/comments/update/{update.pk}/read/"
    _threads(update, 1, people)
    one = _count(client, read)
    firsts = [Comment.objects.get(parent=None), *_threads(update, 54, people)]
    assert _count(client, read) == one
    page = client.get(read).content.decode()
    assert page.count('class="comment comment--reply"') == 20
    assert f'id="comment-{firsts[0].pk}"' in page and f'id="comment-{firsts[20].pk}"' not in page
    assert "Page 1 of 3" in page and "55 comments" not in page and "110 comments" in page
    page = client.get(f"{read}?page=3").content.decode()
    assert f'id="comment-{firsts[54].pk}"' in page and f'id="comment-{firsts[39].pk}"' not in page
    assert page.count('class="comment comment--reply"') == 15
    assert _count(client, f"{read}?page=3") == one


def test_a_link_to_a_comment_opens_the_page_of_its_thread(client, update):
    people = [member(), member()]
    firsts = _threads(update, 45, people)
    reply = Comment.objects.get(parent=firsts[30])
    client.force_login(people[0])
    url = services.comments.comment_url(reply)
    assert url.endswith(f"#comment-{reply.pk}")
    page = client.get(url.split("#")[0]).content.decode()
    assert f'id="comment-{reply.pk}"' in page and "Page 2 of 3" in page
