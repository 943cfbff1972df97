"""The registry's open data (issue 21): initiatives, published assessments, verified
enforcement figures and framework versions at /api/v1/, the same records the public pages
show, nothing the public does not see, in a constant number of queries."""

from html import escape

import pytest
from django.urls import reverse

from assistance import services
from assistance.models import ComplaintCategory, InitiativeBuyer
from tests.assistance.registry import (
    assessment_at,
    cast,
    initiative,
    report_data,
    verified_figures,
)
from tests.members.factories import ActiveOrganizationFactory, StaffFactory, UserFactory, sector
from wsr.api import tokens
from wsr.companies.models import Company

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.API_RATE_ANONYMOUS = "0/60"  # no limit: these tests read a lot
    settings.API_RATE_TOKEN = "0/60"


def _get(client, url, token=None, status=200):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.get(url, headers=headers)
    assert response.status_code == status, (url, response.status_code, response.content[:400])
    return response


def _data(client, url, token=None):
    return _get(client, url, token).json()["data"]


def _ids(client, url, token=None):
    return [record["id"] for record in _data(client, url, token)]


def _token(user):
    return tokens.token_create(user=user, name="test")[1]


def _published(people, name, values=(3, 2, 2, 2, 2, 2, 2), **fields):
    made = initiative(name=name, lead=people["organization"], **fields)
    return assessment_at("published", {**people, "initiative": made}, values=values, evidence=False)


def _add_buyers(target):
    public = Company.objects.create(name="Open Grocer")
    secret = Company.objects.create(name="Secret Grocer")
    InitiativeBuyer.objects.create(initiative=target, company=public, is_public=True)
    InitiativeBuyer.objects.create(initiative=target, company=secret, is_public=False)
    return public, secret


# initiatives -------------------------------------------------------------------------------


def test_an_initiative_record_says_what_its_page_shows(client):
    people = cast()
    assessment = assessment_at("published", people, evidence=False)
    target = people["initiative"]
    target.refresh_from_db()  # the publication wrote its determination
    target.participating_organizations.add(ActiveOrganizationFactory(name="Allied Church"))
    target.description, target.description_es = "Fair wages.", "Salarios justos."
    target.start_year, target.workers_covered, target.buyers_count = 2011, 35000, 2
    target.has_binding_agreements = target.calls_itself_wsr = True
    target.website = "https://example.org/"
    target.save()
    _add_buyers(target)
    record = _data(client, f"/api/v1/initiatives/{target.slug}")
    page = client.get(target.get_absolute_url()).content.decode()

    assert record["id"] == target.slug
    assert record["name"] == "Harvest Rights Program" and record["name"] in page
    assert record["url"] == f"http://testserver{target.get_absolute_url()}"
    lead = people["organization"]
    assert record["lead_organizations"] == [
        {
            "name": lead.name,
            "id": lead.slug,
            "countries": [
                {"code": "US", "label_en": "United States of America", "label_es": "Estados Unidos"}
            ],
        }
    ]
    assert [c.code for c in lead.countries] == ["US"]
    assert people["organization"].name in page
    assert [o["name"] for o in record["participating_organizations"]] == ["Allied Church"]
    assert record["participating_organizations"][0]["id"] == "allied-church"
    assert record["buyers"] == [{"id": "open-grocer", "name": "Open Grocer"}]
    assert "Open Grocer" in page and "Secret Grocer" not in page
    agriculture = sector("agriculture")
    assert record["sectors"] == [
        {
            "code": "agriculture",
            "label_en": agriculture.name,
            "label_es": agriculture.name_es or agriculture.name,
        }
    ]
    assert record["countries"] == [
        {"code": "US", "label_en": "United States of America", "label_es": "Estados Unidos"}
    ]
    assert record["start_year"] == 2011 and record["workers_covered"] == 35000
    assert record["buyers_count"] == 2
    assert record["has_binding_agreements"] is True and record["calls_itself_wsr"] is True
    assert record["website"] == "https://example.org/"
    assert record["description_en"] == "Fair wages."
    assert record["description_es"] == "Salarios justos."
    assert record["determination"]["code"] == "meets"
    assert record["determination"]["label_en"] == "Meets the WSR criteria"
    assert record["determination"]["label_en"] in page
    assert record["latest_assessment"] == assessment.pk
    assert record["is_demo"] is False
    assert record["updated_at"].endswith("Z")


