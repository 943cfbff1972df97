"""Conversations after review (issue 20): blocks reach new threads and offers of help, no
name of a non-member leaks, a second offer keeps its text, a help conversation follows its
effort's audience, reports are made and handled once and staff remove a message, the
"I can help" button shows only where it works, and a refused reply keeps its text."""
# ruff: noqa: F811  (the `world` fixture is shared with test_conversations.py)

import pytest
from django.core import mail
from django.urls import reverse

from coordination import services
from coordination.models import Block, Conversation, GroupMembership, Message, Report, WorkingGroup
from coordination.permissions import help_offer_update_ids
from coordination.services import conversations as conversations_service
from notifications.models import Notification
from tests.coordination.test_conversations import _inbox, _offer, world  # noqa: F401
from tests.members.factories import AffiliationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


# 1. a new thread does not reach the people who blocked its author ---------------------------


def test_a_new_thread_does_not_notify_those_who_blocked_its_author(on_commit):
    group = WorkingGroup.objects.create(name="Dairy")
    author, blocker, other = (AffiliationFactory().user for _n in range(3))
    for person in (author, blocker, other):
        GroupMembership.objects.create(group=group, user=person)
    Block.objects.create(blocker=blocker, blocked=author)
    with on_commit():
        services.thread_create(group=group, author=author, title="Hi", body="A thread")
    told = Notification.objects.filter(kind="group_activity").values_list("recipient", flat=True)
    told = set(told)
    assert told == {other.pk}
    assert not [m for m in mail.outbox if blocker.email in m.to]


# 2. "I can help" does not reach a blocker ---------------------------------------------------


def test_an_offer_of_help_is_refused_when_the_owner_blocked_the_sender(client, world):
    Block.objects.create(blocker=world["owner"], blocked=world["helper"])
    response = _offer(client, world, body="KEPT-OFFER")
    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot message this person." in page and "KEPT-OFFER" in page
    assert not Conversation.objects.exists()
    shown = client.get(reverse("coordination:help-offer", args=[world["update"].pk]))
    assert shown.status_code == 403 and "You cannot message this person." in shown.content.decode()
    # the update's author counts as much as the owner
    Block.objects.all().delete()
    world["update"] = services.update_post(
        effort=world["effort"], author=world["colleague"], body="More", ask="help"
    )
    Block.objects.create(blocker=world["colleague"], blocked=world["helper"])
    assert _offer(client, world).status_code == 403 and not Conversation.objects.exists()


def test_blockers_are_not_told_nor_counted_unread_in_a_conversation_of_organizations(
    client, world, on_commit
):
    _offer(client, world)
    conversation = Conversation.objects.get()
    client.force_login(world["owner"])
    client.get(conversation.get_absolute_url())  # read
    Block.objects.create(blocker=world["owner"], blocked=world["helper"])
    with on_commit():
        conversations_service.message_reply(
            conversation=conversation, author=world["helper"], body="Still here"
        )
    assert not Notification.objects.filter(recipient=world["owner"], kind="direct_message").exists()
    assert [c.unread for c in _inbox(world["owner"])] == [0]
    assert [c.unread for c in _inbox(world["colleague"])] == [2]


# 4. no name of a non-member -----------------------------------------------------------------


@pytest.mark.parametrize("who", ["outsider", "inactive"])
def test_no_name_of_someone_who_is_not_a_member(client, world, who):
    if who == "outsider":
        person = UserFactory(first_name="Pat", last_name="Public")
    else:
        person = AffiliationFactory(user__first_name="Pat", user__last_name="Public").user
        person.is_active = False
        person.save()
    client.force_login(world["helper"])
    page = client.get(reverse("coordination:message-new", args=[person.pk]))
    assert page.status_code == 404 and "Pat" not in page.content.decode()
    block = client.post(reverse("coordination:person-block", args=[person.pk]), follow=True)
    assert "Pat" not in block.content.decode() and not Block.objects.exists()


# 6. a second offer keeps its text ----------------------------------------------------------


def test_a_second_offer_adds_its_text_to_the_open_conversation(client, world):
    _offer(client, world, body="First offer")
    second = _offer(client, world, body="SECOND-OFFER")
    conversation = Conversation.objects.get()
    assert second.status_code == 302 and second.url == conversation.get_absolute_url()
    assert list(conversation.messages.values_list("body", flat=True)) == [
        "First offer",
        "SECOND-OFFER",
    ]
    page = client.get(second.url).content.decode()
    assert "added to the conversation" in page


# 7. a help conversation follows its effort's audience ---------------------------------------


def test_a_help_conversation_is_hidden_when_its_effort_no_longer_reaches_the_person(client, world):
    _offer(client, world)
    conversation = Conversation.objects.get()
    group = WorkingGroup.objects.create(name="Closed", is_open=False)
    GroupMembership.objects.create(group=group, user=world["owner"])
    effort = world["effort"]
    effort.audience, effort.working_group = "group", group
    effort.save()
    client.force_login(world["helper"])
    assert client.get(conversation.get_absolute_url()).status_code == 404
    inbox = client.get(reverse("coordination:inbox")).content.decode()
    assert "Fair wages" not in inbox
    assert Conversation.objects.visible_to(world["owner"]).exists()


# 8. reports --------------------------------------------------------------------------------


@pytest.fixture
def reported(world):
    message = conversations_service.message_send(
        author=world["helper"], recipient=world["third"], body="REPORTED-TEXT"
    )
    report = conversations_service.message_report(
        message=message, reporter=world["third"], reason="Abusive"
    )
    return message, report


