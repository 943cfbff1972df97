"""Members-only and staff resources reach no one outside their audience, on any channel."""

import pytest

from .factories import document, resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret(index):
    attachment = document(
        title="Negotiation playbook", content=b"secret playbook text", name="playbook.txt"
    )
    page = resource(
        index,
        "Negotiation playbook",
        summary="Members only negotiation notes.",
        audience="members",
        attachments=[attachment],
        tags=["negotiation"],
    )
    return page, attachment


@pytest.fixture
def public_page(index, secret):
    return resource(
        index, "Public toolkit", summary="Negotiation basics for everyone.", related=[secret[0]]
    )


def _as(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    "who, status", [("anonymous", 404), ("public", 404), ("member", 200), ("staff", 200)]
)
def test_page(client, secret, viewers, who, status):
    page, _doc = secret
    _as(client, viewers.get(who))
    assert client.get(page.url).status_code == status


@pytest.mark.parametrize("who, status", [("anonymous", 404), ("public", 404), ("member", 200)])
def test_attachment_url(client, secret, viewers, who, status):
    _page, attachment = secret
    _as(client, viewers.get(who))
    response = client.get(attachment.url)
    assert response.status_code == status
    if status == 200:
        assert b"secret playbook text" in b"".join(response.streaming_content)


def test_repository_listing_and_facets(client, index, secret, public_page, viewers):
    content = client.get(index.url).content.decode()
    assert "Public toolkit" in content and "Negotiation playbook" not in content
    assert "Members" not in content.split("Narrow the results")[1].split("</fieldset>")[0]
    _as(client, viewers["member"])
    assert "Negotiation playbook" in client.get(index.url).content.decode()


def test_repository_search_results(client, index, secret, public_page, viewers):
    content = client.get(index.url, {"q": "negotiation"}).content.decode()
    assert "Public toolkit" in content and "Negotiation playbook" not in content
    assert "1 resource" in content


def test_site_wide_search(client, secret, public_page, viewers):
    content = client.get("/search/", {"q": "negotiation"}).content.decode()
    assert "Public toolkit" in content and "Negotiation playbook" not in content
    _as(client, viewers["member"])
    assert "Negotiation playbook" in client.get("/search/", {"q": "negotiation"}).content.decode()


def test_sitemap(client, secret, public_page):
    content = client.get("/sitemap.xml").content.decode()
    assert public_page.url in content and secret[0].url not in content


def test_related_resource_links(client, secret, public_page, viewers):
    content = client.get(public_page.url).content.decode()
    assert "Negotiation playbook" not in content
    _as(client, viewers["member"])
    assert "Negotiation playbook" in client.get(public_page.url).content.decode()


def test_an_unattached_document_is_not_public(client, db):
    loose = document(title="Loose", content=b"loose file", name="loose.txt")
    assert client.get(loose.url).status_code == 404  # fails closed (tests/site)


def test_documents_are_never_served_from_media(client, secret, settings):
    _page, attachment = secret
    response = client.get(f"{settings.MEDIA_URL}{attachment.file.name}")
    assert response.status_code == 404


def test_portal_whats_new(client, secret, public_page, viewers):
    _as(client, viewers["public"])
    content = client.get("/portal/").content.decode()
    assert "Public toolkit" in content and "Negotiation playbook" not in content
    _as(client, viewers["member"])
    assert "Negotiation playbook" in client.get("/portal/").content.decode()
