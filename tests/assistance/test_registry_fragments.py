"""The registry's pages keep what is the same for every reader of an audience (issue 22):
a change to the registry shows at once although the fragment is kept, and one audience
never reads another's."""

import pytest

from assistance.models import Initiative
from tests.assistance.registry import assessment_at, cast, initiative
from tests.members.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_a_new_published_assessment_shows_on_the_directory_at_once(client):
    people = cast()
    unassessed = '<span class="determination">Not yet assessed</span>'
    assert unassessed in client.get("/initiatives/").content.decode()  # kept now
    assessment_at("published", people, values=(3, 3, 3, 3, 3, 3, 3), evidence=False)
    html = client.get("/initiatives/").content.decode()
    assert "Meets the WSR criteria</span>" in html and unassessed not in html


def test_a_renamed_or_unlisted_initiative_shows_at_once(client):
    made = initiative(name="Harvest Rights Program")
    assert "Harvest Rights Program" in client.get("/initiatives/?country=US").content.decode()
    made.name = "Orchard Rights Program"
    made.save()
    html = client.get("/initiatives/?country=US").content.decode()
    assert "Orchard Rights Program" in html and "Harvest Rights Program" not in html
    made.is_listed = False
    made.save()
    assert "Orchard Rights Program" not in client.get("/initiatives/?country=US").content.decode()


def test_staff_and_the_public_each_get_their_own_directory(client):
    initiative(name="Listed Program")
    initiative(name="Hidden Program", is_listed=False)
    client.force_login(StaffFactory())
    html = client.get("/initiatives/").content.decode()  # kept for staff first
    assert "Hidden Program" in html and "Unlisted: staff only" in html
    client.logout()
    html = client.get("/initiatives/").content.decode()
    assert "Listed Program" in html and "Hidden Program" not in html
    assert "Unlisted: staff only" not in html


def test_the_directory_is_kept_per_language_and_query(client):
    initiative(name="Garment Program", countries=["BD"])
    assert "Filtrar" in client.get("/es/initiatives/").content.decode()
    english = client.get("/initiatives/").content.decode()
    assert "Filter the registry" in english and "Filtrar" not in english
    assert "Garment Program" not in client.get("/initiatives/?country=US").content.decode()
    html = client.get("/initiatives/?country=BD").content.decode()
    assert '<option value="BD" selected>Bangladesh</option>' in html
    assert "Garment Program" in html


def test_a_new_published_scorecard_and_a_changed_reply_show_at_once(client):
    people = cast()
    first = assessment_at("published", people, evidence=False)
    url = first.get_scorecard_url()
    assert "Across assessments" not in client.get(url).content.decode()  # kept now
    assessment_at("published", people, values=(3, 3, 3, 3, 3, 3, 3), evidence=False)
    assert "Across assessments" in client.get(url).content.decode()
    first.reply.text = "We replied again."
    first.reply.save()
    assert "We replied again." in client.get(url).content.decode()
    made = Initiative.objects.get(pk=first.initiative_id)
    made.is_listed = False
    made.save()
    assert client.get(url).status_code == 404
