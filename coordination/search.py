"""Search over coordination's records (issue 20): efforts (also by their target companies'
names, aliases and brands), effort updates, group discussions and opportunities.

Every record type starts from its model's `visible_to(user)`; every word and "phrase" of the
query must match (accents and case ignored, on PostgreSQL through `unaccent`, on SQLite
through the UNACCENT() function registered by the repository app); one bounded query per
type, whatever the number of matches. The site search asks for these through the hook
`wsr_search_records` (coordination/wagtail_hooks.py)."""

import html
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from wsr.companies.search import FIELDS as COMPANY_SEARCH_FIELDS
from wsr.site.search import every_term, mark_more, matching, terms_of

from .models import Effort, EffortTarget, Opportunity, Post, Thread, Update

# The best this many records of each type (newest first). Each type's query asks for one more
# row than it shows, so the page says when there are more without counting them.
PER_TYPE = 10
EXCERPT_WORDS = 30
COMPANY_FIELDS = tuple(f"company__{field}" for field in COMPANY_SEARCH_FIELDS)


@dataclass
class Record:
    """One search result: `type` is a stable key, `label` its name in the reader's
    language."""

    type: str
    label: str
    title: str
    excerpt: str
    url: str
    # On the last record of its type when more match than are shown; `more_url` is where
    # they all are (the feed's search, for updates).
    more: bool = False
    more_url: str = ""


def any_term(terms, fields) -> Q:
    """One of `terms` matches one of `fields`."""
    condition = Q()
    for term in terms:
        condition |= matching(fields, term)
    return condition


def _targets_matching(term: str):
    return EffortTarget.objects.filter(matching(COMPANY_FIELDS, term)).values("effort_id")


def _excerpt(text: str) -> str:
    return Truncator(" ".join((text or "").split())).words(EXCERPT_WORDS)


def _plain(body_html: str) -> str:
    """The text of sanitized HTML (rendered Markdown), without its tags or entities."""
    return html.unescape(strip_tags(body_html or ""))


def label(kind: str) -> str:
    """The type label of a result, in the reader's language."""
    labels = {
        "effort": capfirst(_("effort")),
        "update": _("Update"),
        "thread": _("Discussion"),
        "opportunity": _("Opportunity"),
    }
    return labels[kind]


def efforts(user, terms, limit=PER_TYPE) -> list[Record]:
    condition = every_term(terms, ("name", "summary"), lambda t: Q(pk__in=_targets_matching(t)))
    target = Subquery(
        EffortTarget.objects.filter(effort=OuterRef("pk"))
        .filter(any_term(terms, COMPANY_FIELDS))
        .order_by("company__name")
        .values("company__name")[:1]
    )
    rows = (
        Effort.objects.visible_to(user)
        .filter(condition)
        .annotate(matched_company=target)
        .only("name", "slug", "summary")
        .order_by("-created_at", "-pk")[: limit + 1]
    )
    records = []
    for effort in rows:
        excerpt = _excerpt(effort.summary)
        if effort.matched_company:
            targets = _("Targets %(company)s.") % {"company": effort.matched_company}
            excerpt = f"{targets} {excerpt}".strip()
        records.append(
            Record("effort", label("effort"), effort.name, excerpt, effort.get_absolute_url())
        )
    return records


def updates(user, terms, limit=PER_TYPE) -> list[Record]:
    rows = (
        Update.objects.visible_to(user)
        .filter(every_term(terms, ("body", "ask_detail")))
        .select_related("effort")
        .only("body", "effort__name", "effort__slug")
        .order_by("-created_at", "-pk")[: limit + 1]
    )
    return [
        Record(
            "update",
            label("update"),
            update.effort.name,
            _excerpt(update.body),
            f"{update.effort.get_absolute_url()}#update-{update.pk}",
        )
        for update in rows
    ]


