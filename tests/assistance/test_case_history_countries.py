"""The history of a case whose countries staff changed shows both lists by name (issue 17: the
page was a server error for good once the countries of a case had changed)."""

import pytest

from assistance import services
from tests.members.factories import StaffFactory

from .factories import case as make_case

pytestmark = pytest.mark.django_db


def test_a_change_of_countries_reads_as_two_lists_of_names(client, settings):
    settings.WSR_STAFF_MFA_REQUIRED = False
    staff = StaffFactory()
    case = make_case(countries=["US"])
    services.case_update(case=case, actor=staff, data={"countries": ["MX", "BD"]})
    services.case_update(case=case, actor=staff, data={"countries": []})
    client.force_login(staff)
    response = client.get(f"/assistance/cases/{case.reference}/history/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "“United States of America” → “Bangladesh, Mexico”" in content
    assert "“Bangladesh, Mexico” → “—”" in content
