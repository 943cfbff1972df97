"""The site search keeps what it found (issue 22): the pages found for a query, the rows of
a page of results and the public's records are kept per audience, language and query, and
every change of what they show is found at once: a publish, an unpublish, a change of
audience, a view restriction, a record the public may see. Members' records depend on
their working groups and are never kept."""

import re

import pytest
from wagtail.models import PageViewRestriction

from coordination import services
from coordination.models import EffortTarget, GroupMembership, WorkingGroup
from tests.coordination.builders import effort, opportunity
from tests.members.factories import AffiliationFactory, member
from tests.repository.factories import repository_index, resource
from wsr.companies.models import Company

pytestmark = pytest.mark.django_db


def _titles(client, q, path="/search/"):
    html = client.get(path, {"q": q}).content.decode()
    results = re.findall(r'<li class="search-result[^"]*"[^>]*>.*?</li>', html, re.S)
    return [re.search(r"<a [^>]*>([^<]*)</a>", result).group(1) for result in results]


@pytest.fixture
def index(site_tree):
    return repository_index(site_tree["en"])


@pytest.fixture
def owner():
    return AffiliationFactory().user


def test_a_new_publish_is_found_at_once_although_the_search_was_kept(client, index):
    resource(index, "Audits that fail")
    assert _titles(client, "audits") == ["Audits that fail"]
    draft = resource(index, "Audits that work")
    draft.unpublish()
    assert _titles(client, "audits") == ["Audits that fail"]
    draft.save_revision().publish()
    assert sorted(_titles(client, "audits")) == ["Audits that fail", "Audits that work"]


def test_an_unpublished_page_leaves_the_results_at_once(client, index):
    page = resource(index, "Audits that fail")
    assert _titles(client, "audits") == ["Audits that fail"]
    page.unpublish()
    assert _titles(client, "audits") == []


def test_a_page_made_members_only_leaves_the_public_results_at_once(client, index):
    page = resource(index, "Audits that fail")
    assert _titles(client, "audits") == ["Audits that fail"]
    page.audience = "members"
    page.save_revision().publish()
    assert _titles(client, "audits") == []
    client.force_login(member())
    assert _titles(client, "audits") == ["Audits that fail"]


def test_a_view_restriction_hides_the_page_at_once(client, index):
    page = resource(index, "Audits that fail")
    assert _titles(client, "audits") == ["Audits that fail"]
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert _titles(client, "audits") == []
    restriction.delete()
    assert _titles(client, "audits") == ["Audits that fail"]


def test_each_audience_keeps_its_own_results(client, index):
    resource(index, "Audits in public")
    resource(index, "Audits for members", audience="members")
    reader = member()
    client.force_login(reader)
    assert sorted(_titles(client, "audits")) == ["Audits for members", "Audits in public"]
    client.logout()
    assert _titles(client, "audits") == ["Audits in public"]
    client.force_login(reader)
    assert sorted(_titles(client, "audits")) == ["Audits for members", "Audits in public"]


def test_each_language_keeps_its_own_order_and_labels(client, site_tree, index):
    from wagtail.models import Locale

    index_es = index.copy_for_translation(Locale.objects.get(language_code="es"))
    index_es.save_revision().publish()
    resource(index, "Social audits")
    resource(index_es, "Auditorías sociales (social audits)", language="es")
    assert _titles(client, "audits") == ["Social audits", "Auditorías sociales (social audits)"]
    spanish = _titles(client, "audits", "/es/search/")
    assert spanish == ["Auditorías sociales (social audits)", "Social audits"]
    html = client.get("/es/search/", {"q": "audits"}).content.decode()
    assert '<span class="badge" lang="en">English</span>' in html


def test_a_public_record_is_found_at_once(client, owner):
    effort("public", None, owner, name="Harvest wages")
    assert _titles(client, "harvest") == ["Harvest wages"]
    made = effort("public", None, owner, name="Harvest safety")
    assert sorted(_titles(client, "harvest")) == ["Harvest safety", "Harvest wages"]
    made.audience = "members"
    made.save()
    assert _titles(client, "harvest") == ["Harvest wages"]
    services.update_post(effort=made, author=owner, body="Harvest news")
    made.audience = "public"
    made.save()
    assert "Harvest safety" in _titles(client, "harvest")
    assert _titles(client, "news") == ["Harvest safety"]  # the update, under its effort


def test_a_company_and_its_links_are_found_at_once(client, owner):
    walmart = Company.objects.create(name="Walmart")
    assert _titles(client, "bigbox") == []
    walmart.brands = "Bigbox"
    walmart.save()
    assert _titles(client, "bigbox") == ["Walmart"]
    made = effort("public", None, owner, name="Retail wages")
    buying = opportunity("public", None, owner, title="Fields")
    assert _titles(client, "walmart") == ["Walmart"]
    EffortTarget.objects.create(effort=made, company=walmart)
    buying.buyers.add(walmart)
    assert sorted(_titles(client, "walmart")) == ["Fields", "Retail wages", "Walmart"]
    buying.buyers.remove(walmart)
    assert sorted(_titles(client, "walmart")) == ["Retail wages", "Walmart"]


def test_members_records_follow_their_groups_at_once(client, owner):
    group = WorkingGroup.objects.create(name="Strategy", is_open=False)
    GroupMembership.objects.create(group=group, user=owner)
    services.thread_create(group=group, author=owner, title="Harvest plans", body="x")
    outsider = member()
    client.force_login(outsider)
    assert _titles(client, "harvest") == []
    GroupMembership.objects.create(group=group, user=outsider)
    assert _titles(client, "harvest") == ["Harvest plans"]
    client.force_login(owner)
    assert _titles(client, "harvest") == ["Harvest plans"]
    client.force_login(member())  # same audience, another person: not in the group
    assert _titles(client, "harvest") == []
