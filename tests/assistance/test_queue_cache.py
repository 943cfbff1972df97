"""What the staff queue keeps between requests (issue 22): counts, the filter form and the
staff lists are kept under a generation that every write to what they show replaces, so a
new case, a new sector or a new staff person shows at once; a filter that depends on the
clock is counted on every request."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from assistance.models import Case
from tests.assistance.factories import case as make_case
from tests.members.factories import StaffFactory
from wsr.members.models import Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(signed_in_staff):
    return signed_in_staff


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


# The row template the tag replaced (issue 22), as it was: the tag must write the same.
OLD_CASE_ROW = (
    "{% load i18n service_levels when %}"
    + """<tr>
  {% if selectable %}<td class="select-cell" data-label="{% translate 'Select' %}"><input type="checkbox" name="case" value="{{ case.reference }}" form="bulk-form" id="select-{{ case.reference }}"><label class="visually-hidden" for="select-{{ case.reference }}">{% blocktranslate with reference=case.reference %}Select {{ reference }}{% endblocktranslate %}</label></td>{% endif %}
  <th scope="row"><a href="{{ case.get_absolute_url }}">{{ case.reference }}</a>{% if case.urgency == "urgent" and case.is_open %} <span class="badge badge--alert">{% translate "Urgent" %}</span>{% endif %}{% if case|response_overdue %} <span class="badge badge--alert">{% translate "Overdue" %}</span>{% endif %}</th>
  <td data-label="{% translate 'Organization' %}">{% if case.organization %}{{ case.organization.name }}{% else %}{{ case.organization_name|default:"—" }}{% endif %}{% if case.is_unverified %} <span class="badge badge--alert">{% translate "Unverified" %}</span>{% if staff_columns %}<br><span class="meta">{% blocktranslate with name=case.contact_name %}typed by “{{ name }}”{% endblocktranslate %}</span>{% endif %}{% endif %}</td>
  <td data-label="{% translate 'Kind of help' %}">{{ case.get_kind_display }}</td>
  <td data-label="{% translate 'Status' %}">{{ case.get_status_display }}</td>
  {% if staff_columns %}
  <td data-label="{% translate 'Sector' %}">{{ case.sector|default:"—" }}</td>
  <td data-label="{% translate 'Countries' %}">{% for country in case.countries %}{{ country.code }}{% if not forloop.last %}, {% endif %}{% empty %}—{% endfor %}</td>
  <td data-label="{% translate 'Urgency' %}">{{ case.get_urgency_display }}</td>
  <td data-label="{% translate 'Lead and experts' %}">{% if case.lead %}{{ case.lead.display_name }}{% else %}<em>{% translate "no lead" %}</em>{% endif %}{% for assignment in case.assignments.all %}{% if assignment.status == "accepted" %}, {{ assignment.expert.display_name }}{% endif %}{% endfor %}</td>
  <td data-label="{% translate 'Response due' %}">{% if case.response_due_at and case.is_open %}{{ case.response_due_at|when }}<br><span class="meta">{{ case.response_due_at|due_in }}</span>{% else %}—{% endif %}</td>
  {% endif %}
  <td data-label="{% translate 'Submitted' %}">{{ case.submitted_at|when_date }} ({% blocktranslate with age=case.submitted_at|timesince %}{{ age }} ago{% endblocktranslate %})</td>
</tr>
"""  # noqa: E501
)
HOSTILE = '<script>alert("x")</script> & "q"'


@pytest.mark.parametrize("language", ["en", "es"])
def test_queue_rows_are_the_old_template_rows_and_escape_what_people_wrote(language):
    """Organization (name and as typed), contact, sector, lead and expert names: escaped,
    times in the reader's zone, texts in the reader's language, as the template wrote."""
    from django.template import Context, Template

    from assistance.models import CaseAssignment
    from assistance.templatetags.case_rows import case_rows
    from tests.members.factories import UserFactory
    from wsr.members.models import Organization, Profile

    lead, expert = UserFactory(), UserFactory()
    for person in (lead, expert):
        Profile.objects.update_or_create(user=person, defaults={"display_name": HOSTILE})
    sector = Sector.objects.create(slug="w-hostile", name=HOSTILE, name_es=HOSTILE + " es")
    verified = make_case(urgency="urgent", sector=sector)
    Organization.objects.filter(pk=verified.organization_id).update(name=HOSTILE)
    Case.objects.filter(pk=verified.pk).update(
        lead=lead, response_due_at=timezone.now() - timedelta(hours=3)
    )
    CaseAssignment.objects.create(case=verified, expert=expert, status="accepted")
    typed = make_case()
    Case.objects.filter(pk=typed.pk).update(
        requester=None, organization=None, organization_name=HOSTILE, contact_name=HOSTILE
    )
    cases = list(
        Case.objects.select_related("organization", "sector", "lead__profile")
        .prefetch_related("assignments__expert__profile")
        .order_by("pk")
    )
    template = Template(OLD_CASE_ROW)
    with translation.override(language), timezone.override("America/Mexico_City"):
        for staff_columns in (True, False):
            for selectable in (True, False):
                drawn = case_rows(cases, staff_columns=staff_columns, selectable=selectable)
                expected = "".join(
                    template.render(
                        Context(
                            {"case": c, "staff_columns": staff_columns, "selectable": selectable}
                        )
                    )
                    for c in cases
                )
                # the same markup (the template's {% if %} lines left blank lines between cells)
                assert re.sub(r">\s+<", "><", drawn) == re.sub(r">\s+<", "><", expected)
                assert "<script>" not in drawn
                assert (
                    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;q&quot;" in drawn
                )
        # the response deadline in the reader's zone, labelled with it (the `when` filter)
        assert "(America/Mexico_City)</" not in drawn  # no deadline column without staff
        assert "(America/Mexico_City)" in case_rows(cases, staff_columns=True)


def _lead_options(page: str) -> str:
    return re.search(r'<select id="bulk_lead".*?</select>', page, re.S).group(0)


def test_staff_marked_inactive_in_bulk_leave_the_forms_at_once(client, staff):
    """Review of issue 22: Wagtail's bulk "mark inactive" is a QuerySet.update()."""
    make_case()
    colleague = StaffFactory(email="leaving@wsr.test")
    option = f'<option value="{colleague.pk}">'
    assert option in _lead_options(client.get("/assistance/queue/").content.decode())
    type(colleague).objects.filter(pk=colleague.pk).update(is_active=False)
    assert option not in _lead_options(client.get("/assistance/queue/").content.decode())
