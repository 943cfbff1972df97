"""The company registry in the site search (issue 20): companies are public, found by name,
other names and brands, accents and case ignored, in one bounded query."""

from django.db.models import Q
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from wsr.site.search import split_query, unaccent

from .models import Company

# At most this many companies; one more row is fetched to know whether there are more.
PER_TYPE = 10


def search_records(user, q: str) -> list[dict]:
    """Companies matching every word and phrase of `q` (by name, aliases or brands): at most
    PER_TYPE, the last marked `more` when more match."""
    words, phrases = split_query(q)
    terms = [unaccent(term) for term in [*phrases, *words] if term]
    if not terms:
        return []
    condition = Q()
    for term in terms:
        condition &= (
            Q(name__unaccent__icontains=term)
            | Q(aliases__unaccent__icontains=term)
            | Q(brands__unaccent__icontains=term)
        )
    rows = (
        Company.objects.filter(condition)
        .only("name", "slug", "aliases", "brands")
        .order_by("name")[: PER_TYPE + 1]
    )
    kind = capfirst(_("company"))
    records = [
        {
            "type": "company",
            "label": kind,
            "title": company.name,
            "excerpt": Truncator(", ".join(company.brand_list + company.alias_list)).words(30),
            "url": company.get_absolute_url(),
        }
        for company in rows
    ]
    if len(records) > PER_TYPE:
        records = records[:PER_TYPE]
        records[-1].update(more=True, more_url="")
    return records
