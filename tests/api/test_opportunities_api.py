"""The open-data API's opportunities: the site's rule (`visible_to`) for each caller —
public ones for everyone, members' ones for a member's token, a working group's only for
its members, staff's never through a token of a non-staff person."""

from decimal import Decimal

import pytest

from coordination.models import GroupMembership, Opportunity, WorkingGroup
from tests.members.factories import UserFactory, member, sector
from wsr.api.tokens import token_create
from wsr.companies.models import Company

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.WSR_STAFF_MFA_REQUIRED = False


def _opportunity(title, audience="public", *, group=None, **fields):
    values = {
        "sector": sector("agriculture"),
        "country": "US",
        "region": "north_america",
        "stage": "research",
        "latitude": Decimal("26.5"),
        "longitude": Decimal("-81.4"),
        "owner": None,
        **fields,
    }
    return Opportunity.objects.create(title=title, audience=audience, working_group=group, **values)


def _bearer(user):
    _token, raw = token_create(user=user, name="laptop")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _data(response):
    assert response.status_code == 200, response.content
    return response.json()["data"]


def _titles(client, query="", **headers):
    response = client.get(f"/api/v1/opportunities/?{query}", **headers)
    return sorted(record["title"] for record in _data(response))


def test_an_opportunity_is_listed_with_its_public_facts(client):
    buyer = Company.objects.create(name="FreshCo")
    opportunity = _opportunity(
        "Tomato fields of Immokalee",
        place="Immokalee, Florida",
        supply_chain="Tomatoes to fast-food chains.",
        stage="organizing",
    )
    opportunity.buyers.add(buyer)

    (record,) = _data(client.get("/api/v1/opportunities/"))

    assert record["id"] == opportunity.pk
    assert record["title"] == "Tomato fields of Immokalee"
    assert record["description"] == "Tomatoes to fast-food chains."
    assert record["place"] == "Immokalee, Florida"
    assert record["region"]["code"] == "north_america"
    assert record["region"]["label_en"] == "North America"
    assert record["stage"]["code"] == "organizing"
    assert record["stage"]["label_en"] == "Organizing"
    assert record["sector"]["code"] == "agriculture"
    assert record["country"] == {
        "code": "US",
        "label_en": "United States of America",
        "label_es": record["country"]["label_es"],
    }
    assert record["buyers"] == [{"id": buyer.slug, "name": "FreshCo"}]
    assert record["latitude"] == 26.5 and record["longitude"] == -81.4
    assert record["audience"]["code"] == "public"
    assert record["url"] == f"http://testserver/coordination/opportunities/{opportunity.pk}/"
    assert record["updated_at"].endswith("Z")
    assert "owner" not in record


def test_members_opportunities_are_absent_anonymously_and_for_a_non_members_token(client):
    _opportunity("Public one")
    members_only = _opportunity("Members only", "members")
    _opportunity("Staff only", "staff")

    assert _titles(client) == ["Public one"]
    assert _titles(client, **_bearer(UserFactory())) == ["Public one"]
    assert client.get(f"/api/v1/opportunities/{members_only.pk}").status_code == 404


def test_a_members_token_sees_members_opportunities_but_not_staffs(client):
    _opportunity("Public one")
    members_only = _opportunity("Members only", "members")
    _opportunity("Staff only", "staff")
    headers = _bearer(member())

    assert _titles(client, **headers) == ["Members only", "Public one"]
    response = client.get(f"/api/v1/opportunities/{members_only.pk}", **headers)
    assert _data(response)["title"] == "Members only"


def test_a_groups_opportunity_reaches_only_a_token_of_a_person_in_the_group(client):
    group = WorkingGroup.objects.create(name="Strategy group", is_open=False)
    in_group = member()
    GroupMembership.objects.create(group=group, user=in_group)
    _opportunity("Group only", "group", group=group)

    assert _titles(client) == []
    assert _titles(client, **_bearer(member())) == []
    assert _titles(client, **_bearer(in_group)) == ["Group only"]