def test_an_initiative_never_yet_assessed_has_no_determination(client):
    made = initiative(name="New Program")
    record = _data(client, f"/api/v1/initiatives/{made.slug}")
    assert record["determination"] is None and record["latest_assessment"] is None
    assert record["lead_organizations"] == [] and record["buyers"] == []


def test_unlisted_initiatives_are_absent_for_anonymous_callers_and_any_token(client):
    people = cast()
    hidden = initiative(name="Hidden Program", is_listed=False, lead=people["organization"])
    listed = initiative(name="Listed Program")
    tokens_ = (None, _token(people["lead"]), _token(UserFactory()), _token(StaffFactory()))
    for token in tokens_:
        assert _ids(client, "/api/v1/initiatives/", token) == sorted(
            [people["initiative"].slug, listed.slug]
        )
        _get(client, f"/api/v1/initiatives/{hidden.slug}", token, status=404)


def test_confidential_buyers_never_appear_nor_filter(client):
    people = cast()
    public, secret = _add_buyers(people["initiative"])
    assert _ids(client, f"/api/v1/initiatives/?company={public.slug}") == [
        people["initiative"].slug
    ]
    assert _ids(client, f"/api/v1/initiatives/?company={secret.slug}") == []
    assert "Secret" not in _get(client, "/api/v1/initiatives/").content.decode()


def test_initiatives_filter_by_sector_country_company_and_determination(client):
    people = cast()
    meets = _published(people, "Meets Program", (3, 3, 3, 3, 3, 3, 3))
    partly = _published(people, "Partly Program", (2, 3, 3, 3, 3, 3, 3))
    garment = initiative(name="Garment Program", countries=["BD", "PK"])
    garment.sectors.set([sector("apparel")])
    public, _secret = _add_buyers(garment)
    base = "/api/v1/initiatives/"
    assert _ids(client, f"{base}?determination=meets") == [meets.initiative.slug]
    assert _ids(client, f"{base}?determination=partly") == [partly.initiative.slug]
    assert _ids(client, f"{base}?determination=none") == sorted(
        [garment.slug, people["initiative"].slug]
    )
    assert _ids(client, f"{base}?sector=apparel") == [garment.slug]
    assert _ids(client, f"{base}?country=PK") == [garment.slug]
    assert _ids(client, f"{base}?country=pk") == [garment.slug]
    assert _ids(client, f"{base}?company={public.slug}") == [garment.slug]
    assert _ids(client, f"{base}?sector=apparel&country=US") == []


@pytest.mark.parametrize(
    "query",
    ["sector=no-such-sector", "company=no-such-company", "country=ZZ"],
)
def test_initiatives_with_an_unknown_code_give_an_empty_list(client, query):
    initiative(name="Any Program")
    assert _ids(client, f"/api/v1/initiatives/?{query}") == []


@pytest.mark.parametrize(
    "query", ["determination=excellent", "country=P", "country=U.S", "country=%28%5E"]
)
def test_initiatives_with_a_malformed_code_give_a_problem_not_an_error(client, query):
    response = _get(client, f"/api/v1/initiatives/?{query}", status=400)
    assert response["Content-Type"].startswith("application/problem+json")


def test_a_renamed_initiative_redirects_from_its_former_slug(client):
    made = initiative(name="Old Program")
    former = made.slug
    made.slug = "new-program"
    made.save()
    response = _get(client, f"/api/v1/initiatives/{former}?fields=name", status=301)
    assert response["Location"] == "/api/v1/initiatives/new-program?fields=name"
    assert _data(client, "/api/v1/initiatives/new-program")["name"] == "Old Program"


def test_initiative_fields_can_be_chosen(client):
    made = initiative(name="Chosen Program")
    assert _data(client, "/api/v1/initiatives/?fields=name,countries") == [
        {
            "id": made.slug,
            "name": "Chosen Program",
            "countries": [
                {"code": "US", "label_en": "United States of America", "label_es": "Estados Unidos"}
            ],
        }
    ]


# assessments -------------------------------------------------------------------------------


