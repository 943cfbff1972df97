"""Country names in forms and filters follow the reader's language and are sorted by it
(issue 17): choices built when a module is imported froze English names before."""

import pytest
from django.utils import translation

from assistance.filters import CaseQueueFilter, InitiativeFilter
from assistance.forms.cases import RequestForm
from coordination.filters import FeedFilter, OpportunityFilter
from coordination.forms import EffortForm
from repository.forms import ContributionForm
from wsr.members.filters import DirectoryFilter
from wsr.members.forms import OrganizationFieldsMixin, ProfileForm

pytestmark = pytest.mark.django_db


def _fields():
    yield RequestForm.base_fields["countries"]
    yield ContributionForm.base_fields["countries"]
    yield OrganizationFieldsMixin.base_fields["countries"]
    yield EffortForm.base_fields["countries"]
    yield ProfileForm.base_fields["interest_countries"]
    for filterset in (
        CaseQueueFilter,
        InitiativeFilter,
        OpportunityFilter,
        FeedFilter,
        DirectoryFilter,
    ):
        yield filterset().form.fields["country"]


def names(field) -> dict[str, str]:
    return {code: str(name) for code, name in field.choices if code}


@pytest.mark.parametrize("field", list(_fields()), ids=lambda field: str(field.label))
def test_country_names_are_in_the_readers_language_and_sorted_by_them(field):
    with translation.override("es"):
        spanish = names(field)
        order = list(spanish.values())
    with translation.override("en"):
        english = names(field)
    assert spanish["DE"] == "Alemania" and english["DE"] == "Germany"
    assert spanish["MX"] == "México"
    rest = order[order.index("Afganistán") :]
    assert rest.index("Alemania") < rest.index("Argentina") < rest.index("Bélgica")


def test_the_spanish_request_page_lists_countries_in_spanish(client, site_tree):
    page = client.get("/es/assistance/request/")
    assert page.status_code == 200
    assert ">Alemania<" in page.content.decode()