def test_opportunities_are_filtered_by_region_stage_country_and_sector(client):
    _opportunity("Florida tomatoes")
    _opportunity(
        "Dhaka garments",
        country="BD",
        region="south_asia",
        stage="negotiating",
        sector=sector("apparel"),
    )

    assert _titles(client, "region=south_asia") == ["Dhaka garments"]
    assert _titles(client, "stage=research") == ["Florida tomatoes"]
    assert _titles(client, "country=BD") == ["Dhaka garments"]
    assert _titles(client, "sector=agriculture") == ["Florida tomatoes"]
    assert _titles(client, "sector=unknown") == []
    assert _titles(client, "country=ZZ") == []


def test_an_unknown_stage_is_a_bad_request(client):
    response = client.get("/api/v1/opportunities/?stage=maybe")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


def test_fields_selection_returns_only_the_chosen_fields_of_an_opportunity(client):
    opportunity = _opportunity("Florida tomatoes")
    (record,) = _data(client.get("/api/v1/opportunities/?fields=title,stage"))
    assert set(record) == {"id", "title", "stage"}
    assert record["id"] == opportunity.pk


@pytest.mark.parametrize("count", [1, 6])
def test_the_opportunity_list_takes_the_same_queries_whatever_its_length(
    client, django_assert_num_queries, count
):
    from tests.members.factories import ActiveOrganizationFactory, OrganizationFactory
    from tests.query_counts import get_pinned

    buyer = Company.objects.create(name="FreshCo")
    organizations = [ActiveOrganizationFactory(), OrganizationFactory()]  # a profile, none
    for n in range(count):
        opportunity = _opportunity(f"Opportunity {n}")
        opportunity.buyers.add(buyer)
        opportunity.worker_organizations.add(*organizations)
    response = get_pinned(
        client, "/api/v1/opportunities/", OPPORTUNITY_QUERIES, django_assert_num_queries
    )
    assert len(_data(response)) == count
    headers = _bearer(member())
    client.get("/api/v1/opportunities/", **headers)
    # with a token: finding the token (membership is kept per person since issue 22)
    with django_assert_num_queries(OPPORTUNITY_QUERIES + 1):
        client.get("/api/v1/opportunities/", **headers)


# the opportunities with their sectors, buyers, worker organizations
OPPORTUNITY_QUERIES = 3


# --- worker organizations: every one the page names, a profile link only where it is shown --


def test_every_worker_organization_the_page_names_is_in_the_record(client):
    from tests.members.factories import ActiveOrganizationFactory, OrganizationFactory

    opportunity = _opportunity("Garment cluster")
    active = ActiveOrganizationFactory(name="UNI Global Union")
    not_a_member = OrganizationFactory(name="IndustriALL Global Union")
    opportunity.worker_organizations.add(active, not_a_member)

    page = client.get(f"/coordination/opportunities/{opportunity.pk}/").content.decode()
    record = _data(client.get(f"/api/v1/opportunities/{opportunity.pk}"))

    assert "IndustriALL Global Union" in page and "UNI Global Union" in page
    assert record["worker_organizations"] == [
        {"id": None, "name": "IndustriALL Global Union"},
        {"id": active.slug, "name": "UNI Global Union"},
    ]


def test_a_worker_organizations_id_is_given_to_a_token_of_a_person_who_sees_its_profile(client):
    from tests.members.factories import AffiliationFactory, OrganizationFactory

    opportunity = _opportunity("Garment cluster")
    applicant = OrganizationFactory(name="IndustriALL Global Union")
    opportunity.worker_organizations.add(applicant)
    insider = AffiliationFactory(organization=applicant).user

    (record,) = _data(client.get("/api/v1/opportunities/"))
    (anonymous,) = record["worker_organizations"]
    (record,) = _data(client.get("/api/v1/opportunities/", **_bearer(insider)))
    (theirs,) = record["worker_organizations"]

    assert anonymous == {"id": None, "name": "IndustriALL Global Union"}
    assert theirs == {"id": applicant.slug, "name": "IndustriALL Global Union"}


def test_a_worker_organization_without_a_public_profile_validates_against_the_schema(client):
    from coordination.api import OpportunityRecord
    from tests.members.factories import OrganizationFactory

    opportunity = _opportunity("Garment cluster")
    opportunity.worker_organizations.add(OrganizationFactory(name="Not yet a member"))

    (record,) = _data(client.get("/api/v1/opportunities/"))

    assert OpportunityRecord.model_validate(record).worker_organizations[0].id is None
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    reference = schema["OrganizationReference"]["properties"]["id"]
    assert {"type": "null"} in reference.get("anyOf", [])