def test_an_assessment_record_says_what_its_scorecard_shows(client):
    people = cast()
    assessment = assessment_at("published", people, evidence=False)
    first = assessment.scores.select_related("criterion").order_by("criterion__sort_order")[0]
    first.recommendation = "Publish the complaint log."
    first.save()
    record = _data(client, f"/api/v1/assessments/{assessment.pk}")
    page = client.get(assessment.get_scorecard_url()).content.decode()

    assert record["id"] == assessment.pk
    assert record["initiative"] == {
        "id": people["initiative"].slug,
        "name": "Harvest Rights Program",
    }
    assert record["url"] == f"http://testserver{assessment.get_scorecard_url()}"
    assert record["framework_version"] == 1
    assert record["determination"]["code"] == "meets"
    assert record["determination"]["label_en"] in page
    assert record["is_override"] is False and record["override_reason"] == ""
    assert record["published_at"] == assessment.published_at.isoformat().replace("+00:00", "Z")
    assert len(record["scores"]) == 7
    top = record["scores"][0]
    assert top["criterion"] == first.criterion.key
    assert top["criterion_name_en"] == first.criterion.name
    assert top["position"] == 1
    assert top["score"] == 3
    assert top["score_label"]["label_en"] == "3 · Strong"
    assert top["rationale"] == f"Rationale for {first.criterion.key}: 3."
    assert top["rationale"] in page
    assert top["recommendation"] == "Publish the complaint log."
    assert record["reply"]["text"] == "Our reply." and "Our reply." in page
    assert record["reply"]["organization"] == people["organization"].name
    assert record["reply"]["submitted_at"].endswith("Z")


def test_an_initiative_response_on_a_criterion_is_published_with_the_scores(client):
    from assistance.models import CriterionResponse

    people = cast()
    assessment = assessment_at("published", people, evidence=False)
    criterion = assessment.version.criteria.order_by("sort_order")[1]
    CriterionResponse.objects.create(
        assessment=assessment,
        criterion=criterion,
        organization=people["organization"],
        text="We disagree on this one.",
    )
    record = _data(client, f"/api/v1/assessments/{assessment.pk}")
    assert record["scores"][0]["response"] is None
    response = record["scores"][1]["response"]
    assert response["text"] == "We disagree on this one."
    assert response["organization"] == people["organization"].name
    assert "We disagree on this one." in client.get(assessment.get_scorecard_url()).content.decode()


@pytest.mark.parametrize("stage", ["draft", "review", "reply", "approved"])
def test_unpublished_assessments_are_absent_for_anonymous_callers_and_any_token(client, stage):
    people = cast()
    hidden = assessment_at(stage, people, evidence=False)
    staff = StaffFactory()
    for token in (None, _token(people["lead"]), _token(people["expert"]), _token(staff)):
        assert _ids(client, "/api/v1/assessments/", token) == []
        _get(client, f"/api/v1/assessments/{hidden.pk}", token, status=404)


def test_confidential_evidence_never_appears_in_an_assessment(client):
    people = cast()
    assessment_at("published", people, evidence=True)
    body = _get(client, "/api/v1/assessments/").content.decode()
    assert "SECRET" not in body


def test_assessments_of_an_unlisted_initiative_are_absent(client):
    people = cast()
    assessment = assessment_at("published", people, evidence=False)
    people["initiative"].is_listed = False
    people["initiative"].save()
    assert _ids(client, "/api/v1/assessments/") == []
    _get(client, f"/api/v1/assessments/{assessment.pk}", status=404)


def test_assessments_filter_by_initiative_determination_sector_and_country(client):
    people = cast()
    meets = _published(people, "Meets Program", (3, 3, 3, 3, 3, 3, 3))
    partly = _published(people, "Partly Program", (2, 3, 3, 3, 3, 3, 3), countries=["MX"])
    partly.initiative.sectors.set([sector("apparel")])
    base = "/api/v1/assessments/"
    assert _ids(client, f"{base}?initiative={meets.initiative.slug}") == [meets.pk]
    assert _ids(client, f"{base}?determination=partly") == [partly.pk]
    assert _ids(client, f"{base}?sector=apparel") == [partly.pk]
    assert _ids(client, f"{base}?sector=agriculture") == [meets.pk]
    assert _ids(client, f"{base}?country=MX") == [partly.pk]
    assert _ids(client, f"{base}?initiative=no-such-initiative") == []
    _get(client, f"{base}?determination=great", status=400)
    _get(client, f"{base}?country=mexico", status=400)


