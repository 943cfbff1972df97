"""/api/v1/resources/ and /api/v1/events/: the repository's pages as the site shows them."""

from datetime import UTC, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Collection as DocumentCollection
from wagtail.models import CollectionViewRestriction, Locale, PageViewRestriction

from repository.api import EventRecord, ResourceRecord
from repository.models import (
    EventIndexPage,
    EventOutcomeResource,
    EventPage,
    ResourceAuthor,
)
from tests.members.factories import OrganizationFactory, StaffFactory, UserFactory, member
from tests.repository.factories import document, repository_index, resource
from wsr.api.tokens import token_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(site_tree):
    return repository_index(site_tree["en"])


@pytest.fixture
def events_index(site_tree):
    page = site_tree["en"].add_child(instance=EventIndexPage(title="Events", slug="events"))
    page.save_revision().publish()
    return page


def bearer(user) -> dict:
    _token, raw = token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def ids(response) -> list:
    assert response.status_code == 200, response.content
    return [record["id"] for record in response.json()["data"]]


def make_event(
    parent,
    title="Exchange",
    *,
    days=10,
    audience="public",
    fmt="hybrid",
    language=None,
    registration_open=True,
):
    starts = timezone.now() + timedelta(days=days)
    event = EventPage(
        title=title,
        summary="Learning together.",
        kind="exchange",
        format=fmt,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        time_zone="America/New_York",
        place="Immokalee, Florida" if fmt != "virtual" else "",
        online_link="https://meet.example.org/secret-room",
        audience=audience,
        registration_open=registration_open,
        agenda="<p>Agenda for registrants</p>",
    )
    if language:
        event.locale = Locale.objects.get(language_code=language)
    parent.add_child(instance=event)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


# --- resources -----------------------------------------------------------------------------


def test_a_resource_record_has_its_metadata_codes_and_public_attachments(client, index):
    attached = document(title="Toolkit PDF", name="toolkit.txt")
    other = resource(index, "Other", tags=["wages"])
    page = resource(
        index,
        "Fair Food toolkit",
        summary="How the program works.",
        kind="toolkit",
        sectors=["agriculture"],
        countries=["US", "MX"],
        principles=[1],
        tags=["heat", "wages"],
        year=2023,
        attachments=[attached],
        related=[other],
    )
    organization = OrganizationFactory(name="Coalition of Immokalee Workers")
    page.authors.add(ResourceAuthor(organization=organization))
    page.authors.add(ResourceAuthor(name="A. Researcher"))
    page.save_revision().publish()

    response = client.get(f"/api/v1/resources/{page.pk}")

    assert response.status_code == 200
    record = response.json()["data"]
    assert record["id"] == page.pk
    assert record["title"] == "Fair Food toolkit"
    assert record["language"] == "en"
    assert record["translation_key"] == str(page.translation_key)
    assert record["url"] == f"http://testserver{page.url}"
    assert record["kind"] == {
        "code": "toolkit",
        "label_en": "Toolkit or guide",
        "label_es": record["kind"]["label_es"],
    }
    assert record["summary"] == "How the program works."
    assert record["published_on"] == "2023-06-01"
    assert record["authors"] == ["Coalition of Immokalee Workers", "A. Researcher"]
    assert [p["code"] for p in record["principles"]] == [page.principles.get().slug]
    assert {c["code"] for c in record["countries"]} == {"US", "MX"}
    assert {c["label_en"] for c in record["countries"]} == {"United States of America", "Mexico"}
    assert [s["code"] for s in record["sectors"]] == ["agriculture"]
    assert record["tags"] == ["heat", "wages"]
    assert record["audience"]["code"] == "public"
    assert record["attachments"] == [
        {
            "title": "Toolkit PDF",
            "url": f"http://testserver{attached.url}",
            "file_extension": "txt",
        }
    ]
    assert record["related"] == [other.pk]
    assert record["last_published_at"].endswith("Z")
    ResourceRecord.model_validate(record)
    # the link is the site's document view, and it serves the file to an anonymous reader
    assert client.get(attached.url).status_code == 200


