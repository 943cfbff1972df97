"""What the staff queue keeps between requests (issue 22): counts, the filter form and the
staff lists are kept under a generation that every write to what they show replaces, so a
new case, a new sector or a new staff person shows at once; a filter that depends on the
clock is counted on every request."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assistance.models import Case
from tests.assistance.factories import case as make_case
from tests.members.factories import StaffFactory
from wsr.members.models import Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    person = StaffFactory()
    client.force_login(person)
    return person


def test_a_new_case_shows_in_the_queue_at_once_although_its_count_is_kept(client, staff):
    first = make_case(kind="complaints")
    assert client.get("/assistance/queue/").context["page_obj"].paginator.count == 1
    assert client.get("/assistance/queue/?kind=complaints").context["page_obj"].paginator.count == 1
    second = make_case(kind="complaints")
    response = client.get("/assistance/queue/?kind=complaints")
    assert response.context["page_obj"].paginator.count == 2
    page = response.content.decode()
    assert first.reference in page and second.reference in page
    assert "2 cases" in page


def test_a_status_change_moves_the_case_out_of_the_open_queue_at_once(client, staff):
    case = make_case()
    assert client.get("/assistance/queue/").context["page_obj"].paginator.count == 1
    case.status = "closed"
    case.save()
    assert client.get("/assistance/queue/").context["page_obj"].paginator.count == 0


def test_a_new_sector_and_a_new_staff_person_show_in_the_forms_at_once(client, staff):
    make_case()
    client.get("/assistance/queue/")
    Sector.objects.create(slug="fishing", name="Fishing at sea", name_es="Pesca en el mar")
    colleague = StaffFactory(email="colleague@wsr.test")
    page = client.get("/assistance/queue/").content.decode()
    assert "Fishing at sea" in page
    assert f'<option value="{colleague.pk}">' in page


def test_a_case_that_falls_overdue_is_counted_without_any_write(client, staff):
    case = make_case()
    Case.objects.filter(pk=case.pk).update(response_due_at=timezone.now() + timedelta(hours=1))
    url = "/assistance/queue/?overdue=true"
    assert client.get(url).context["page_obj"].paginator.count == 0
    # No signal: the clock moved past the due time (here, the due time moved back quietly).
    Case.objects.filter(pk=case.pk).update(response_due_at=timezone.now() - timedelta(hours=1))
    assert client.get(url).context["page_obj"].paginator.count == 1


def test_the_portal_count_of_cases_waiting_for_a_first_response_changes_at_once(client, staff):
    make_case()
    assert client.get("/portal/").context["panels"]
    assert "1 open case waits for a first response" in client.get("/portal/").content.decode()
    make_case()
    assert "2 open cases wait for a first response" in client.get("/portal/").content.decode()


def test_a_case_write_keeps_the_filter_form_and_staff_lists(
    client, staff, django_assert_num_queries
):
    """The lists (sectors, leads and experts, staff) do not show cases: a case write
    recounts the queue but does not read and render them again (issue 22, the cold path)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case = make_case()
    client.get("/assistance/queue/")
    case.status = "triage"
    case.save()
    with CaptureQueriesContext(connection) as queries:
        client.get("/assistance/queue/")
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert 'FROM "members_sector"' not in sql  # the rows join it; the sector list is not read


def test_a_new_expert_on_a_case_shows_in_the_assignee_list_at_once(client, staff):
    from assistance.models import CaseAssignment
    from tests.members.factories import UserFactory

    case = make_case()
    client.get("/assistance/queue/")
    expert = UserFactory(email="new-expert@wsr.test")
    CaseAssignment.objects.create(case=case, expert=expert, status="accepted")
    assert f'<option value="{expert.pk}">' in client.get("/assistance/queue/").content.decode()
