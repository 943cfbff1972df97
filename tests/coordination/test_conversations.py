"""Private conversations (issue 20): "I can help" on an ask opens one between two
organizations; members message members; blocks, reports, limits, unread counts, the inbox's
queries, and the person's data."""

import json

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from coordination import services
from coordination.models import Block, Conversation, ConversationParticipant, Message, Report
from coordination.permissions import can_message, can_offer_help
from coordination.services import conversations as conversations_service
from notifications.models import Notification
from tests.coordination.builders import effort as make_effort
from tests.members.factories import AffiliationFactory, StaffFactory, UserFactory
from wsr.members.models import Affiliation, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """An effort led by one organization, with an ask; a member of a second organization
    who can help; a member of a third who has nothing to do with it."""
    owner_affiliation = AffiliationFactory(
        user__first_name="Olga", user__last_name="Owner", role=Affiliation.Role.ADMIN
    )
    owner = owner_affiliation.user
    lead = owner_affiliation.organization
    colleague = AffiliationFactory(organization=lead, user__first_name="Carla").user
    effort = make_effort("members", None, owner, name="Fair wages", organization=lead)
    update = services.update_post(
        effort=effort,
        author=owner,
        body="We need worker interviewers.",
        ask="expertise",
        ask_detail="Interview guide",
    )
    helper_affiliation = AffiliationFactory(user__first_name="Hugo", user__last_name="Helper")
    helper = helper_affiliation.user
    helper_colleague = AffiliationFactory(organization=helper_affiliation.organization).user
    third = AffiliationFactory(user__first_name="Tess").user
    return {
        "owner": owner,
        "lead": lead,
        "colleague": colleague,
        "effort": effort,
        "update": update,
        "helper": helper,
        "helping": helper_affiliation.organization,
        "helper_colleague": helper_colleague,
        "third": third,
    }


def _offer(client, w, body="We can lend our interview guide."):
    client.force_login(w["helper"])
    return client.post(
        reverse("coordination:help-offer", args=[w["update"].pk]),
        {"organization": w["helping"].pk, "body": body},
    )


def test_i_can_help_opens_a_conversation_of_two_organizations_and_tells_the_owner(
    client, world, on_commit
):
    w = world
    client.force_login(w["helper"])
    page = client.get(w["effort"].get_absolute_url())
    assert reverse("coordination:help-offer", args=[w["update"].pk]) in page.content.decode()
    with on_commit():
        response = _offer(client, w)
    conversation = Conversation.objects.get()
    assert response.status_code == 302 and response.url == conversation.get_absolute_url()
    assert conversation.kind == "help" and conversation.offering_organization == w["helping"]
    told = Notification.objects.filter(kind="help_offered")
    assert {n.recipient for n in told} == {w["owner"]}  # the owner is the lead's admin too
    email = next(m for m in mail.outbox if w["owner"].email in m.to)
    assert "Hugo Helper" in email.body and conversation.get_absolute_url() in email.body

    # both organizations' people read it; a member of a third organization gets 404
    for person in (w["owner"], w["colleague"], w["helper"], w["helper_colleague"]):
        client.force_login(person)
        page = client.get(conversation.get_absolute_url())
        assert page.status_code == 200 and "interview guide" in page.content.decode()
    client.force_login(w["third"])
    assert client.get(conversation.get_absolute_url()).status_code == 404
    assert not Conversation.objects.visible_to(w["third"]).exists()

    # the owner answers; the helper hears of it
    client.force_login(w["owner"])
    with on_commit():
        client.post(
            reverse("coordination:conversation-reply", args=[conversation.pk]),
            {"body": "Wonderful, **thank you**."},
        )
    assert Notification.objects.filter(kind="direct_message", recipient=w["helper"]).exists()


def test_a_second_click_goes_to_the_open_conversation(client, world):
    _offer(client, world)
    again = client.get(reverse("coordination:help-offer", args=[world["update"].pk]))
    conversation = Conversation.objects.get()
    assert again.status_code == 302 and again.url == conversation.get_absolute_url()
    second = _offer(client, world, body="Again")
    assert second.url == conversation.get_absolute_url()
    # the second offer's text is not lost: it is added to the open conversation
    assert Conversation.objects.count() == 1 and conversation.messages.count() == 2


def test_the_effort_side_cannot_offer_help_to_itself(world):
    assert not can_offer_help(world["owner"], world["update"])
    assert not can_offer_help(world["colleague"], world["update"])
    assert can_offer_help(world["helper"], world["update"])


def test_rights_end_with_membership(client, world):
    _offer(client, world)
    conversation = Conversation.objects.get()
    Membership.objects.filter(organization=world["helping"]).update(status="lapsed")
    client.force_login(world["helper_colleague"])
    assert client.get(conversation.get_absolute_url()).status_code in (403, 404)
    assert not Conversation.objects.visible_to(world["helper_colleague"]).exists()


