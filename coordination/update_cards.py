"""What `_update.html` shows on each card of a list of updates, worked out once for the page
in Python (issue 22): the addresses (each reversed once per page, not once per card), the
author's name and "Message" link, the viewer's rights on each update (edit, delete,
"I can help"), and the card's words, translated once for the page (a `{% translate %}` per
card and word cost more than the rest of the card). The card then renders without includes,
permission tags or translation tags per update.

The rights are the predicates of `permissions.py`, asked per update as the template did; only
the question "may the viewer send messages" is the same for every card and asked once."""

from dataclasses import dataclass

from django.template.defaultfilters import linebreaks_filter, truncatechars
from django.urls import reverse
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wsr.site.templatetags.when import when_html

from .models import Update
from .permissions import (
    can_delete_update,
    can_edit_update,
    can_offer_help,
    can_send_messages,
)

# an id no record has, written into an address once, then replaced by each record's id
_MARKER = 987654321987


def addresses_of(name: str, *leading):
    """A function from an int id to the address `reverse(name, args=[*leading, id])` gives,
    reversed once: an int is written into a path as it is."""
    head, tail = reverse(name, args=[*leading, _MARKER]).split(str(_MARKER))

    def address(pk) -> str:
        return f"{head}{int(pk)}{tail}"

    return address


@dataclass(slots=True, frozen=True)
class CardText:
    """The words of every card, in the reader's language: translated once per page."""

    message: str
    new: str
    edited: str
    can_help: str
    edit: str
    delete: str
    this_update: str
    comments: str
    comment: str


def card_text() -> CardText:
    return CardText(
        message=_("Message"),
        new=_("New"),
        edited=_("edited"),
        can_help=_("I can help"),
        edit=_("Edit"),
        delete=_("Delete"),
        this_update=_("this update"),
        comments=_("Comments"),
        comment=_("Comment"),
    )


@dataclass(slots=True)
class UpdateCard:
    text: CardText
    key: str  # the update's id as text, for the card's element ids
    effort_url: str
    author_name: str  # "" for a former member
    author_label: str  # the name, or "a former member"
    ask_label: str  # the ask in the reader's language
    comments_label: str  # "Read 3 comments" (a list's comment section shows only that)
    message_url: str  # "" where the viewer may not write to the author (or is the author)
    may_edit: bool
    may_delete: bool
    may_help: bool
    edit_url: str
    delete_url: str
    help_url: str
    file_url: str
    comments_url: str  # where the card's comments are read (its comment section's read_url)


def update_cards_attach(user, updates, *, help_update_ids: set | None = None) -> list:
    """Give each of `updates` (read through `Update.objects.visible_to(user)`, with
    `select_related("effort", "author__profile")`) its `card`. `help_update_ids`: the ids
    `permissions.help_offer_update_ids` found for the page; None (a single update's page)
    asks `can_offer_help` of each update that asks."""
    updates = list(updates)
    if not updates:
        return updates
    may_message = can_send_messages(user)
    viewer_pk = getattr(user, "pk", None)
    signed_in = bool(getattr(user, "is_authenticated", False))
    edit_url = addresses_of("coordination:update-edit")
    delete_url = addresses_of("coordination:update-delete")
    help_url = addresses_of("coordination:help-offer")
    file_url = addresses_of("coordination:update-file")
    message_url = addresses_of("coordination:message-new")
    comments_url = addresses_of("coordination:comments-read", "update")
    text = card_text()
    former_member = _("a former member")
    ask_labels = {value: str(label) for value, label in Update.Ask.choices}
    effort_urls: dict[int, str] = {}
    for update in updates:
        effort = update.effort
        if effort.pk not in effort_urls:
            effort_urls[effort.pk] = effort.get_absolute_url()
        author = update.author
        if update.ask and signed_in:
            if help_update_ids is not None:
                may_help = update.pk in help_update_ids
            else:
                may_help = can_offer_help(user, update)
        else:
            may_help = False
        author_name = author.display_name if author is not None else ""
        section = getattr(update, "comment_section", None)
        count = section.count if section is not None else 0
        update.card = UpdateCard(
            text=text,
            key=str(update.pk),
            effort_url=effort_urls[effort.pk],
            author_name=author_name,
            author_label=author_name or former_member,
            ask_label=ask_labels.get(update.ask, update.ask),
            comments_label=(
                ngettext("Read %(counter)s comment", "Read %(counter)s comments", count)
                % {"counter": count}
                if count
                else ""
            ),
            message_url=(
                message_url(author.pk)
                if author is not None and may_message and author.pk != viewer_pk
                else ""
            ),
            may_edit=can_edit_update(user, update),
            may_delete=can_delete_update(user, update),
            may_help=may_help,
            edit_url=edit_url(update.pk),
            delete_url=delete_url(update.pk),
            help_url=help_url(update.pk),
            file_url=file_url(update.pk),
            comments_url=comments_url(update.pk),
        )
    return updates


