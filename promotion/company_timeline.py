"""Promotion's entries on a company's timeline (issue 20): the articles that name the
company, in the reader's language; critiques as "critique", other kinds as "news"."""

from wsr.companies.timeline import TimelineEntry

# The timeline shows this many of the newest articles (one query whatever the number).
MAX_ARTICLES = 50


def article_entries(request, company) -> list[TimelineEntry]:
    from .models.pages import ArticleKind
    from .selectors import readable_articles

    articles = (
        readable_articles()
        .filter(companies=company, locale__language_code=request.LANGUAGE_CODE)
        .order_by("-published_on", "-first_published_at")
        .only(
            "id", "title", "url_path", "published_on", "first_published_at", "kind", "standfirst"
        )[:MAX_ARTICLES]
    )
    entries = []
    for article in articles:
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
