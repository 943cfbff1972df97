"""Saved views of the staff queue (issue 19): personal, checked through the queue's filters,
renamed and deleted by their owner only (anyone else gets 404)."""

import pytest
from django.urls import reverse

from assistance.models import SavedQueueView
from tests.members.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(signed_in_staff):
    return signed_in_staff


def _save(client, name, query):
    return client.post(reverse("assistance:queue-view-save"), {"name": name, "query": query})


def test_a_staff_member_saves_the_current_filters_and_sees_the_view_above_the_queue(client, staff):
    response = _save(client, "Urgent complaints", "kind=complaints&q=finca&page=3&junk=1")
    view = SavedQueueView.objects.get(user=staff)
    assert view.query == "kind=complaints&q=finca"  # the page and unknown keys are dropped
    assert response.url == f"{reverse('assistance:queue')}?kind=complaints&q=finca"
    page = client.get(response.url)
    assert page.context["current_view"] == view
    assert 'aria-current="page">Urgent complaints</a>' in page.content.decode()


def test_a_query_the_filters_refuse_is_not_saved(client, staff):
    _save(client, "Bad", "kind=no-such-kind")
    _save(client, "Too long", "q=" + "x" * 500)
    assert not SavedQueueView.objects.exists()


def test_saving_under_an_existing_name_replaces_that_view(client, staff):
    _save(client, "Mine", "kind=complaints")
    _save(client, "Mine", "kind=strategy")
    assert list(SavedQueueView.objects.values_list("name", "query")) == [("Mine", "kind=strategy")]


def test_views_are_personal(client, staff):
    _save(client, "Mine", "kind=complaints")
    view = SavedQueueView.objects.get()
    other = StaffFactory()
    client.force_login(other)
    assert client.get(reverse("assistance:queue")).context["saved_views"] == []
    assert "Mine" not in client.get(reverse("assistance:queue-views")).content.decode()
    rename = reverse("assistance:queue-view-rename", args=[view.pk])
    delete = reverse("assistance:queue-view-delete", args=[view.pk])
    assert client.post(rename, {f"v{view.pk}-name": "Taken"}).status_code == 404
    assert client.post(delete).status_code == 404
    assert client.post(reverse("assistance:queue-view-delete", args=[10**12])).status_code == 404
    view.refresh_from_db()
    assert view.name == "Mine"


def test_the_owner_renames_and_deletes_a_view(client, staff):
    _save(client, "One", "kind=complaints")
    _save(client, "Two", "kind=strategy")
    one, two = SavedQueueView.objects.order_by("name")
    rename = reverse("assistance:queue-view-rename", args=[one.pk])
    client.post(rename, {f"v{one.pk}-name": "Two"})  # taken: refused
    one.refresh_from_db()
    assert one.name == "One"
    client.post(rename, {f"v{one.pk}-name": "  Complaints   first "})
    one.refresh_from_db()
    assert one.name == "Complaints first"
    client.post(reverse("assistance:queue-view-delete", args=[two.pk]))
    assert list(SavedQueueView.objects.values_list("name", flat=True)) == ["Complaints first"]


def test_only_staff_save_views_and_only_by_post(client):
    client.force_login(UserFactory())
    assert _save(client, "Mine", "kind=complaints").status_code == 403
    assert client.get(reverse("assistance:queue-views")).status_code == 403
    client.force_login(StaffFactory())
    assert client.get(reverse("assistance:queue-view-save")).status_code == 405
    assert not SavedQueueView.objects.exists()


def test_saved_views_join_the_download_of_my_data_and_go_with_the_account(client, staff):
    from assistance.personal_data import personal_data
    from wsr.members.services import user_delete

    _save(client, "Mine", "kind=complaints")
    [row] = personal_data(staff)["saved_queue_views"]
    assert (row["name"], row["query"]) == ("Mine", "kind=complaints")
    assert row["created_at"]
    user_delete(user=staff)
    assert not SavedQueueView.objects.exists()


def test_the_pages_have_one_heading_and_labelled_fields(client, staff):
    from .factories import case

    case()  # the bulk form shows with cases to act on
    _save(client, "Mine", "kind=complaints")
    view = SavedQueueView.objects.get()
    for url in (reverse("assistance:queue"), reverse("assistance:queue-views")):
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1
    html = client.get(reverse("assistance:queue-views")).content.decode()
    assert f'<label for="id_v{view.pk}-name">' in html
    queue = client.get(reverse("assistance:queue")).content.decode()
    assert '<label for="id_q">' in queue and '<label for="id_name">' in queue
    assert '<label for="bulk_lead">' in queue and '<label for="bulk_to_status">' in queue
