"""schema.org JSON-LD for what promotion publishes: Article or NewsArticle, Report, Event
and the Organization behind them."""

from django.conf import settings

from .models import ArticleKind

NEWS_KINDS = {ArticleKind.NEWS, ArticleKind.PRESS_RELEASE}


def organization() -> dict:
    return {
        "@type": "Organization",
        "name": "WSR Collaborative",
        "url": settings.SITE_URL + "/",
        "logo": settings.SITE_URL + "/static/favicon.svg",
    }


def _person_or_org(author) -> dict:
    data = {"@type": "Organization" if author.is_organization else "Person", "name": author.name}
    data["url"] = settings.SITE_URL + author.get_absolute_url()
    return data


def article(page, authors) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle" if page.kind in NEWS_KINDS else "Article",
        "headline": page.title[:110],
        "description": page.standfirst,
        "inLanguage": page.locale.language_code,
        "datePublished": (page.published_on or page.first_published_at.date()).isoformat()
        if (page.published_on or page.first_published_at)
        else None,
        "dateModified": (page.updated_on or page.published_on).isoformat()
        if (page.updated_on or page.published_on)
        else None,
        "author": [_person_or_org(a) for a in authors] or [organization()],
        "publisher": organization(),
        "mainEntityOfPage": page.full_url,
        "url": page.full_url,
    }


def report(page, authors) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": page.title,
        "headline": page.title[:110],
        "description": page.summary,
        "inLanguage": page.locale.language_code,
        "datePublished": page.published_on.isoformat(),
        "author": [_person_or_org(a) for a in authors] or [organization()],
        "publisher": organization(),
        "url": page.full_url,
    }
    if page.isbn:
        data["isbn"] = page.isbn
    if page.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": page.doi}
    return data


def events(talks) -> list[dict]:
    return [
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": f"{talk.title} ({talk.event})",
            "startDate": talk.local_start().isoformat(),
            "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode"
            if talk.place.startswith("http")
            else "https://schema.org/OfflineEventAttendanceMode",
            "location": {"@type": "VirtualLocation", "url": talk.place}
            if talk.place.startswith("http")
            else {"@type": "Place", "name": talk.place or talk.event},
            "organizer": organization(),
            "performer": [{"@type": "Person", "name": s.name} for s in talk.speakers.all()],
        }
        for talk in talks
    ]