def test_a_members_only_resource_appears_for_a_members_token_only(client, index):
    public = resource(index, "Public")
    private = resource(index, "Members only", audience="members")
    staff_only = resource(index, "Staff only", audience="staff")

    assert ids(client.get("/api/v1/resources/")) == [public.pk]
    outsider = UserFactory()
    assert ids(client.get("/api/v1/resources/", **bearer(outsider))) == [public.pk]
    reader = member()
    assert ids(client.get("/api/v1/resources/", **bearer(reader))) == [public.pk, private.pk]
    assert client.get(f"/api/v1/resources/{private.pk}").status_code == 404
    assert client.get(f"/api/v1/resources/{private.pk}", **bearer(reader)).status_code == 200
    assert client.get(f"/api/v1/resources/{staff_only.pk}", **bearer(reader)).status_code == 404
    # a token never stands for a second factor: staff pages stay out of reach through it
    staff = bearer(StaffFactory())
    assert staff_only.pk not in ids(client.get("/api/v1/resources/", **staff))


def test_unpublished_and_view_restricted_resources_never_appear(client, index):
    public = resource(index, "Public")
    draft = resource(index, "Withdrawn")
    draft.unpublish()
    restricted = resource(index, "Behind a password")
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    reader = member()

    assert ids(client.get("/api/v1/resources/")) == [public.pk]
    assert ids(client.get("/api/v1/resources/", **bearer(reader))) == [public.pk]
    assert client.get(f"/api/v1/resources/{draft.pk}").status_code == 404
    assert client.get(f"/api/v1/resources/{restricted.pk}").status_code == 404


def test_a_document_of_a_members_only_resource_is_never_listed_anonymously(client, index):
    confidential = document(title="Confidential minutes", name="minutes.txt")
    resource(index, "Members only", audience="members", attachments=[confidential])
    resource(index, "Public")

    body = client.get("/api/v1/resources/").content.decode()

    assert "Confidential minutes" not in body
    assert confidential.url not in body
    assert client.get(confidential.url).status_code == 404  # the site refuses it too