def test_staff_do_not_read_private_conversations(client, world):
    _offer(client, world)
    staff = StaffFactory()
    client.force_login(staff)
    assert client.get(Conversation.objects.get().get_absolute_url()).status_code == 404


def test_members_message_members_and_the_email_escapes_the_text(client, world, on_commit):
    sender, recipient = world["helper"], world["third"]
    client.force_login(sender)
    with on_commit():
        response = client.post(
            reverse("coordination:message-new", args=[recipient.pk]),
            {"body": "Hello <script>alert(1)</script> **there**"},
        )
    message = Message.objects.get()
    assert response.status_code == 302
    assert "<script>" not in message.body_html and "<strong>there</strong>" in message.body_html
    email = next(m for m in mail.outbox if recipient.email in m.to)
    assert "Hugo Helper" in email.subject
    html = email.alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html
    # the recipient reads it; someone else gets 404; a second "Message" opens the same one
    client.force_login(recipient)
    assert "there" in client.get(message.conversation.get_absolute_url()).content.decode()
    again = client.get(reverse("coordination:message-new", args=[sender.pk]))
    assert again.url == message.conversation.get_absolute_url()
    client.force_login(world["owner"])
    assert client.get(message.conversation.get_absolute_url()).status_code == 404


def test_a_blocked_person_cannot_message_the_blocker(client, world):
    blocker, blocked = world["third"], world["helper"]
    conversations_service.message_send(author=blocked, recipient=blocker, body="Hi")
    client.force_login(blocker)
    client.post(reverse("coordination:person-block", args=[blocked.pk]))
    assert Block.objects.filter(blocker=blocker, blocked=blocked).exists()
    assert not can_message(blocked, blocker) and can_message(blocker, blocked)
    with pytest.raises(PermissionDenied):
        conversations_service.message_send(author=blocked, recipient=blocker, body="Hello?")
    client.force_login(blocked)
    refused = client.get(reverse("coordination:message-new", args=[blocker.pk]))
    assert refused.status_code == 403
    assert "You cannot message this person." in refused.content.decode()
    conversation = Conversation.objects.get()
    reply = client.post(
        reverse("coordination:conversation-reply", args=[conversation.pk]), {"body": "x"}
    )
    assert reply.status_code == 400 and Message.objects.count() == 1
    # the blocker's inbox lists the block, and unblocking opens the way again
    client.force_login(blocker)
    assert "Hugo Helper" in client.get(reverse("coordination:inbox")).content.decode()
    client.post(reverse("coordination:person-unblock", args=[blocked.pk]))
    assert can_message(blocked, blocker)


def test_a_blocked_person_cannot_mention_the_blocker(on_commit):
    from coordination.models import GroupMembership, WorkingGroup

    group = WorkingGroup.objects.create(name="Dairy")
    author = AffiliationFactory().user
    rosa = AffiliationFactory(user__first_name="Rosa", user__last_name="Diaz").user
    for person in (author, rosa):
        GroupMembership.objects.create(group=group, user=person)
    Block.objects.create(blocker=rosa, blocked=author)
    with on_commit():
        services.thread_create(group=group, author=author, title="Hi", body="@rosa-diaz see")
    assert not Notification.objects.filter(recipient=rosa, kind="group_mention").exists()
    assert not [m for m in mail.outbox if rosa.email in m.to and "mentioned" in m.subject]


