"""The company page kept for anonymous readers (issue 22): built once per language, zone,
timeline kind and RECORDS generation, yet every change shows at once, the deadline passing
too (no write happens then, and tests move it with a queryset update()), and the page's
context keeps the claims and the timeline."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.members.factories import StaffFactory
from wsr.companies.models import CompanyEvent, ResponseRequest

from .factories import CompanyClaimFactory, CompanyFactory, VoluntarySchemeFactory

pytestmark = pytest.mark.django_db


def _request(company, **fields):
    now = timezone.now()
    return ResponseRequest.objects.create(
        company=company,
        subject="critique",
        title="Our critique of the supplier code",
        text="Your code has no enforcement.",
        contact_name="Pat",
        contact_email="pat@example.com",
        sent_at=now - timedelta(days=3),
        deadline=now + timedelta(days=10),
        sent_by=StaffFactory(),
        **fields,
    )


def _page(client, company, **params):
    response = client.get(company.get_absolute_url(), params)
    assert response.status_code == 200
    return response


def test_a_new_claim_and_event_show_at_once_although_the_page_is_kept(client, site_tree):
    company = CompanyFactory(name="Big Grocer")
    assert "Alpha Code" not in _page(client, company).content.decode()
    CompanyClaimFactory(company=company, scheme=VoluntarySchemeFactory(name="Alpha Code"))
    CompanyEvent.objects.create(
        company=company, date=timezone.localdate(), kind="allegation", title="Wage theft"
    )
    response = _page(client, company)
    html = response.content.decode()
    assert "Alpha Code" in html and "Wage theft" in html
    assert [claim.scheme.name for claim in response.context["claims"]] == ["Alpha Code"]
    # kept: the second reader gets the same page, with its context
    response = _page(client, company)
    assert [entry.title for entry in response.context["timeline"]["entries"]] == ["Wage theft"]
    assert "Wage theft" in response.content.decode()


def test_the_deadline_passing_shows_at_once_without_any_write(client, site_tree):
    company = CompanyFactory(name="Big Grocer")
    response_request = _request(company)
    html = _page(client, company).content.decode()
    assert "Waiting for a response" in html and "Did not respond" not in html
    # the clock passes the deadline: no signal, no generation replaced
    ResponseRequest.objects.filter(pk=response_request.pk).update(
        deadline=timezone.now() - timedelta(minutes=1)
    )
    response = _page(client, company)
    html = response.content.decode()
    assert "Waiting for a response" not in html and "Did not respond by" in html
    assert [entry.kind for entry in response.context["timeline"]["entries"]] == ["non_response"]


def test_the_timeline_kind_is_part_of_the_key(client, site_tree):
    company = CompanyFactory(name="Big Grocer")
    CompanyEvent.objects.create(
        company=company, date=timezone.localdate(), kind="allegation", title="Wage theft"
    )
    CompanyEvent.objects.create(
        company=company, date=timezone.localdate(), kind="news", title="Press story"
    )
    assert len(_page(client, company).context["timeline"]["entries"]) == 2
    entries = _page(client, company, kind="news").context["timeline"]["entries"]
    assert [entry.title for entry in entries] == ["Press story"]
    # an unknown kind is the whole timeline, as before
    assert len(_page(client, company, kind="nope").context["timeline"]["entries"]) == 2


def test_an_unknown_company_is_still_not_found(client, site_tree):
    assert client.get("/companies/no-such-company/").status_code == 404
    assert client.get("/companies/no-such-company/").status_code == 404


def test_staff_never_get_the_anonymous_page(client, site_tree):
    company = CompanyFactory(name="Big Grocer")
    CompanyClaimFactory(
        company=company, scheme=VoluntarySchemeFactory(name="Staff Code"), source_is_public=False
    )
    assert "Staff Code" not in _page(client, company).content.decode()
    client.force_login(StaffFactory())
    assert "Staff Code" in _page(client, company).content.decode()


def test_a_resource_naming_the_company_once_its_text_is_extracted_shows_at_once(
    client, site_tree, monkeypatch
):
    """The repository's panel finds resources by their search text, which a reindex writes
    with a queryset update() (an attachment's text is extracted after the publish): the
    kept page must not outlive it."""
    from repository import indexing
    from tests.repository.factories import repository_index, resource

    company = CompanyFactory(name="Zanzibar Grocer")
    page = resource(repository_index(site_tree["en"]), "Audit of a supplier")
    assert "Audit of a supplier" not in _page(client, company).content.decode()
    monkeypatch.setattr(indexing, "resource_document", lambda r: "Zanzibar Grocer audit")
    indexing.resource_reindex(page)
    assert "Audit of a supplier" in _page(client, company).content.decode()