def test_assessment_fields_can_be_chosen(client):
    people = cast()
    assessment = assessment_at("published", people, evidence=False)
    assert _data(client, "/api/v1/assessments/?fields=framework_version") == [
        {"id": assessment.pk, "framework_version": 1}
    ]


# enforcement figures -----------------------------------------------------------------------


def _counted_report(people, year):
    category = ComplaintCategory.objects.create(
        kind="category", code="wage_theft", name_en="Wage theft", name_es="Robo de salario"
    )
    outcome = ComplaintCategory.objects.create(
        kind="outcome", code="back_pay", name_en="Back pay", name_es="Pago atrasado"
    )
    report = verified_figures(
        people,
        year,
        premium_paid="1234.50",
        premium_currency="USD",
        median_days_to_resolution="12.5",
        narrative="A good year.",
    )
    services.figures.complaint_counts_save([report], [{"counts": {category.pk: 7, outcome.pk: 5}}])
    return report


def test_an_enforcement_figure_record_says_what_the_initiative_page_shows(client):
    people = cast()
    report = _counted_report(people, 2023)
    record = _data(client, f"/api/v1/enforcement-figures/{report.pk}")
    page = client.get(people["initiative"].get_absolute_url()).content.decode()
    assert record["id"] == report.pk
    assert record["initiative"] == {
        "id": people["initiative"].slug,
        "name": "Harvest Rights Program",
    }
    assert record["period_start"] == "2023-01-01" and record["period_end"] == "2023-12-31"
    assert record["period_label"] == "2023"
    assert record["workers_covered"] == 1200
    assert record["complaints_received"] == 40 and record["complaints_resolved"] == 38
    assert record["median_days_to_resolution"] == 12.5
    assert record["audits"] == 20 and record["suppliers_suspended"] == 1
    assert record["suppliers_corrective_action"] == 4 and record["education_sessions"] == 30
    assert record["premium_paid"] == 1234.5 and record["premium_currency"] == "USD"
    assert record["complaints_by_category"] == [
        {"code": "wage_theft", "label_en": "Wage theft", "label_es": "Robo de salario", "count": 7}
    ]
    assert record["complaints_by_outcome"] == [
        {"code": "back_pay", "label_en": "Back pay", "label_es": "Pago atrasado", "count": 5}
    ]
    assert record["narrative"] == "A good year." and "A good year." in page
    assert record["verified_at"].endswith("Z")
    assert "Wage theft" in page


def test_unverified_figures_are_absent_for_anonymous_callers_and_any_token(client):
    people = cast()
    submitted = services.report_submit(
        initiative=people["initiative"], actor=people["lead"], data=report_data(2022)
    )
    rejected = services.report_submit(
        initiative=people["initiative"], actor=people["lead"], data=report_data(2021)
    )
    services.report_verify(report=rejected, actor=people["staff"], accept=False, note="Fix it.")
    verified = verified_figures(people, 2023)
    for token in (None, _token(people["lead"]), _token(StaffFactory()), _token(UserFactory())):
        assert _ids(client, "/api/v1/enforcement-figures/", token) == [verified.pk]
        _get(client, f"/api/v1/enforcement-figures/{submitted.pk}", token, status=404)
        _get(client, f"/api/v1/enforcement-figures/{rejected.pk}", token, status=404)


def test_figures_of_an_unlisted_initiative_are_absent(client):
    people = cast()
    verified_figures(people, 2023)
    people["initiative"].is_listed = False
    people["initiative"].save()
    assert _ids(client, "/api/v1/enforcement-figures/") == []


def test_enforcement_figures_filter_by_initiative_sector_and_country(client):
    people = cast()
    harvest = verified_figures(people, 2023)
    garment = initiative(name="Garment Program", countries=["BD"], lead=people["organization"])
    garment.sectors.set([sector("apparel")])
    stitched = verified_figures({**people, "initiative": garment}, 2023)
    base = "/api/v1/enforcement-figures/"
    assert _ids(client, f"{base}?initiative={garment.slug}") == [stitched.pk]
    assert _ids(client, f"{base}?sector=agriculture") == [harvest.pk]
    assert _ids(client, f"{base}?country=BD") == [stitched.pk]
    assert _ids(client, f"{base}?country=FR") == []
    assert _ids(client, f"{base}?sector=mining") == []
    _get(client, f"{base}?country=B", status=400)
    _get(client, f"{base}?company=x", status=400)  # not a filter of this list