def threads(user, terms, limit=PER_TYPE) -> list[Record]:
    def in_posts(term):
        return Q(pk__in=Post.objects.filter(body__unaccent__icontains=term).values("thread_id"))

    first_post = Subquery(
        Post.objects.filter(thread=OuterRef("pk"))
        .order_by("created_at", "pk")
        .values("body_html")[:1]
    )
    rows = (
        Thread.objects.visible_to(user)
        .filter(every_term(terms, ("title",), in_posts))
        .select_related("group")
        .only("title", "group__name", "group__slug")
        .annotate(first_body=first_post)
        .order_by("-last_post_at", "-pk")[: limit + 1]
    )
    return [
        Record(
            "thread",
            label("thread"),
            thread.title,
            f"{thread.group.name}: {_excerpt(_plain(thread.first_body))}",
            thread.get_absolute_url(),
        )
        for thread in rows
    ]


def opportunities(user, terms, limit=PER_TYPE) -> list[Record]:
    buyers = Opportunity.buyers.through.objects

    def in_buyers(term):
        return Q(pk__in=buyers.filter(matching(COMPANY_FIELDS, term)).values("opportunity_id"))

    rows = (
        Opportunity.objects.visible_to(user)
        .filter(every_term(terms, ("title", "place", "supply_chain"), in_buyers))
        .only("title", "place", "supply_chain", "country")
        .order_by("-updated_at", "-pk")[: limit + 1]
    )
    return [
        Record(
            "opportunity",
            label("opportunity"),
            opportunity.title,
            _excerpt(
                " · ".join(
                    part for part in (opportunity.place, str(opportunity.country.name)) if part
                )
                + (f". {opportunity.supply_chain}" if opportunity.supply_chain else "")
            ),
            opportunity.get_absolute_url(),
        )
        for opportunity in rows
    ]


SOURCES = (efforts, updates, threads, opportunities)


def search_records(user, q: str, *, kinds=None) -> list[dict]:
    """Coordination's records that `user` may see matching `q`, grouped by type (efforts,
    updates, discussions, opportunities): one query per type, at most PER_TYPE of each, the
    last marked `more` when there are more (for updates, with the feed's search for `q`).
    `kinds` keeps some types."""
    terms = terms_of(q)
    if not terms:
        return []
    records = []
    for source in SOURCES:
        if kinds is None or source.__name__ in kinds:
            more_url = ""
            if source is updates:
                more_url = f"{reverse('coordination:feed')}?{urlencode({'q': q})}"
            found = mark_more(source(user, terms), PER_TYPE, more_url)
            records += [asdict(record) for record in found]
    return records


def reach_of(user) -> list[str]:
    """Beside the reader's audience, what decides which of these records `user` finds (issue
    22): a member's working groups (`reach_q` and `Thread.visible_to` ask for nothing else);
    nothing for the public and staff. The site search keeps a reader's records under it."""
    from wsr.members.roles import is_member, is_signed_in, is_staff

    from .models import GroupMembership

    if is_staff(user) or not (is_signed_in(user) and is_member(user)):
        return []
    ids = sorted(GroupMembership.objects.filter(user=user).values_list("group_id", flat=True))
    return ["groups:" + ",".join(map(str, ids))]


def feed_search(updates_queryset, q: str):
    """The feed's updates matching `q` by their text, their effort's name or the names,
    aliases and brands of their effort's targets (every word must match)."""
    terms = terms_of(q)
    if not terms:
        return updates_queryset

    def by_effort(term):
        return Q(effort__name__unaccent__icontains=term) | Q(effort_id__in=_targets_matching(term))

    return updates_queryset.filter(every_term(terms, ("body", "ask_detail"), by_effort))


def feed_records(user, q: str) -> list[dict]:
    """Beside the feed's matching updates: the efforts, discussions, opportunities and
    companies matching `q` (one query per type)."""
    from wsr.companies.search import search_records as company_records

    if not terms_of(q):
        return []
    return search_records(user, q, kinds={"efforts", "threads", "opportunities"}) + (
        company_records(user, q)
    )
