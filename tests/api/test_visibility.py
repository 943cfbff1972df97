"""Nothing non-public leaves through the API (issue 21, "Proof"), for EVERY registered
collection: a collection without a maker in tests/api/makers.py fails here.

On the whole demo, each collection's maker adds what some callers must not see (drafts,
staff-only, unlisted, members-only, confidential parts) beside a public control. Then the
whole list (every page, `next` to the end) and the detail URLs are read as four callers:
anonymous, a signed-in non-member's token, a member's token and a staff person's token (a
token never stands for staff: it reads as a member). And independently of the makers:
every record an anonymous caller gets is one the site shows anonymously (its `url` opens
without signing in)."""

import json

import pytest

from tests.members.factories import AffiliationFactory, StaffFactory, UserFactory
from wsr.api.registry import collections
from wsr.api.tokens import token_create

from .makers import MAKERS, People, Reach

# one worker runs the whole module: its demo is seeded once per run, not once per worker
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_visibility")]

COLLECTIONS = collections()
SEES = {
    "anonymous": {Reach.PUBLIC},
    "non-member": {Reach.PUBLIC},
    "member": {Reach.PUBLIC, Reach.MEMBERS},
    # through a token staff read what members read, never what only staff see (a token
    # proves no second factor)
    "staff": {Reach.PUBLIC, Reach.MEMBERS},
}


@pytest.fixture
def people(api_demo, db):
    affiliation = AffiliationFactory()
    return People(
        member=affiliation.user,
        member_organization=affiliation.organization,
        outsider=UserFactory(),
        staff=StaffFactory(),
    )


def _bearer(user) -> dict:
    _token, raw = token_create(user=user, name="visibility")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _callers(people) -> dict:
    return {
        "anonymous": {},
        "non-member": _bearer(people.outsider),
        "member": _bearer(people.member),
        "staff": _bearer(people.staff),
    }


def _walk(client, name, headers) -> tuple[list, str]:
    """Every record of the list, following `next` to the end; and the raw text of the pages."""
    records, texts = [], []
    url = f"/api/v1/{name}/?limit=100"
    while url:
        response = client.get(url, **headers)
        assert response.status_code == 200, (url, response.content[:500])
        texts.append(response.content.decode())
        page = response.json()
        records += page["data"]
        url = page["next"]
    return records, "\n".join(texts).lower()


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda collection: collection.name)
def test_every_caller_gets_only_what_it_may_see_in_the_list_and_alone(collection, client, people):
    maker = MAKERS.get(collection.name)
    assert maker is not None, (
        f"The collection {collection.name!r} has no maker in tests/api/makers.py: add one that "
        "makes what anonymous callers must not see (and a members-only record where members "
        "see more), so that this test covers it."
    )
    made = maker(people)
    assert any(thing.reach != Reach.PUBLIC for thing in made), "A maker makes something hidden."
    for caller, headers in _callers(people).items():
        records, text = _walk(client, collection.name, headers)
        listed = {str(record["id"]) for record in records}
        for thing in made:
            visible = thing.reach in SEES[caller]
            found = thing.marker.lower() in text
            assert found == visible, (
                f"{collection.name}: {thing.what} is {'missing' if visible else 'listed'} "
                f"for the {caller} caller"
            )
            if thing.identifier is None:
                continue
            assert (thing.identifier in listed) == visible, (collection.name, caller, thing)
            response = client.get(f"/api/v1/{collection.name}/{thing.identifier}", **headers)
            if visible:
                assert response.status_code == 200, (collection.name, caller, thing)
                assert thing.marker.lower() in response.content.decode().lower()
            else:
                assert response.status_code == 404, (collection.name, caller, thing)
                assert thing.marker.lower() not in response.content.decode().lower()


def _site_links(value):
    """The site addresses in a record: `url` and `…_url` fields at any depth."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and (key == "url" or key.endswith("_url")):
                if item.startswith("http://testserver/"):
                    yield item
            else:
                yield from _site_links(item)
    elif isinstance(value, list):
        for item in value:
            yield from _site_links(item)


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda collection: collection.name)
def test_every_record_an_anonymous_caller_gets_opens_on_the_site_without_signing_in(
    collection, client, api_demo
):
    records, _text = _walk(client, collection.name, {})
    assert records, f"The demo has no public {collection.name}: nothing was checked."
    links = set()
    for record in records:
        response = client.get(f"/api/v1/{collection.name}/{record['id']}")
        assert response.status_code == 200, (collection.name, record["id"])
        assert json.loads(response.content)["data"] == record
        if "url" in collection.schema.model_fields:
            assert record.get("url", "").startswith("http://testserver/"), record
        links.update(_site_links(record))
    for link in sorted(links):
        response = client.get(link, follow=True)
        assert response.status_code == 200, (collection.name, link, response.status_code)
