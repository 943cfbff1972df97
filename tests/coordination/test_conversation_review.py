"""Conversations after the second review (issue 20): the refusal speaks the reader's
language, a reply's queries do not grow with the people in the conversation, "Message"
links show only to members, the staff's report page reads in constant queries, only staff
handle reports and remove messages, a message holds at most 5,000 characters, a removed
message keeps no English marker, and the export reads in constant queries."""
# ruff: noqa: F811  (the `world` fixture is shared with test_conversations.py)

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from coordination.models import Block, ConversationParticipant, Message
from coordination.personal_data_conversations import personal_data
from coordination.services import conversations as conversations_service
from tests.coordination.builders import effort as make_effort
from tests.coordination.test_conversations import world  # noqa: F401
from tests.members.factories import AffiliationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _es(name, *args) -> str:
    with translation.override("es"):
        return reverse(name, args=args)


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries.captured_queries)


# 1. the refusal in the reader's language ------------------------------------------------------


def test_you_cannot_message_this_person_is_translated(client, world):
    Block.objects.create(blocker=world["third"], blocked=world["helper"])
    Block.objects.create(blocker=world["owner"], blocked=world["helper"])
    client.force_login(world["helper"])
    for url in (
        _es("coordination:message-new", world["third"].pk),
        _es("coordination:help-offer", world["update"].pk),
    ):
        assert url.startswith("/es/")
        page = client.get(url)
        assert page.status_code == 403, url
        text = page.content.decode()
        assert "No puede enviar mensajes a esta persona." in text, url
        assert "You cannot message this person." not in text, url


# 2. a reply's queries do not grow with the people ---------------------------------------------


def test_a_reply_takes_the_same_queries_with_one_person_or_six(world):
    conversation, _created = conversations_service.help_offer(
        update=world["update"], user=world["helper"], organization=world["helping"], body="Hi"
    )

    def reply():
        conversations_service.message_reply(
            conversation=conversation, author=world["owner"], body="Thanks"
        )

    reply()  # the owner takes part from now on
    one = _queries(reply)
    for _n in range(5):
        person = AffiliationFactory(organization=world["helping"]).user
        ConversationParticipant.objects.create(conversation=conversation, user=person)
    assert conversation.participants.count() == 7  # the owner, the helper and five more
    assert _queries(reply) == one


# 4. "Message" only for those who may send one -----------------------------------------------


def test_message_links_show_only_to_members(client, world):
    effort = make_effort("public", None, world["owner"], name="Open", organization=world["lead"])
    from coordination import services

    services.update_post(effort=effort, author=world["owner"], body="Open news")
    link = reverse("coordination:message-new", args=[world["owner"].pk])
    client.force_login(UserFactory())  # signed in, member of nothing
    page = client.get(effort.get_absolute_url())
    assert page.status_code == 200 and "Open news" in page.content.decode()
    assert link not in page.content.decode()
    assert client.get(link).status_code == 403  # where the link would have led
    client.force_login(world["helper"])
    assert link in client.get(effort.get_absolute_url()).content.decode()


# 8. the staff's page, and only staff ---------------------------------------------------------


@pytest.fixture
def reported(world):
    message = conversations_service.message_send(
        author=world["helper"], recipient=world["third"], body="REPORTED-TEXT"
    )
    report = conversations_service.message_report(
        message=message, reporter=world["third"], reason="Abusive"
    )
    return message, report


def test_the_report_list_reads_in_the_same_queries_with_one_report_or_several(
    client, world, reported
):
    staff = StaffFactory()
    client.force_login(staff)
    url = reverse("coordination:report-list")
    client.get(url)
    one = _queries(lambda: client.get(url))
    for n in range(4):
        author = AffiliationFactory().user
        message = conversations_service.message_send(
            author=author, recipient=world["third"], body=f"More {n}"
        )
        report = conversations_service.message_report(
            message=message, reporter=world["third"], reason=f"Reason {n}"
        )
        if n % 2:
            conversations_service.message_remove(message=message, actor=staff)
            conversations_service.report_handle(report=report, actor=staff, outcome="Done")
    page = client.get(url).content.decode()
    assert "Reason 0" in page and "Reason 2" in page and "Done" in page
    assert _queries(lambda: client.get(url)) == one


def test_only_staff_handle_reports_and_remove_messages(client, world, reported):
    message, report = reported
    for person in (world["third"], world["helper"], UserFactory()):
        client.force_login(person)
        handle = client.post(
            reverse("coordination:report-handle", args=[report.pk]), {"outcome": "Mine"}
        )
        remove = client.post(reverse("coordination:message-remove", args=[message.pk]))
        assert handle.status_code in (403, 404) and remove.status_code in (403, 404)
    report.refresh_from_db()
    message.refresh_from_db()
    assert report.handled_at is None and report.handled_by is None and report.outcome == ""
    assert message.removed_at is None and message.body == "REPORTED-TEXT"


def test_a_message_holds_at_most_5000_characters(world):
    with pytest.raises(ValidationError):
        conversations_service.message_send(
            author=world["helper"], recipient=world["third"], body="x" * 5001
        )
    with pytest.raises(ValidationError):
        conversations_service.help_offer(
            update=world["update"],
            user=world["helper"],
            organization=world["helping"],
            body="x" * 5001,
        )
    assert not Message.objects.exists()
    conversations_service.message_send(
        author=world["helper"], recipient=world["third"], body="x" * 5000
    )
    assert Message.objects.count() == 1


# 9. a removed message: no English marker ----------------------------------------------------


def test_a_removed_message_keeps_no_text_and_says_so_in_the_readers_language(
    client, world, reported
):
    message, _report = reported
    conversations_service.message_remove(message=message, actor=StaffFactory())
    message.refresh_from_db()
    assert message.body == "" and message.body_html == ""
    client.force_login(world["third"])
    page = client.get(message.conversation.get_absolute_url()).content.decode()
    assert "Removed by staff" in page and "[removed" not in page
    page = client.get(_es("coordination:conversation-detail", message.conversation.pk))
    assert "Retirado por el personal" in page.content.decode()
    (sent,) = personal_data(world["helper"])["messages_sent"]
    assert sent["removed_by_staff"] is True and sent["body"] == ""


# 6. the export ---------------------------------------------------------------------------------


def test_the_export_reads_in_the_same_queries_with_one_conversation_or_several(world):
    helper = world["helper"]
    conversations_service.message_send(author=helper, recipient=world["third"], body="One")
    one = _queries(lambda: personal_data(helper))
    for _n in range(3):
        other = AffiliationFactory().user
        conversations_service.message_send(author=helper, recipient=other, body="More")
    data = personal_data(helper)
    assert len(data["conversations"]) == 4
    assert all(len(c["people"]) == 2 for c in data["conversations"])
    assert all(m["removed_by_staff"] is False for m in data["messages_sent"])
    assert _queries(lambda: personal_data(helper)) == one
