"""Staff manage the registry in Wagtail: initiatives, companies, figures, and draft
framework versions whose criteria they edit before publishing."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from assistance import services
from assistance.models import FrameworkVersion, Initiative
from tests.assistance.registry import cast
from wsr.companies.models import Company

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    people = cast()
    client.force_login(people["staff"])
    client.people = people
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/cms/assistance_initiatives/",
        "/cms/assistance_initiatives/new/",
        "/cms/assistance_frameworks/",
        "/cms/assistance_reports/",
        "/cms/wsr_companies/",
        "/cms/wsr_companies/new/",
    ],
)
def test_the_registry_admin_pages_open_for_staff(staff_client, url):
    assert staff_client.get(url).status_code == 200


def test_staff_edit_an_initiative_in_the_admin(staff_client):
    initiative = staff_client.people["initiative"]
    assert staff_client.get(f"/cms/assistance_initiatives/edit/{initiative.pk}/").status_code == 200
    company = Company.objects.create(name="Fresh Buyer Inc.")
    assert staff_client.get(f"/cms/wsr_companies/edit/{company.pk}/").status_code == 200
    assert Initiative.objects.count() == 1


def test_staff_edit_the_criteria_of_a_draft_version_in_the_admin(staff_client):
    draft = services.framework_version_draft()
    criteria = list(draft.criteria.order_by("sort_order"))
    forms = []
    for n, c in enumerate(criteria):
        forms.append(
            {
                "id": c.pk,
                "ORDER": n + 1,
                "key": c.key,
                "name": "Worker-led governance" if n == 0 else c.name,
                "name_es": c.name_es,
                "description": c.description,
                "description_es": c.description_es,
                "indicators": c.indicators,
                "indicators_es": c.indicators_es,
                "guidance_absent": c.guidance_absent,
                "guidance_weak": c.guidance_weak,
                "guidance_partial": c.guidance_partial,
                "guidance_strong": c.guidance_strong,
                "min_to_meet": c.min_to_meet,
                "min_to_partly_meet": "" if c.min_to_partly_meet is None else c.min_to_partly_meet,
            }
        )
    data = nested_form_data(
        {
            "number": draft.number,
            "title": draft.title,
            "change_note": "Sharper governance criterion.",
            "criteria": inline_formset(forms, initial=len(forms), min=1),
        }
    )
    response = staff_client.post(f"/cms/assistance_frameworks/edit/{draft.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.change_note == "Sharper governance criterion."
    assert draft.criteria.get(key="worker-driven").name == "Worker-led governance"
    assert FrameworkVersion.objects.get(number=1).criteria.get(key="worker-driven").name == (
        "Worker-driven"
    )
