"""The feed draws each update's card in Python (coordination/update_cards.py `card_html`,
issue 22): the same HTML, character for character, as `_update.html` gives for the same
update, viewer, "last visit" and language, for every part a card can show."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation

from coordination import selectors, services
from coordination.comment_threads import comment_sections_attach
from coordination.models import Comment, Update
from coordination.permissions import help_offer_update_ids
from coordination.update_cards import card_html, cards_in_python, update_cards_attach

from .builders import effort, people

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    return people()


def _updates(p):
    made = effort("public", None, p["owner"], name='Fair wages & "more" <now>')
    plain = services.update_post(effort=made, author=p["owner"], body="A & B\n\nC <b>")
    services.update_post(
        effort=made,
        author=p["owner"],
        body="Asking",
        ask="help",
        ask_detail="Need <hands> & tools",
        links="https://example.org/a?b=1&c=2\nhttps://example.org/" + "x" * 90,
    )
    services.update_post(
        effort=made,
        author=p["owner"],
        body="A date",
        ask="date",
        ask_date=timezone.localdate() + timedelta(days=3),
    )
    filed = services.update_post(effort=made, author=p["owner"], body="With a file")
    filed.attachment.save("notes.txt", ContentFile(b"notes"), save=False)
    filed.attachment_name = "notes <1>.txt"
    filed.edited_at = timezone.now()
    filed.save()
    Comment.objects.create(update=plain, author=p["member"], body="Agreed")
    Update.objects.filter(pk=plain.pk).update(created_at=timezone.now() - timedelta(days=2))
    gone = services.update_post(effort=made, author=p["staff"], body="A former member's")
    Update.objects.filter(pk=gone.pk).update(author=None)


@pytest.mark.parametrize("viewer", ["anonymous", "outsider", "member", "owner", "staff"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_card_in_python_is_the_template_card(p, viewer, language):
    _updates(p)
    user = p[viewer]
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    with translation.override(language), timezone.override("America/Mexico_City"):
        updates = list(selectors.feed(user))
        updates = comment_sections_attach(user, updates, threads=False)
        help_ids = help_offer_update_ids(user, updates)
        update_cards_attach(user, updates, help_update_ids=help_ids)
        assert cards_in_python(updates)
        assert len(updates) == 5
        last_visit = timezone.now() - timedelta(days=1)
        for update in updates:
            for show_effort in (True, False):
                for visit in (None, last_visit):
                    expected = render_to_string(
                        "coordination/_update.html",
                        {"update": update, "show_effort": show_effort, "last_visit": visit},
                    )
                    drawn = card_html(update, show_effort=show_effort, last_visit=visit)
                    assert drawn == expected


HOSTILE = '<script>alert("x")</script> & "q"'


def test_every_written_text_on_a_card_is_escaped(p):
    """Whatever a person wrote (effort name, author name, body, ask detail, link, file
    name) reaches the card escaped: no `<script>`, no raw `"` inside an attribute."""
    from wsr.members.models import Profile

    owner = p["owner"]
    Profile.objects.update_or_create(user=owner, defaults={"display_name": HOSTILE})
    owner.refresh_from_db()
    made = effort("public", None, owner, name=HOSTILE)
    update = services.update_post(
        effort=made,
        author=owner,
        body=HOSTILE,
        ask="help",
        ask_detail=HOSTILE,
        links='https://example.org/?a="b"&c=<script>',
    )
    update.attachment.save("notes.txt", ContentFile(b"notes"), save=False)
    update.attachment_name = HOSTILE
    update.save()
    viewer = p["member"]
    with translation.override("es"):
        updates = list(selectors.feed(viewer))
        updates = comment_sections_attach(viewer, updates, threads=False)
        update_cards_attach(viewer, updates, help_update_ids=set())
        (card,) = [u for u in updates if u.pk == update.pk]
        for show_effort in (True, False):
            drawn = card_html(card, show_effort=show_effort)
            assert "<script>" not in drawn
            assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;q&quot;" in drawn
            assert 'href="https://example.org/?a=&quot;b&quot;&amp;c=&lt;script&gt;"' in drawn
            expected = render_to_string(
                "coordination/_update.html", {"update": card, "show_effort": show_effort}
            )
            assert drawn == expected
