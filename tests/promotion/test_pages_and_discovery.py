"""Articles, series and the index: what readers see, translations and hreflang, JSON-LD,
Open Graph, feeds per kind and topic; a constant number of queries whatever the content."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from tests.promotion.builders import article, author, index, publish, series, topic
from wsr.companies.models import Company

pytestmark = pytest.mark.django_db


def _json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(b) for b in blocks]


def test_an_article_shows_its_parts_honestly(client, home):
    listing, _es = index(home)
    writer = author()
    company = Company.objects.create(name="Big Grocer")
    page = article(
        listing,
        "Codes without consequences",
        kind="critique",
        author=writer,
        topic=topic(),
        claim_examined="Codes protect workers.",
        evidence="<p>No duty to stop buying.</p>",
        alternative="<p>Binding agreements.</p>",
        update_note="Figures for 2025 added",
    )
    page.updated_on = page.published_on
    page.companies.add(company)
    publish(page)
    html = client.get(page.url).content.decode()
    for text in (
        "The claim examined",
        "Codes protect workers.",
        "Binding agreements.",
        "Updated on",
        "Figures for 2025 added",
        "minutes read",
        writer.name,
    ):
        assert text in html, text
    assert company.get_absolute_url() in html and writer.get_absolute_url() in html
    assert '<link rel="canonical" href="http' in html
    assert 'property="og:title" content="Codes without consequences"' in html
    assert 'name="twitter:card"' in html
    (data,) = _json_ld(html)
    assert data["@type"] == "Article" and data["headline"] == "Codes without consequences"
    assert data["author"][0]["name"] == writer.name and data["publisher"]["@type"] == "Organization"
    author_page = client.get(writer.get_absolute_url()).content.decode()
    assert "Codes without consequences" in author_page
    company_page = client.get(company.get_absolute_url()).content.decode()
    assert "Codes without consequences" in company_page


def test_a_press_release_is_a_news_article_in_json_ld(client, home):
    listing, _es = index(home)
    page = article(listing, "We welcome a new buyer", kind="press_release")
    (data,) = _json_ld(client.get(page.url).content.decode())
    assert data["@type"] == "NewsArticle"


def test_the_series_orders_its_critiques_with_previous_and_next(client, home):
    listing, _es = index(home)
    the_series = series(listing)
    pages = [
        article(listing, title, kind="critique", series=the_series, series_position=n)
        for n, title in enumerate(["Part one", "Part two", "Part three"])
    ]
    toc = client.get(the_series.url).content.decode()
    assert toc.index("Part one") < toc.index("Part two") < toc.index("Part three")
    middle = client.get(pages[1].url).content.decode()
    assert (
        f'href="{pages[0].url}" rel="prev"' in middle
        and f'href="{pages[2].url}" rel="next"' in middle
    )
    assert 'aria-current="page">Part two' in middle


def test_translations_are_listed_and_linked_with_hreflang(client, home):
    listing, listing_es = index(home)
    page = article(listing, "Audits fail")
    translated = page.copy_for_translation(Locale.objects.get(language_code="es"))
    translated.title, translated.slug = "Las auditorías fallan", "las-auditorias-fallan"
    publish(translated)
    html = client.get(page.url).content.decode()
    assert 'hreflang="es"' in html and "/es/publicaciones/las-auditorias-fallan/" in html
    assert "Also in:" in html
    spanish = client.get("/es/publicaciones/las-auditorias-fallan/").content.decode()
    assert 'lang="es"' in spanish and 'hreflang="en"' in spanish


def _items(body):
    root = ET.fromstring(body)
    atom = "{http://www.w3.org/2005/Atom}"
    return [e.findtext("title") for e in root.iter("item")] + [
        e.findtext(f"{atom}title") for e in root.iter(f"{atom}entry")
    ]


def test_feeds_per_kind_and_topic_parse_and_filter(client, home):
    listing, _es = index(home)
    audits = topic("audits")
    article(listing, "Critique A", kind="critique", topic=audits)
    article(listing, "News B", kind="news")
    assert set(_items(client.get("/feeds/articles.rss").content)) == {"Critique A", "News B"}
    assert _items(client.get("/feeds/kind/critique.atom").content) == ["Critique A"]
    assert _items(client.get("/feeds/topic/audits.rss").content) == ["Critique A"]
    assert client.get("/feeds/kind/nonsense.rss").status_code == 404
    assert client.get("/feeds/topic/nonsense.rss").status_code == 404


def _queries(client, url):
    from django.core.cache import cache

    client.get(url)
    cache.clear()  # measure the page itself, not the page cache
    client.get(url)  # warm the site chrome again
    from wsr.site.page_cache import invalidate

    invalidate()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_article_series_and_listing_pages_run_constant_queries(client, home):
    listing, _es = index(home)
    the_series = series(listing)
    writer, audits = author(), topic()
    first = article(
        listing, "Article 0", kind="critique", series=the_series, author=writer, topic=audits
    )
    urls = [first.url, the_series.url, listing.url, "/feeds/articles.rss"]
    few = [_queries(client, url) for url in urls]
    # exact (issue 18); tests/promotion/test_query_counts.py pins every page at 3 and 30 rows
    assert few == [16, 13, 14, 2]
    for n in range(1, 8):
        article(
            listing,
            f"Article {n}",
            kind="critique",
            series=the_series,
            series_position=n,
            author=writer,
            topic=audits,
        )
    assert [_queries(client, url) for url in urls] == few