# frameworks --------------------------------------------------------------------------------


def test_a_framework_record_gives_its_criteria_as_the_framework_page_does(client):
    record = _data(client, "/api/v1/frameworks/1")
    page = client.get(reverse("assistance:framework-version", args=[1])).content.decode()
    assert record["id"] == 1 and record["number"] == 1
    assert record["published_at"] is not None
    assert record["is_current"] is True
    assert len(record["criteria"]) == 7
    first = record["criteria"][0]
    assert first["position"] == 1 and first["code"]
    assert escape(first["name_en"]) in page and escape(first["description_en"]) in page
    assert first["min_to_meet"] in (0, 1, 2, 3)
    assert [g["score"] for g in first["guidance"]] == [0, 1, 2, 3]


def test_draft_framework_versions_are_absent_for_anonymous_callers_and_any_token(client):
    from assistance.models import FrameworkVersion

    FrameworkVersion.objects.create(number=99, title="Draft")
    for token in (None, _token(StaffFactory()), _token(UserFactory())):
        assert 99 not in _ids(client, "/api/v1/frameworks/", token)
        _get(client, "/api/v1/frameworks/99", token, status=404)


def test_frameworks_filter_the_current_version(client):
    assert _ids(client, "/api/v1/frameworks/?current=true") == [1]
    assert _ids(client, "/api/v1/frameworks/?current=false") == []


# constant queries --------------------------------------------------------------------------


def _many(people, rows):
    for n in range(rows):
        made = initiative(name=f"Program {n}", lead=people["organization"])
        made.participating_organizations.add(ActiveOrganizationFactory())
        _add_buyers_unique(made, n)
        assessment_at("published", {**people, "initiative": made}, evidence=False)
        _counted_report_for(people, made)


def _add_buyers_unique(made, n):
    company = Company.objects.create(name=f"Grocer {n}")
    InitiativeBuyer.objects.create(initiative=made, company=company, is_public=True)


def _counted_report_for(people, made):
    category, _ = ComplaintCategory.objects.get_or_create(
        kind="category", code="harassment", defaults={"name_en": "Harassment"}
    )
    report = verified_figures({**people, "initiative": made}, 2023)
    services.figures.complaint_counts_save([report], [{"counts": {category.pk: 3}}])


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/v1/initiatives/", 5),
        ("/api/v1/assessments/", 3),
        ("/api/v1/enforcement-figures/", 2),
        ("/api/v1/frameworks/", 2),
    ],
)
def test_each_list_runs_the_same_queries_for_one_record_and_for_many(
    client, django_assert_num_queries, url, queries
):
    people = cast()
    _many(people, 1)
    with django_assert_num_queries(queries):
        assert len(_data(client, url)) >= 1
    _many(people, 4)
    with django_assert_num_queries(queries):
        assert len(_data(client, url)) >= (1 if "frameworks" in url else 5)


@pytest.mark.parametrize(
    "name", ["initiatives", "assessments", "enforcement-figures", "frameworks"]
)
def test_every_record_has_exactly_the_shape_of_its_schema(client, name):
    from wsr.api.registry import collection

    people = cast()
    _many(people, 1)
    schema = collection(name).schema
    records = _data(client, f"/api/v1/{name}/")
    assert records
    for record in records:
        assert set(record) == set(schema.model_fields)
        assert schema.model_validate(record).model_dump() == record


def test_the_openapi_document_describes_the_four_lists(client):
    paths = _get(client, "/api/v1/openapi.json").json()["paths"]
    for name in ("initiatives", "assessments", "enforcement-figures", "frameworks"):
        assert f"/api/v1/{name}/" in paths and f"/api/v1/{name}/{{identifier}}" in paths


def test_an_organization_without_a_public_profile_is_named_only(client):
    from tests.members.factories import OrganizationFactory

    people = cast()
    people["initiative"].participating_organizations.add(
        OrganizationFactory(name="Applicant Union", countries=["MX"])
    )
    record = _data(client, f"/api/v1/initiatives/{people['initiative'].slug}")
    assert record["participating_organizations"] == [
        {"name": "Applicant Union", "id": None, "countries": []}
    ]
    page = client.get(people["initiative"].get_absolute_url()).content.decode()
    assert "Applicant Union" in page
