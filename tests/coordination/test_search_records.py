"""Search across coordination's records and the company registry (issue 20): the site
search and the feed find efforts (also by their target company), updates, discussions,
opportunities and companies, each within the viewer's audience, with a type label, accents
ignored, in one query per record type."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from coordination import services
from coordination.models import EffortTarget, GroupMembership, Update, WorkingGroup
from coordination.search import feed_search, search_records
from tests.members.factories import AffiliationFactory, StaffFactory
from wsr.companies.models import Company
from wsr.site.search import search_records as site_records

from .builders import effort, opportunity

pytestmark = pytest.mark.django_db


def _titles(records, kind=None):
    return [r["title"] for r in records if kind is None or r["type"] == kind]


@pytest.fixture
def walmart():
    return Company.objects.create(name="Walmart", aliases="Wal-Mart Stores", brands="Sam's Club")


@pytest.fixture
def owner():
    return AffiliationFactory().user


def _target(made, company):
    EffortTarget.objects.create(effort=made, company=company)
    return made


def test_walmart_finds_the_company_and_the_effort_targeting_it(client, walmart, owner):
    _target(effort("public", None, owner, name="Fair wages in big retail"), walmart)
    effort("public", None, owner, name="Dairy standards")
    records = site_records(user=None, q="walmart")
    assert _titles(records, "company") == ["Walmart"]
    assert _titles(records, "effort") == ["Fair wages in big retail"]
    effort_record = next(r for r in records if r["type"] == "effort")
    assert "Walmart" in effort_record["excerpt"]
    # by a brand, and on the site search page
    assert _titles(site_records(user=None, q="Sam's Club"), "effort") == [
        "Fair wages in big retail"
    ]
    page = client.get("/search/", {"q": "Walmart"}).content.decode()
    assert "Fair wages in big retail" in page and 'href="/companies/' in page


def test_a_members_only_effort_is_not_found_by_the_public(walmart, owner):
    _target(effort("members", None, owner, name="Quiet talks"), walmart)
    assert _titles(site_records(user=None, q="walmart"), "effort") == []
    assert _titles(site_records(user=AffiliationFactory().user, q="walmart"), "effort") == [
        "Quiet talks"
    ]


def test_a_group_thread_is_not_found_by_a_member_outside_the_group():
    group = WorkingGroup.objects.create(name="Strategy", is_open=False)
    inside = AffiliationFactory().user
    GroupMembership.objects.create(group=group, user=inside)
    services.thread_create(
        group=group, author=inside, title="Harvest plans", body="The picking rate is low."
    )
    outsider = AffiliationFactory().user
    assert _titles(site_records(user=outsider, q="picking rate"), "thread") == []
    assert _titles(site_records(user=None, q="picking rate"), "thread") == []
    assert _titles(site_records(user=inside, q="picking rate"), "thread") == ["Harvest plans"]
    assert _titles(site_records(user=inside, q="harvest"), "thread") == ["Harvest plans"]


def test_accents_are_ignored_both_ways(owner):
    effort("public", None, owner, name="Auditoría de fincas")
    effort("public", None, owner, name="Auditoria independiente")
    found = sorted(_titles(search_records(None, "auditoria"), "effort"))
    assert found == ["Auditoria independiente", "Auditoría de fincas"]
    assert sorted(_titles(search_records(None, "AUDITORÍA"), "effort")) == found
    Company.objects.create(name="Nestlé")
    assert _titles(site_records(user=None, q="nestle"), "company") == ["Nestlé"]


def test_every_word_must_match_and_updates_and_opportunities_are_found(walmart, owner):
    made = effort("public", None, owner, name="Fair wages")
    services.update_post(effort=made, author=StaffFactory(), body="The buyer's audit began.")
    deal = opportunity("public", None, owner, title="Tomato fields")
    deal.place = "Immokalee"
    deal.save()
    deal.buyers.add(walmart)
    assert _titles(search_records(None, "audit began"), "update") == ["Fair wages"]
    assert _titles(search_records(None, "audit nothing"), "update") == []
    assert _titles(search_records(None, "immokalee"), "opportunity") == ["Tomato fields"]
    assert _titles(search_records(None, "wal-mart"), "opportunity") == ["Tomato fields"]


def test_type_labels_are_in_the_readers_language(walmart, owner):
    made = _target(effort("public", None, owner, name="Walmart wages"), walmart)
    services.update_post(effort=made, author=StaffFactory(), body="Walmart answered.")
    deal = opportunity("public", None, owner, title="Walmart suppliers")
    with translation.override("es"):
        labels = {r["type"]: r["label"] for r in site_records(user=None, q="walmart")}
    assert labels == {
        "company": "Empresa",
        "effort": "Esfuerzo",
        "update": "Actualización",
        "opportunity": "Oportunidad",
    }
    with translation.override("en"):
        labels = {r["type"]: r["label"] for r in site_records(user=None, q="walmart")}
    assert labels["effort"] == "Effort" and labels["company"] == "Company"
    assert deal.title in _titles(site_records(user=None, q="walmart"))


def test_the_feed_searches_updates_by_text_effort_and_target(client, walmart, owner):
    targeted = _target(effort("public", None, owner, name="Retail wages"), walmart)
    other = effort("public", None, owner, name="Dairy standards")
    staff = StaffFactory()
    services.update_post(effort=targeted, author=staff, body="Meeting set for May.")
    services.update_post(effort=other, author=staff, body="Audit of the milk plants.")
    every = Update.objects.all()
    assert [u.body for u in feed_search(every, "walmart")] == ["Meeting set for May."]
    assert [u.body for u in feed_search(every, "dairy")] == ["Audit of the milk plants."]
    assert [u.body for u in feed_search(every, "milk")] == ["Audit of the milk plants."]
    page = client.get("/coordination/feed/", {"q": "walmart"}).content.decode()
    assert "Meeting set for May." in page and "Audit of the milk plants." not in page
    assert "Retail wages" in page and 'href="/companies/' in page


def test_one_query_per_record_type_whatever_the_number_of_matches(django_assert_num_queries, owner):
    group = WorkingGroup.objects.create(name="Strategy", is_open=True)
    member = AffiliationFactory().user
    GroupMembership.objects.create(group=group, user=member)
    staff = StaffFactory()

    def one_of_each(n):
        company = Company.objects.create(name=f"Harvest Buyer {n}", brands=f"Harvest brand {n}")
        made = _target(effort("members", None, owner, name=f"Harvest effort {n}"), company)
        services.update_post(effort=made, author=staff, body=f"Harvest update {n}")
        services.thread_create(group=group, author=member, title=f"Harvest {n}", body="x")
        opportunity("members", None, owner, title=f"Harvest fields {n}").buyers.add(company)

    one_of_each(0)
    with CaptureQueriesContext(connection) as first:
        found = site_records(user=member, q="harvest")
    assert len(found) == 5
    for n in range(1, 6):
        one_of_each(n)
    with django_assert_num_queries(len(first.captured_queries)):
        found = site_records(user=member, q="harvest")
    assert len(found) == 5 * 6


def test_the_feed_search_keeps_to_the_viewers_audience(client, walmart, owner):
    hidden = _target(effort("members", None, owner, name="Quiet talks"), walmart)
    services.update_post(effort=hidden, author=StaffFactory(), body="Walmart called back.")
    page = client.get("/coordination/feed/", {"q": "walmart"}).content.decode()
    assert "Walmart called back." not in page and "Quiet talks" not in page
    assert "Walmart" in page  # the company itself is public
    client.force_login(AffiliationFactory().user)
    page = client.get("/coordination/feed/", {"q": "walmart"}).content.decode()
    assert "Walmart called back." in page and "Quiet talks" in page


def test_search_results_are_text_not_html(client, owner):
    effort("public", None, owner, name="<script>alert(1)</script> Harvest")
    page = client.get("/search/", {"q": "harvest"}).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_the_target_is_named_whichever_word_of_the_query_matches_it(walmart, owner):
    _target(effort("public", None, owner, name="Fair wages in big retail"), walmart)
    for q in ("walmart wages", "wages walmart"):
        (record,) = [r for r in site_records(user=None, q=q) if r["type"] == "effort"]
        assert record["excerpt"].startswith("Targets Walmart."), q


def test_a_query_counts_at_most_eight_words(owner):
    from wsr.site.search import MAX_TERMS, terms_of

    words = [f"word{n}" for n in range(40)]
    assert MAX_TERMS == 8 and terms_of(" ".join(words)) == words[:8]
    assert terms_of('"fair food" wages') == ["fair food", "wages"]


def test_the_feed_search_page_runs_the_same_queries_with_one_match_or_many(
    client, django_assert_num_queries, walmart, owner
):
    member = AffiliationFactory().user
    client.force_login(member)
    staff = StaffFactory()

    def add(n):
        made = _target(effort("members", None, owner, name=f"Retail effort {n}"), walmart)
        services.update_post(effort=made, author=staff, body=f"Walmart update {n}")

    add(0)
    client.get("/coordination/feed/", {"q": "walmart"})  # the first visit records itself
    with CaptureQueriesContext(connection) as first:
        assert client.get("/coordination/feed/", {"q": "walmart"}).status_code == 200
    for n in range(1, 12):
        add(n)
    with django_assert_num_queries(len(first.captured_queries)):
        page = client.get("/coordination/feed/", {"q": "walmart"}).content.decode()
    assert "Walmart update 11" in page