def card_html(update, *, show_effort: bool, last_visit=None) -> str:
    """The card `_update.html` renders for `update` (its `card` attached), written in Python
    (issue 22): the feed shows thirty of them, and the template engine's lookups, escapes and
    filters per card were most of the page's time. The same HTML as the template, character
    for character (tests/coordination/test_update_card_html.py compares them); a card whose
    comment section shows its threads (an update's own page) is left to the template."""
    card = update.card
    text = card.text
    key = card.key
    out = [
        f'<article class="card update" id="update-{key}" aria-labelledby="update-{key}-title">'
        f'\n  <h3 id="update-{key}-title" class="h3">'
    ]
    message = ""
    if card.message_url:
        message = (
            f' <a class="message-link" href="{esc(card.message_url)}">{esc(text.message)}'
            f'<span class="visually-hidden"> {esc(card.author_name)}</span></a>'
        )
    if show_effort:
        out.append(f'<a href="{esc(card.effort_url)}">{esc(update.effort.name)}</a>')
    else:
        out.append(f"{esc(card.author_label)}{message}")
    if last_visit and update.created_at > last_visit:
        out.append(f' <span class="new-marker">{esc(text.new)}</span>')
    out.append('</h3>\n  <p class="meta">')
    if show_effort:
        out.append(f"{esc(card.author_label)}{message} · ")
    out.append(when_html(update.created_at))
    if update.edited_at:
        out.append(f' · <span class="edited">{esc(text.edited)}</span>')
    out.append(f"</p>\n  {linebreaks_filter(update.body, autoescape=True)}\n  ")
    if update.ask:
        out.append(f'<p class="alert alert--info"><strong>{esc(card.ask_label)}</strong>')
        if update.ask_detail:
            out.append(f": {esc(update.ask_detail)}")
        if update.ask_date:
            out.append(f" · {when_html(update.ask_date, date_only=True)}")
        out.append("</p>")
    out.append("\n  ")
    if card.may_help:
        out.append(
            f'<p><a class="button" href="{esc(card.help_url)}">{esc(text.can_help)}'
            f'<span class="visually-hidden"> ({esc(card.ask_label)})</span></a></p>'
        )
    out.append("\n  ")
    if update.links:
        links = update.link_list
        if links:
            out.append("<ul>")
            for link in links:
                out.append(
                    f'<li><a href="{esc(link)}" rel="noopener nofollow">'
                    f"{esc(truncatechars(link, 70))}</a></li>"
                )
            out.append("</ul>")
    out.append("\n  ")
    if update.attachment:
        out.append(f'<p><a href="{esc(card.file_url)}">{esc(update.attachment_name)}</a></p>')
    out.append("\n  ")
    if card.may_edit or card.may_delete:
        out.append('<p class="actions">')
        hidden = f'<span class="visually-hidden"> {esc(text.this_update)}</span></a>'
        if card.may_edit:
            out.append(f'<a href="{esc(card.edit_url)}">{esc(text.edit)}{hidden} ')
        if card.may_delete:
            out.append(f'<a href="{esc(card.delete_url)}">{esc(text.delete)}{hidden}')
        out.append("</p>")
    out.append("\n  ")
    section = getattr(update, "comment_section", None)
    if section and (section.count or section.can_comment):
        label = card.comments_label if section.count else text.comment
        out.append(
            f'<section class="comments" id="update-{key}-comments"'
            f' aria-label="{esc(text.comments)}">\n'
            f'  <p class="comments__count"><a href="{esc(card.comments_url)}">{esc(label)}</a></p>'
            "\n</section>"
        )
    out.append("\n</article>\n")
    return mark_safe("".join(out))  # noqa: S308 -- every value above escaped


def cards_in_python(updates) -> bool:
    """Whether `card_html` draws these cards: none shows its comment threads."""
    return not any(
        getattr(getattr(update, "comment_section", None), "has_threads", False)
        for update in updates
    )
