"""The company registry in the site search (issue 20): companies are public, found by name,
other names and brands, accents and case ignored, in one bounded query."""

from django.db.models import Q
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from wsr.site.search import every_term, mark_more, terms_of

from .models import Company

# At most this many companies; one more row is fetched to know whether there are more.
PER_TYPE = 10
FIELDS = ("name", "aliases", "brands")


def company_condition(q: str) -> Q | None:
    """Companies matching every word and "quoted phrase" of `q` by name, other names or
    brands, accents and case ignored; None when `q` holds no term. The site search and the
    company list share it."""
    terms = terms_of(q)
    return every_term(terms, FIELDS) if terms else None


def search_records(user, q: str) -> list[dict]:
    """Companies matching every word and phrase of `q` (by name, aliases or brands): at most
    PER_TYPE, the last marked `more` when more match."""
    condition = company_condition(q)
    if condition is None:
        return []
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
    return mark_more(records, PER_TYPE)
