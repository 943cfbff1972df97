"""The open-data API's articles and publications: metadata of what is live and public,
nothing under embargo or in draft, never the body."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from promotion.models import Author, PublicationAuthor, PublicationPage
from tests.promotion import builders
from wsr.companies.models import Company

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.WSR_STAFF_MFA_REQUIRED = False
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"


@pytest.fixture
def listing(site_tree):
    english, _spanish = builders.index(site_tree["en"])
    return english


def _data(response):
    assert response.status_code == 200, response.content
    return response.json()["data"]


def _article(listing, title="Audits fail", **extra):
    return builders.article(listing, title, **extra)


def _publication(listing, title="Enforcement, not audits", *, document=None, **extra):
    page = listing.add_child(
        instance=PublicationPage(
            title=title,
            summary="A review of what binds buyers.",
            key_findings=[("finding", "Binding agreements work.")],
            published_on="2026-05-01",
            document=document,
            doi="10.1234/wsr.2026.1",
            **extra,
        )
    )
    author, _created = Author.objects.get_or_create(name="Ana Morales")
    PublicationAuthor.objects.create(page=page, author=author)
    return builders.publish(page)


def _document(name="report.pdf", collection=None):
    document = get_document_model()(title="Report PDF")
    if collection is not None:
        document.collection = collection
    document.file.save(name, ContentFile(b"%PDF-1.4 report"), save=False)
    document.save()
    return document


# --- articles ---------------------------------------------------------------------------------


def test_an_article_is_listed_with_its_metadata_and_not_its_body(client, listing):
    topic = builders.topic("audits")
    author = builders.author("Ana Morales")
    series = builders.series(listing, "Why audits fail")
    company = Company.objects.create(name="FreshCo")
    page = _article(listing, "Audits fail", kind="critique", author=author, topic=topic)
    page.series = series
    page.companies.add(company)
    builders.publish(page)

    (record,) = _data(client.get("/api/v1/articles/"))

    assert record["id"] == page.pk
    assert record["title"] == "Audits fail"
    assert record["language"] == "en"
    assert record["translation_key"] == str(page.translation_key)
    assert record["url"] == f"http://testserver{page.url}"
    assert record["kind"] == {"code": "critique", "label_en": "Critique", "label_es": "Crítica"}
    assert record["series"] == {
        "id": series.pk,
        "title": "Why audits fail",
        "url": f"http://testserver{series.url}",
    }
    assert record["topics"] == [{"code": "audits", "label_en": "Audits", "label_es": "audits (es)"}]
    assert record["authors"] == ["Ana Morales"]
    assert record["companies"] == [{"id": company.slug, "name": "FreshCo"}]
    assert record["summary"] == "Standfirst of Audits fail"
    assert record["published_on"] == timezone.localdate().isoformat()
    assert record["first_published_at"].endswith("Z")
    assert record["updated_at"].endswith("Z")
    assert "Body of" not in str(record)


def test_one_article_is_fetched_by_its_page_id(client, listing):
    page = _article(listing)
    response = client.get(f"/api/v1/articles/{page.pk}")
    assert _data(response)["title"] == "Audits fail"


def test_an_embargoed_release_and_a_draft_are_absent(client, listing):
    builders.embargoed(listing, "Embargoed release")
    draft = _article(listing, "Draft only", live=False)
    _article(listing, "Published")
    titles = [record["title"] for record in _data(client.get("/api/v1/articles/"))]
    assert titles == ["Published"]
    assert client.get(f"/api/v1/articles/{draft.pk}").status_code == 404


def test_a_members_token_sees_no_embargoed_article_either(client, listing):
    from tests.members.factories import member
    from wsr.api.tokens import token_create

    embargoed = builders.embargoed(listing, "Embargoed release")
    _token, raw = token_create(user=member(), name="laptop")
    response = client.get("/api/v1/articles/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert _data(response) == []
    response = client.get(f"/api/v1/articles/{embargoed.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 404


def test_an_article_under_a_view_restriction_is_absent(client, listing):
    from wagtail.models import PageViewRestriction

    page = _article(listing, "Restricted")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert _data(client.get("/api/v1/articles/")) == []


def test_an_unpublished_series_is_not_named(client, listing):
    series = builders.series(listing, "Hidden series")
    page = _article(listing)
    page.series = series
    builders.publish(page)
    series.unpublish()
    (record,) = _data(client.get("/api/v1/articles/"))
    assert record["series"] is None


def test_articles_are_filtered_by_kind_topic_language_and_company(client, listing):
    topic = builders.topic("audits")
    company = Company.objects.create(name="FreshCo")
    named = _article(listing, "Names a company", kind="news")
    named.companies.add(company)
    builders.publish(named)
    _article(listing, "On audits", kind="critique", topic=topic)
    spanish_index = listing.get_translations().get()
    builders.article(spanish_index, "En español", kind="news")

    def titles(query):
        return sorted(r["title"] for r in _data(client.get(f"/api/v1/articles/?{query}")))

    assert titles("kind=critique") == ["On audits"]
    assert titles("topic=audits") == ["On audits"]
    assert titles("language=es") == ["En español"]
    assert titles(f"company={company.slug}") == ["Names a company"]
    assert titles("kind=news&language=en") == ["Names a company"]
    assert titles("topic=unknown") == []
    assert titles("company=unknown") == []


def test_an_unknown_kind_is_a_bad_request(client, listing):
    response = client.get("/api/v1/articles/?kind=poem")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


def test_fields_selection_returns_only_the_chosen_fields_of_an_article(client, listing):
    _article(listing)
    (record,) = _data(client.get("/api/v1/articles/?fields=title,kind"))
    assert set(record) == {"id", "title", "kind"}


def _many_articles(listing, count):
    topic = builders.topic(f"topic-{count}")
    company = Company.objects.create(name=f"Company {count}")
    series = builders.series(listing, f"Series {count}")
    for n in range(count):
        page = _article(
            listing, f"Article {count}-{n}", author=builders.author(f"Author {count}-{n}")
        )
        page.topics.add(topic)
        page.companies.add(company)
        page.series = series
        builders.publish(page)


@pytest.mark.parametrize("count", [1, 6])
def test_the_article_list_takes_the_same_queries_whatever_its_length(
    client, listing, django_assert_num_queries, count
):
    from tests.query_counts import get_pinned

    _many_articles(listing, count)
    response = get_pinned(client, "/api/v1/articles/", ARTICLE_QUERIES, django_assert_num_queries)
    assert len(_data(response)) == count


# the pages' and the series' view restrictions, the pages, topics, sectors, companies,
# authors, series
ARTICLE_QUERIES = 8


# --- publications ----------------------------------------------------------------------------


def test_a_publication_is_listed_with_its_metadata_and_its_public_pdf(client, listing):
    document = _document()
    page = _publication(listing, document=document)

    (record,) = _data(client.get("/api/v1/publications/"))

    assert record["id"] == page.pk
    assert record["title"] == "Enforcement, not audits"
    assert record["language"] == "en"
    assert record["url"] == f"http://testserver{page.url}"
    assert record["summary"] == "A review of what binds buyers."
    assert record["key_findings"] == ["Binding agreements work."]
    assert record["authors"] == ["Ana Morales"]
    assert record["published_on"] == "2026-05-01"
    assert record["doi"] == "10.1234/wsr.2026.1"
    assert record["publisher"] == "WSR Collaborative"
    assert record["document_url"] == f"http://testserver/publications/{page.pk}/download/"
    download = client.get(record["document_url"].removeprefix("http://testserver"))
    assert download.status_code == 302
    assert client.get(download["Location"]).status_code == 200


def test_a_publication_without_a_pdf_has_no_document_link(client, listing):
    _publication(listing)
    (record,) = _data(client.get("/api/v1/publications/"))
    assert record["document_url"] is None


def test_a_pdf_in_a_restricted_collection_is_not_linked(client, listing):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Board papers")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    _publication(listing, document=_document(collection=private))
    (record,) = _data(client.get("/api/v1/publications/"))
    assert record["document_url"] is None


def test_a_draft_publication_is_absent(client, listing):
    page = listing.add_child(
        instance=PublicationPage(
            title="Draft report", summary="Not yet.", published_on="2026-05-01", live=False
        )
    )
    _publication(listing, "Published report")
    titles = [r["title"] for r in _data(client.get("/api/v1/publications/"))]
    assert titles == ["Published report"]
    assert client.get(f"/api/v1/publications/{page.pk}").status_code == 404


def test_a_scheduled_publication_is_absent(client, listing):
    page = listing.add_child(
        instance=PublicationPage(
            title="Scheduled report", summary="Soon.", published_on="2026-05-01", live=False
        )
    )
    page.go_live_at = timezone.now() + timedelta(hours=2)
    page.save_revision().publish()
    assert _data(client.get("/api/v1/publications/")) == []


def test_publications_are_filtered_by_topic_and_language(client, listing):
    topic = builders.topic("enforcement")
    tagged = _publication(listing, "Tagged")
    tagged.topics.add(topic)
    builders.publish(tagged)
    _publication(listing, "Untagged")

    def titles(query):
        return sorted(r["title"] for r in _data(client.get(f"/api/v1/publications/?{query}")))

    assert titles("topic=enforcement") == ["Tagged"]
    assert titles("language=en") == ["Tagged", "Untagged"]
    assert titles("language=es") == []


def test_fields_selection_returns_only_the_chosen_fields_of_a_publication(client, listing):
    _publication(listing)
    (record,) = _data(client.get("/api/v1/publications/?fields=doi"))
    assert record == {"id": record["id"], "doi": "10.1234/wsr.2026.1"}


@pytest.mark.parametrize("count", [1, 6])
def test_the_publication_list_takes_the_same_queries_whatever_its_length(
    client, listing, django_assert_num_queries, count
):
    from tests.query_counts import get_pinned

    topic = builders.topic("enforcement")
    related = _article(listing, "Related")
    for n in range(count):
        page = _publication(listing, f"Report {n}", document=_document(f"report-{n}.pdf"))
        page.topics.add(topic)
        page.related_articles.add(related)
        builders.publish(page)
    response = get_pinned(
        client, "/api/v1/publications/", PUBLICATION_QUERIES, django_assert_num_queries
    )
    assert len(_data(response)) == count


# page restrictions, collection restrictions, the page, topics, authors, related articles
PUBLICATION_QUERIES = 6