def test_a_document_in_a_restricted_collection_is_not_listed(client, index):
    root = DocumentCollection.get_first_root_node()
    locked = root.add_child(name="Board only")
    restriction = CollectionViewRestriction.objects.create(
        collection=locked, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Board"))
    hidden = document(title="Board paper", name="board.txt")
    hidden.collection = locked
    hidden.save()
    shown = document(title="Public paper", name="public.txt")
    page = resource(index, "Mixed", attachments=[hidden, shown])

    record = client.get(f"/api/v1/resources/{page.pk}").json()["data"]

    assert [a["title"] for a in record["attachments"]] == ["Public paper"]


def test_related_resources_list_only_what_the_caller_may_read(client, index):
    hidden = resource(index, "Members only", audience="members")
    shown = resource(index, "Public one")
    page = resource(index, "With links", related=[hidden, shown])

    anonymous = client.get(f"/api/v1/resources/{page.pk}").json()["data"]
    as_member = client.get(f"/api/v1/resources/{page.pk}", **bearer(member())).json()["data"]

    assert anonymous["related"] == [shown.pk]
    assert as_member["related"] == [hidden.pk, shown.pk]


def test_resources_filter_by_kind_country_sector_principle_tag_and_language(
    client, index, site_tree
):
    a = resource(
        index,
        "A",
        kind="report",
        countries=["US"],
        sectors=["agriculture"],
        principles=[1],
        tags=["heat"],
    )
    b = resource(index, "B", kind="toolkit", countries=["BD"], sectors=["apparel"], principles=[2])
    index_es = index.copy_for_translation(Locale.objects.get(language_code="es"))
    index_es.save_revision().publish()
    c = resource(index_es, "C", kind="report", language="es", tags=["Calor"])

    def listed(query):
        return ids(client.get(f"/api/v1/resources/?{query}"))

    assert listed("kind=report") == [a.pk, c.pk]
    assert listed("country=BD") == [b.pk]
    assert listed("country=bd") == [b.pk]
    assert listed("sector=agriculture") == [a.pk]
    assert listed(f"principle={a.principles.get().slug}") == [a.pk]
    assert listed("tag=heat") == [a.pk]
    assert listed("tag=calor") == [c.pk]
    assert listed("language=es") == [c.pk]
    assert listed("kind=nothing") == []
    assert listed("country=ZZ") == []
    assert listed("kind=report&language=en") == [a.pk]


def test_translations_of_a_resource_share_their_translation_key(client, index):
    page = resource(index, "Original")
    index_es = index.copy_for_translation(Locale.objects.get(language_code="es"))
    index_es.save_revision().publish()
    translated = page.copy_for_translation(Locale.objects.get(language_code="es"))
    translated.title = "Traducción"
    translated.save_revision().publish()

    data = client.get("/api/v1/resources/").json()["data"]

    assert [(r["language"], r["translation_key"]) for r in data] == [
        ("en", str(page.translation_key)),
        ("es", str(page.translation_key)),
    ]
    assert data[1]["url"].startswith("http://testserver/es/")


def test_resources_fields_selection_returns_only_the_chosen_fields(client, index):
    page = resource(index, "Chosen", countries=["US"])

    data = client.get("/api/v1/resources/?fields=title,countries").json()["data"]

    assert data == [
        {
            "id": page.pk,
            "title": "Chosen",
            "countries": [
                {
                    "code": "US",
                    "label_en": "United States of America",
                    "label_es": data[0]["countries"][0]["label_es"],
                }
            ],
        }
    ]


def _many_resources(index, count):
    shared = resource(index, "Shared related")
    pages = []
    for number in range(count):
        page = resource(
            index,
            f"Resource {number}",
            sectors=["agriculture"],
            countries=["US", "MX"],
            principles=[1, 2],
            tags=["heat", f"tag{number}"],
            attachments=[document(title=f"Doc {number}", name=f"doc{number}.txt")],
            related=[shared],
        )
        page.authors.add(ResourceAuthor(person=UserFactory()))
        page.authors.add(ResourceAuthor(organization=OrganizationFactory()))
        page.save_revision().publish()
        pages.append(page)
    return pages


@pytest.mark.parametrize("count", [1, 3])
def test_the_resources_list_costs_the_same_queries_for_one_or_many(
    client, index, count, django_assert_num_queries
):
    _many_resources(index, count)
    client.get("/api/v1/resources/")  # warm the site root paths cache

    # restricted pages (for the list and for the related ones), restricted collections,
    # the page, and one each: authors, principles, sectors, countries, tags, attachments,
    # related
    with django_assert_num_queries(RESOURCE_LIST_QUERIES):
        response = client.get("/api/v1/resources/")

    assert len(response.json()["data"]) == count + 1


RESOURCE_LIST_QUERIES = 11


# --- events --------------------------------------------------------------------------------


def test_an_event_record_has_its_times_and_place_and_never_the_online_link(
    client, events_index, index
):
    lesson = resource(index, "Lessons learned")
    hidden = resource(index, "Members notes", audience="members")
    event = make_event(events_index, "Heat stress exchange", fmt="hybrid")
    event.outcome_resources.add(EventOutcomeResource(resource=lesson))
    event.outcome_resources.add(EventOutcomeResource(resource=hidden))
    event.save_revision().publish()

    response = client.get(f"/api/v1/events/{event.pk}")

    assert response.status_code == 200
    assert "secret-room" not in response.content.decode()
    assert "Agenda for registrants" not in response.content.decode()
    record = response.json()["data"]
    assert record["id"] == event.pk
    assert record["title"] == "Heat stress exchange"
    assert record["language"] == "en"
    assert record["translation_key"] == str(event.translation_key)
    assert record["url"] == f"http://testserver{event.url}"
    assert record["kind"]["code"] == "exchange"
    assert record["format"] == {
        "code": "hybrid",
        "label_en": "Hybrid",
        "label_es": record["format"]["label_es"],
    }
    assert record["summary"] == "Learning together."
    assert record["starts_at"] == event.starts_at.astimezone(UTC).isoformat().replace("+00:00", "Z")
    assert record["ends_at"].endswith("Z")
    assert record["time_zone"] == "America/New_York"
    assert record["place"] == "Immokalee, Florida"
    assert record["online"] is True
    assert record["registration_open"] is True
    assert record["audience"]["code"] == "public"
    assert record["outcome_resources"] == [lesson.pk]
    EventRecord.model_validate(record)


def test_an_in_person_event_is_not_online_and_a_past_one_is_closed(client, events_index):
    past = make_event(events_index, "Past", fmt="in_person", days=-10)
    closed = make_event(events_index, "Closed", fmt="virtual", registration_open=False)

    data = {r["id"]: r for r in client.get("/api/v1/events/").json()["data"]}

    assert data[past.pk]["online"] is False
    assert data[past.pk]["registration_open"] is False
    assert data[closed.pk]["online"] is True
    assert data[closed.pk]["place"] == ""
    assert data[closed.pk]["registration_open"] is False


def test_a_translated_event_reads_registration_from_the_default_language_version(
    client, events_index, site_tree
):
    event = make_event(events_index, "Exchange", registration_open=False)
    events_es = events_index.copy_for_translation(Locale.objects.get(language_code="es"))
    events_es.save_revision().publish()
    translated = event.copy_for_translation(Locale.objects.get(language_code="es"))
    translated.registration_open = True
    translated.save_revision().publish()

    data = client.get("/api/v1/events/").json()["data"]

    assert [(r["language"], r["registration_open"]) for r in data] == [
        ("en", False),
        ("es", False),
    ]
    assert data[0]["translation_key"] == data[1]["translation_key"]


def test_a_members_event_appears_for_a_members_token_only(client, events_index):
    public = make_event(events_index, "Open webinar")
    private = make_event(events_index, "Members exchange", audience="members")
    draft = make_event(events_index, "Withdrawn")
    draft.unpublish()

    assert ids(client.get("/api/v1/events/")) == [public.pk]
    assert ids(client.get("/api/v1/events/", **bearer(UserFactory()))) == [public.pk]
    assert ids(client.get("/api/v1/events/", **bearer(member()))) == [public.pk, private.pk]
    assert client.get(f"/api/v1/events/{private.pk}").status_code == 404
    assert client.get(f"/api/v1/events/{draft.pk}", **bearer(member())).status_code == 404


def test_events_filter_by_language_upcoming_and_start(client, events_index):
    past = make_event(events_index, "Past", days=-30)
    soon = make_event(events_index, "Soon", days=5)
    later = make_event(events_index, "Later", days=60)
    events_es = events_index.copy_for_translation(Locale.objects.get(language_code="es"))
    events_es.save_revision().publish()
    spanish = make_event(events_es, "Intercambio", days=20, language="es")

    def listed(query):
        return ids(client.get(f"/api/v1/events/?{query}"))

    assert listed("upcoming=true") == [soon.pk, later.pk, spanish.pk]
    assert listed("upcoming=false") == [past.pk]
    assert listed("language=es") == [spanish.pk]
    start = (timezone.now() + timedelta(days=30)).date().isoformat()
    assert listed(f"starts_from={start}") == [later.pk]
    assert client.get("/api/v1/events/?upcoming=maybe").status_code == 400
    assert client.get("/api/v1/events/?starts_from=soon").status_code == 400


def test_events_fields_selection(client, events_index):
    event = make_event(events_index, "Chosen")

    data = client.get("/api/v1/events/?fields=title,online").json()["data"]

    assert data == [{"id": event.pk, "title": "Chosen", "online": True}]


@pytest.mark.parametrize("count", [1, 3])
def test_the_events_list_costs_the_same_queries_for_one_or_many(
    client, events_index, index, count, django_assert_num_queries
):
    lesson = resource(index, "Lesson")
    for number in range(count):
        event = make_event(events_index, f"Event {number}")
        event.outcome_resources.add(EventOutcomeResource(resource=lesson))
        event.save_revision().publish()
    client.get("/api/v1/events/")  # warm the site root paths cache

    with django_assert_num_queries(EVENT_LIST_QUERIES):
        response = client.get("/api/v1/events/")

    assert len(response.json()["data"]) == count


EVENT_LIST_QUERIES = 4