def test_a_person_reports_a_message_once(client, world, reported):
    message, _report = reported
    client.force_login(world["third"])
    again = client.post(
        reverse("coordination:message-report", args=[message.pk]), {"reason": "Again"}
    )
    assert again.status_code == 400 and "already reported" in again.content.decode()
    assert Report.objects.count() == 1


def test_an_outcome_too_long_is_400_with_the_text_kept(client, reported):
    _message, report = reported
    client.force_login(StaffFactory())
    long = "LONG" + "x" * 600
    page = client.post(reverse("coordination:report-handle", args=[report.pk]), {"outcome": long})
    assert page.status_code == 400 and long in page.content.decode()
    report.refresh_from_db()
    assert report.handled_at is None


def test_a_handled_report_is_not_handled_again(client, reported):
    _message, report = reported
    client.force_login(StaffFactory())
    url = reverse("coordination:report-handle", args=[report.pk])
    client.post(url, {"outcome": "Warned"})
    again = client.post(url, {"outcome": "Overwritten"})
    assert again.status_code == 400
    report.refresh_from_db()
    assert report.outcome == "Warned"


def test_staff_remove_a_reported_message(client, world, reported):
    message, report = reported
    staff = StaffFactory(first_name="Sam", last_name="Staff")
    url = reverse("coordination:message-remove", args=[message.pk])
    client.force_login(world["third"])
    assert client.post(url).status_code == 403
    client.force_login(staff)
    page = client.get(reverse("coordination:report-list")).content.decode()
    assert url in page
    assert client.post(url).status_code == 302
    message.refresh_from_db()
    assert "REPORTED-TEXT" not in message.body + message.body_html
    assert message.removed_by == staff and message.removed_at is not None
    assert Report.objects.filter(pk=report.pk).exists()
    client.force_login(world["third"])
    shown = client.get(message.conversation.get_absolute_url()).content.decode()
    assert "REPORTED-TEXT" not in shown and "Removed by staff" in shown and "Sam Staff" in shown


# 9. "I can help" only where it works --------------------------------------------------------


def test_the_button_shows_only_to_those_who_may_offer_help(client, world):
    url = reverse("coordination:help-offer", args=[world["update"].pk])
    world["effort"].audience = "public"
    world["effort"].save()
    viewers = {
        "helper": (world["helper"], True),
        "colleague": (world["colleague"], False),
        "staff": (StaffFactory(), False),
        "public": (UserFactory(), False),
        "third": (world["third"], True),
    }
    for name, (person, shown) in viewers.items():
        client.force_login(person)
        for page in (world["effort"].get_absolute_url(), reverse("coordination:feed")):
            assert (url in client.get(page).content.decode()) is shown, (name, page)
    assert help_offer_update_ids(world["colleague"], [world["update"]]) == set()
    assert help_offer_update_ids(world["helper"], [world["update"]]) == {world["update"].pk}


# 11. a refused reply keeps its text --------------------------------------------------------


def test_a_blocked_reply_keeps_its_text(client, world):
    blocker, blocked = world["third"], world["helper"]
    conversations_service.message_send(author=blocked, recipient=blocker, body="Hi")
    Block.objects.create(blocker=blocker, blocked=blocked)
    client.force_login(blocked)
    conversation = Conversation.objects.get()
    reply = client.post(
        reverse("coordination:conversation-reply", args=[conversation.pk]), {"body": "DRAFT-KEPT"}
    )
    page = reply.content.decode()
    assert reply.status_code == 400 and "DRAFT-KEPT" in page
    assert "You cannot message this person." in page
    assert Message.objects.count() == 1


@pytest.mark.parametrize("rows", [1, 5])
def test_the_button_costs_the_same_queries_for_one_ask_or_many(
    client, world, rows, django_assert_num_queries
):
    """The helper sees `rows` asks on the effort and on efforts led by others in the feed,
    each with its button, in a constant number of queries."""
    from tests.coordination.builders import effort as make_effort

    for n in range(rows):
        services.update_post(
            effort=world["effort"], author=world["owner"], body=f"More {n}", ask="help"
        )
        other = AffiliationFactory(role="admin")
        elsewhere = make_effort(
            "members", None, other.user, name=f"Other {n}", organization=other.organization
        )
        services.update_post(effort=elsewhere, author=other.user, body="x", ask="expertise")
    client.force_login(world["helper"])
    # the feed: 12 -> 11 in issue 22 (the sector filter's options are kept per language)
    counts = {"effort": 15, "feed": 7}
    for name, url in (
        ("effort", world["effort"].get_absolute_url()),
        ("feed", reverse("coordination:feed") + "?page=1"),
    ):
        client.get(url)
        with django_assert_num_queries(counts[name]):
            page = client.get(url).content.decode()
        assert page.count("/help/") >= rows + 1, name


@pytest.mark.parametrize("rows", [1, 4])
def test_the_inbox_with_conversations_of_organizations_reads_in_constant_queries(
    client, world, rows, django_assert_num_queries
):
    from tests.coordination.builders import effort as make_effort

    helper = world["helper"]
    for n in range(rows):
        other = AffiliationFactory(role="admin")
        elsewhere = make_effort(
            "members", None, other.user, name=f"Other {n}", organization=other.organization
        )
        update = services.update_post(effort=elsewhere, author=other.user, body="x", ask="help")
        conversations_service.help_offer(
            update=update, user=helper, organization=world["helping"], body="We can"
        )
    client.force_login(helper)
    client.get(reverse("coordination:inbox"))
    with django_assert_num_queries(5):
        page = client.get(reverse("coordination:inbox")).content.decode()
    assert page.count('class="card"') == rows
