"""Promotion's entries on a company's timeline (issue 20): the articles that name the
company, in the reader's language; critiques as "critique", other kinds as "news". The
company page's articles panel shows the newest of the same list (one query for both)."""

from wsr.companies.timeline import TimelineEntry

# The timeline shows this many of the newest articles (one query whatever the number).
MAX_ARTICLES = 50

_CACHE = "_wsr_company_articles"


def company_articles(request, company) -> list:
    """The newest MAX_ARTICLES articles naming `company` in the reader's language, fetched
    once per request and shared by the articles panel and the timeline."""
    from .selectors import readable_articles

    cache = getattr(request, _CACHE, None)
    if cache is None:
        cache = {}
        setattr(request, _CACHE, cache)
    if company.pk not in cache:
        cache[company.pk] = list(
            readable_articles()
            .filter(companies=company, locale__language_code=request.LANGUAGE_CODE)
            .order_by("-published_on", "-first_published_at")
            .only(
                "id",
                "title",
                "url_path",
                "published_on",
                "first_published_at",
                "kind",
                "standfirst",
            )[:MAX_ARTICLES]
        )
    return cache[company.pk]


def article_entries(request, company) -> list[TimelineEntry]:
    from .models.pages import ArticleKind

    entries = []
    for article in company_articles(request, company):
        date = article.published_on or article.first_published_at
        if date is None:
            continue
        entries.append(
            TimelineEntry(
                date=date,
                kind="critique" if article.kind == ArticleKind.CRITIQUE else "news",
                title=article.title,
                url=article.get_url(request) or "",
                summary=article.standfirst,
            )
        )
    return entries
