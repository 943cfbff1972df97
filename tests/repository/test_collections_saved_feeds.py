import pytest
from django.urls import reverse

from repository.models import CollectionItem, CollectionPage, SavedResource

from .factories import resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def path(index):
    first = resource(index, "Step one: organize", summary="Start with workers.")
    hidden = resource(index, "Step two: internal notes", audience="members")
    third = resource(index, "Step three: negotiate", summary="Then the buyers.")
    collection = CollectionPage(
        title="Starting a worker-driven program", introduction="Where to begin."
    )
    for page in (first, hidden, third):
        collection.items.add(CollectionItem(resource=page))
    index.add_child(instance=collection)
    collection.save_revision().publish()
    return collection


def test_a_collection_lists_its_visible_resources_in_order(client, path, viewers):
    content = client.get(path.url).content.decode()
    assert content.index("Step one") < content.index("Step three")
    assert "Step two" not in content
    client.force_login(viewers["member"])
    content = client.get(path.url).content.decode()
    assert content.index("Step one") < content.index("Step two") < content.index("Step three")


def test_collections_are_shown_on_the_repository_home(client, index, path):
    content = client.get(index.url).content.decode()
    assert "Learning paths" in content and "Starting a worker-driven program" in content
    assert "Learning paths" not in client.get(index.url, {"q": "organize"}).content.decode()


def test_a_member_saves_a_resource_and_finds_it_on_the_dashboard(client, index, viewers):
    page = resource(index, "Heat stress toolkit")
    client.force_login(viewers["member"])
    response = client.post(reverse("repository:resource-save", args=[page.pk]))
    assert response.status_code == 302
    assert SavedResource.objects.filter(user=viewers["member"], resource=page).exists()
    assert "Heat stress toolkit" in client.get(reverse("members:dashboard")).content.decode()
    client.post(reverse("repository:resource-save", args=[page.pk]))  # toggles off
    assert not SavedResource.objects.exists()


def test_saving_is_for_members_and_only_for_visible_resources(client, index, viewers):
    public = resource(index, "Public one")
    staff_only = resource(index, "Staff one", audience="staff")
    url = reverse("repository:resource-save", args=[public.pk])
    assert reverse("account_login") in client.post(url)["Location"]
    client.force_login(viewers["public"])
    assert client.post(url).status_code == 403
    client.force_login(viewers["member"])
    assert client.get(url).status_code == 405
    staff_url = reverse("repository:resource-save", args=[staff_only.pk])
    assert client.post(staff_url).status_code == 404
    assert not SavedResource.objects.exists()


def test_a_saved_resource_that_becomes_staff_only_leaves_the_dashboard(client, index, viewers):
    page = resource(index, "Soon internal")
    SavedResource.objects.create(user=viewers["member"], resource=page)
    page.audience = "staff"
    page.save_revision().publish()
    client.force_login(viewers["member"])
    assert "Soon internal" not in client.get(reverse("members:dashboard")).content.decode()


@pytest.mark.parametrize("name", ["repository:feed-rss", "repository:feed-atom"])
def test_feeds_carry_public_resources_only_even_for_members(client, index, viewers, name):
    resource(index, "Public heat guide", summary="Heat rules.", sectors=["agriculture"])
    resource(index, "Members heat notes", summary="Heat notes.", audience="members")
    resource(index, "Public apparel guide", sectors=["apparel"])
    client.force_login(viewers["member"])
    content = client.get(reverse(name)).content.decode()
    assert "Public heat guide" in content and "Public apparel guide" in content
    assert "Members heat notes" not in content
    filtered = client.get(reverse(name), {"q": "heat", "sector": "agriculture"}).content.decode()
    assert "Public heat guide" in filtered and "Public apparel guide" not in filtered


def test_resource_pages_have_open_graph_tags(client, index):
    page = resource(index, "Shared widely", summary="A summary for previews.")
    content = client.get(page.url).content.decode()
    assert '<meta property="og:title" content="Shared widely">' in content
    assert 'property="og:description" content="A summary for previews."' in content
