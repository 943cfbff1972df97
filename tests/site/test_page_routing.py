"""Wagtail's Site lookup and page routing are kept per page-tree generation
(wsr/site/routing.py, issue 22): a page costs no routing query after the first reader, and
every change that decides routing or privacy (a publish, a new Site, a view restriction)
takes effect at the next request."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction, Site

from tests.conftest import record_sign_in
from tests.members.factories import UserFactory
from wsr.site import routing, services
from wsr.site.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(site_tree):
    return services.page_child_add(
        parent=site_tree["en"],
        instance=StandardPage(title="About us", slug="about", introduction="Who we are"),
    )


def _signed_in(client, user):
    client.force_login(user)
    record_sign_in(client, user, second_factor=False)
    return client


def test_a_page_read_again_costs_no_routing_query(client, about, django_assert_num_queries):
    assert client.get("/about/").status_code == 200

    with django_assert_num_queries(0):
        response = client.get("/about/")

    assert response.status_code == 200
    assert b"Who we are" in response.content


def test_each_language_is_routed_to_its_own_home(client, site_tree):
    client.get("/")
    client.get("/es/")

    assert b"Workers define the rules" in client.get("/").content
    assert b"Los trabajadores definen las reglas" in client.get("/es/").content


def test_each_request_gets_a_page_of_its_own(client, about):
    first = client.get("/about/")
    first.context["page"].title = "Changed by one request"

    assert b"Changed by one request" not in client.get("/about/").content


def test_an_unpublished_page_is_gone_at_once(client, about):
    assert client.get("/about/").status_code == 200

    about.unpublish()

    assert client.get("/about/").status_code == 404


def test_a_new_page_is_found_at_once_after_a_404(client, site_tree):
    assert client.get("/later/").status_code == 404

    services.page_child_add(
        parent=site_tree["en"], instance=StandardPage(title="Later", slug="later")
    )

    assert client.get("/later/").status_code == 200


def test_a_new_login_restriction_applies_at_once(client, about):
    assert client.get("/about/").status_code == 200

    restriction = PageViewRestriction.objects.create(page=about, restriction_type="login")

    response = client.get("/about/")
    assert response.status_code == 302
    assert "next=/about/" in response["Location"]
    assert _signed_in(client, UserFactory()).get("/about/").status_code == 200

    client.logout()
    restriction.delete()
    assert client.get("/about/").status_code == 200


def test_a_restriction_on_a_parent_applies_to_its_children_at_once(client, about):
    services.page_child_add(parent=about, instance=StandardPage(title="Team", slug="team"))
    assert client.get("/about/team/").status_code == 200

    PageViewRestriction.objects.create(page=about, restriction_type="login")

    assert client.get("/about/team/").status_code == 302


def test_a_password_restriction_applies_at_once(client, about):
    assert client.get("/about/").status_code == 200

    PageViewRestriction.objects.create(page=about, restriction_type="password", password="s3cret")

    response = client.get("/about/")
    assert b'name="password"' in response.content
    assert b"Who we are" not in response.content


def test_a_group_restriction_follows_the_readers_groups_at_once(client, about):
    editors = Group.objects.create(name="Readers of the private page")
    restriction = PageViewRestriction.objects.create(page=about, restriction_type="groups")
    restriction.groups.add(editors)
    reader = UserFactory()
    _signed_in(client, reader)
    assert client.get("/about/").status_code == 302

    reader.groups.add(editors)

    assert client.get("/about/").status_code == 200


def test_a_new_site_for_a_host_takes_effect_at_once(client, settings, site_tree, about):
    settings.ALLOWED_HOSTS = ["testserver", "other.test"]
    assert client.get("/", HTTP_HOST="other.test").context["page"].pk == site_tree["en"].pk

    Site.objects.create(hostname="other.test", port=80, root_page=about, site_name="Other")

    assert client.get("/", HTTP_HOST="other.test").context["page"].pk == about.pk
    assert client.get("/", HTTP_HOST="testserver").context["page"].pk == site_tree["en"].pk


def test_a_page_expired_by_the_scheduler_is_gone_at_once(client, about):
    assert client.get("/about/").status_code == 200
    StandardPage.objects.filter(pk=about.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    call_command("publish_scheduled")

    assert client.get("/about/").status_code == 404


def test_a_moved_page_is_routed_at_its_new_address_at_once(client, site_tree, about):
    team = services.page_child_add(
        parent=about, instance=StandardPage(title="Team", slug="team", introduction="t")
    )
    other = services.page_child_add(
        parent=site_tree["en"], instance=StandardPage(title="Other", slug="other", introduction="o")
    )
    assert client.get("/about/team/").status_code == 200

    team.move(other, pos="last-child")

    assert client.get("/about/team/").status_code != 200
    assert client.get("/other/team/").status_code == 200


def test_only_the_routed_page_is_known_to_have_no_restriction(about):
    """The instances attached to a remembered page (its parent, the Site's root page) ask
    the database for their restrictions: what was remembered is about the routed page."""
    team = services.page_child_add(
        parent=about, instance=StandardPage(title="Team", slug="team", introduction="t")
    )
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    with translation.override("en"):
        routing.remember_route(RequestFactory().get("/about/team/"), "about/team/")
        request = RequestFactory().get("/about/team/")
        routing.remember_route(request, "about/team/")  # from the memo

    page = request._wagtail_route_for_request.page
    assert page.pk == team.pk
    assert page.get_view_restrictions().exists()
    assert page.get_parent().get_view_restrictions().exists()