def test_a_report_reaches_staff_who_mark_it_handled(client, world):
    message = conversations_service.message_send(
        author=world["helper"], recipient=world["third"], body="REPORTED-TEXT"
    )
    client.force_login(world["third"])
    response = client.post(
        reverse("coordination:message-report", args=[message.pk]), {"reason": "Abusive"}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    # someone outside the conversation cannot even see the report form
    client.force_login(world["owner"])
    assert client.get(reverse("coordination:message-report", args=[message.pk])).status_code == 404
    # not staff: refused; staff: the message text, then handled
    assert client.get(reverse("coordination:report-list")).status_code == 403
    staff = StaffFactory()
    client.force_login(staff)
    page = client.get(reverse("coordination:report-list")).content.decode()
    assert "REPORTED-TEXT" in page and "Abusive" in page
    client.post(reverse("coordination:report-handle", args=[report.pk]), {"outcome": "Warned"})
    report.refresh_from_db()
    assert report.handled_by == staff and report.outcome == "Warned"


def test_messages_share_the_write_limit(settings, client, world):
    settings.COORDINATION_WRITE_RATE = "2/600"
    sender, recipient = world["helper"], world["third"]
    conversations_service.message_send(author=sender, recipient=recipient, body="one")
    conversations_service.message_send(author=sender, recipient=recipient, body="two")
    with pytest.raises(ValidationError):
        conversations_service.message_send(author=sender, recipient=recipient, body="three")
    client.force_login(sender)
    conversation = Conversation.objects.get()
    page = client.post(
        reverse("coordination:conversation-reply", args=[conversation.pk]),
        {"body": "KEPT-TEXT"},
    )
    assert page.status_code == 400
    assert "KEPT-TEXT" in page.content.decode() and "wait" in page.content.decode()


def test_empty_message_is_400_with_the_form(client, world):
    client.force_login(world["helper"])
    response = client.post(
        reverse("coordination:message-new", args=[world["third"].pk]), {"body": ""}
    )
    assert response.status_code == 400 and not Message.objects.exists()


def test_unread_counts_in_the_inbox(client, world):
    sender, recipient = world["helper"], world["third"]
    for text in ("one", "two", "three"):
        conversations_service.message_send(author=sender, recipient=recipient, body=text)
    rows = {c.pk: c.unread for c in _inbox(recipient)}
    assert list(rows.values()) == [3]
    assert [c.unread for c in _inbox(sender)] == [0]
    client.force_login(recipient)
    client.get(Conversation.objects.get().get_absolute_url())
    assert [c.unread for c in _inbox(recipient)] == [0]
    conversations_service.message_send(author=sender, recipient=recipient, body="four")
    assert [c.unread for c in _inbox(recipient)] == [1]
    page = client.get(reverse("coordination:inbox")).content.decode()
    assert "1 unread" in page


def _inbox(user):
    from coordination.views.conversations import conversations_for

    return list(conversations_for(user))


@pytest.mark.parametrize("rows", [1, 6])
def test_the_inbox_reads_in_a_constant_number_of_queries(
    client, world, rows, django_assert_num_queries
):
    me = world["helper"]
    for _n in range(rows):
        other = AffiliationFactory().user
        conversations_service.message_send(author=other, recipient=me, body="hello")
    _offer(client, world)  # and one conversation of organizations
    client.force_login(me)
    client.get(reverse("coordination:inbox"))  # warm the session and caches
    with django_assert_num_queries(5):
        response = client.get(reverse("coordination:inbox"))
    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == rows + 1


def test_export_and_account_deletion(client, world):
    from wsr.members.services import user_delete

    sender, recipient = world["helper"], world["third"]
    conversations_service.message_send(author=sender, recipient=recipient, body="EXPORTED")
    conversations_service.block(blocker=sender, blocked=world["owner"])
    message = conversations_service.message_send(author=recipient, recipient=sender, body="R")
    conversations_service.message_report(message=message, reporter=sender, reason="Rude")
    client.force_login(sender)
    data = json.loads(client.get(reverse("members:data-export")).content)
    assert data["messages_sent"][0]["body"] == "EXPORTED"
    assert data["conversations"] and data["people_blocked"] and data["messages_reported"]

    user_delete(user=sender)
    kept = Message.objects.get(body="EXPORTED")
    assert kept.author is None  # "a former member"
    assert (
        not ConversationParticipant.objects.filter(conversation=kept.conversation)
        .exclude(user=recipient)
        .exists()
    )
    assert not Block.objects.exists()
    assert Report.objects.get().reporter is None
    client.force_login(recipient)
    page = client.get(kept.conversation.get_absolute_url())
    assert page.status_code == 200 and "a former member" in page.content.decode()
    assert "EXPORTED" in page.content.decode()
    assert "You cannot message this person." in page.content.decode()


def test_people_outside_the_collaborative_cannot_message(client, world):
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get(reverse("coordination:inbox")).status_code == 403
    assert not can_message(outsider, world["helper"])
    assert not can_message(world["helper"], outsider)


def test_the_help_page_refuses_the_effort_side_and_hides_from_outside_the_audience(client, world):
    url = reverse("coordination:help-offer", args=[world["update"].pk])
    client.force_login(world["colleague"])
    assert client.get(url).status_code == 403
    from coordination.models import GroupMembership, WorkingGroup

    group = WorkingGroup.objects.create(name="Closed", is_open=False)
    GroupMembership.objects.create(group=group, user=world["owner"])
    hidden = make_effort("group", group, world["owner"], name="Secret")
    update = services.update_post(effort=hidden, author=world["owner"], body="x", ask="help")
    client.force_login(world["helper"])
    assert client.get(reverse("coordination:help-offer", args=[update.pk])).status_code == 404
    client.force_login(UserFactory())  # signed in, not a member
    assert client.get(url).status_code == 403
    assert not Conversation.objects.exists()
