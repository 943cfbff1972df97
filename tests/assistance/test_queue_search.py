"""Text search of cases (issue 19): the staff queue's `?q=` finds a case by each of its
texts, accents and capitals aside; the portal's case list searches only what its reader may
see (their cases, shared entries); bad input is an answer, never an error."""

import pytest
from django.urls import reverse

from assistance import services
from assistance.models import Case
from assistance.selectors.case_search import MAX_QUERY_LENGTH, search_terms
from tests.members.factories import (
    AffiliationFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
)

from .factories import case, people

pytestmark = pytest.mark.django_db


def _queue(client, q, **params):
    response = client.get(reverse("assistance:queue"), {"q": q, **params})
    assert response.status_code == 200
    return {c.reference for c in response.context["page_obj"].object_list}


def _portal(client, q):
    response = client.get(reverse("assistance:case-list"), {"q": q})
    assert response.status_code == 200
    return {c.reference for c in response.context["page_obj"].object_list}


@pytest.fixture
def desk(client):
    staff = StaffFactory()
    client.force_login(staff)
    requester = UserFactory(first_name="Ximena", last_name="Quiñónez", email="xq@sindicato.example")
    organization = OrganizationFactory(name="Coalición de Trabajadores Agrícolas")
    AffiliationFactory(user=requester, organization=organization, role="admin")
    target = case(
        requester=requester,
        organization=organization,
        contact_name="Begoña Ybarra",
        description="Los trabajadores de la finca Zapotal necesitan un mecanismo de quejas.",
    )
    # The name as typed stays beside the linked organization
    Case.objects.filter(pk=target.pk).update(organization_name="Typed Cooperativa Ñandú")
    services.case_post(
        case=target, author=staff, body="Llamé al comprador Walmärt.", is_shared=False
    )
    services.case_post(case=target, author=staff, body="Plan de formación Olmeca", is_shared=True)
    other = case(description="Something else entirely.")
    return {"staff": staff, "case": target, "other": other, "requester": requester}


@pytest.mark.parametrize(
    "q",
    [
        "coalicion de trabajadores",  # the linked organization, without its accents
        "NANDU",  # the organization as typed
        "begona ybarra",  # the contact person
        "quinonez",  # the requester's last name
        "ximena",  # ... first name
        "xq@sindicato",  # ... address
        "finca zapotal",  # the description
        "walmart",  # an internal timeline entry: staff see every entry
        '"plan de formación"',  # a shared entry, as a phrase
    ],
)
def test_staff_find_a_case_by_each_of_its_texts(client, desk, q):
    assert _queue(client, q) == {desk["case"].reference}


def test_staff_find_a_case_by_part_of_its_reference(client, desk):
    reference = desk["case"].reference
    assert _queue(client, reference[-5:].lower()) == {reference}


def test_every_word_must_be_found_somewhere_in_the_case(client, desk):
    assert _queue(client, "zapotal olmeca") == {desk["case"].reference}
    assert _queue(client, "zapotal entirely") == set()


def test_search_combines_with_the_filters(client, desk):
    assert _queue(client, "zapotal", kind="complaints") == {desk["case"].reference}
    assert _queue(client, "zapotal", kind="strategy") == set()
    assert _queue(client, "zapotal", status="closed") == set()


def test_a_requester_searches_shared_entries_but_not_internal_ones(client, desk):
    client.force_login(desk["requester"])
    assert _portal(client, "olmeca") == {desk["case"].reference}
    assert _portal(client, "walmart") == set()
    assert _portal(client, "zapotal") == {desk["case"].reference}


def test_a_person_never_finds_cases_they_may_not_see(client, desk):
    world = people()
    client.force_login(world["stranger"])
    assert _portal(client, "zapotal") == set()
    assert _portal(client, "complaint") == set()
    client.force_login(world["requester"])
    assert _portal(client, "zapotal") == set()
    assert _portal(client, desk["case"].reference) == set()


def test_a_redacted_or_unshared_entry_is_not_found_by_the_requester(client, desk):
    entry = desk["case"].timeline.get(body="Plan de formación Olmeca")
    type(entry).objects.filter(pk=entry.pk).update(is_shared=False)
    client.force_login(desk["requester"])
    assert _portal(client, "olmeca") == set()


def test_a_redacted_entry_is_not_found_by_the_requester(client, desk):
    from assistance.models import TimelineRedaction

    entry = desk["case"].timeline.get(body="Plan de formación Olmeca")
    # Whatever the body says, a recorded redaction keeps the entry out of the portal's search.
    TimelineRedaction.objects.create(entry=entry, redacted_by=desk["staff"], reason="Mistake")
    client.force_login(desk["requester"])
    assert _portal(client, "olmeca") == set()


@pytest.mark.parametrize("q", ["x" * 5000, "%", "_", "\\", "' OR 1=1 --", '"', "a", "   ", "\t"])
def test_bad_input_is_an_answer_not_an_error(client, desk, q):
    assert _queue(client, q) >= set()
    client.force_login(desk["requester"])
    assert _portal(client, q) <= {desk["case"].reference}


def test_a_nul_in_the_search_is_a_bad_request_with_words(client, desk):
    # wsr/middleware.py answers 400 to any NUL in an address, before the view.
    assert client.get(reverse("assistance:queue"), {"q": "zapotal\x00"}).status_code == 400
    assert search_terms("zapotal\x00") == ["ZAPOTAL"]


def test_wildcards_are_taken_literally():
    assert search_terms("100%") == ["100%"]
    assert search_terms("x" * 1000) == ["X" * MAX_QUERY_LENGTH]
    assert search_terms("a \x00b zz") == ["ZZ"]


def test_a_long_search_says_so_in_the_form(client, desk):
    response = client.get(reverse("assistance:queue"), {"q": "x" * (MAX_QUERY_LENGTH + 1)})
    assert response.context["filter"].form.errors["q"]
