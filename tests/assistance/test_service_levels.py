"""Service levels by urgency (issue 19, item 2): due times in hours and working days with a
holiday calendar, the queue sorted by what is due first, warnings and escalations once each,
the next-response clock, and deadline compliance in the reports."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core import mail

from assistance import services, tasks
from assistance.models import Case, Holiday, ResponseTarget, ServiceLevel, TimelineEntry
from assistance.services import service_levels
from tests.members.factories import StaffFactory, UserFactory
from wsr.members.services import profile_ensure

from .factories import case as make_case

pytestmark = pytest.mark.django_db

FIRST, NEXT = ResponseTarget.Kind.FIRST, ResponseTarget.Kind.NEXT


def at(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def end_of(day: date) -> datetime:
    return datetime.combine(day, datetime.max.time(), tzinfo=UTC)


@pytest.fixture
def christmas():
    """Friday 25 December 2026 and 1 January 2027 are holidays (whether or not the migration
    installed them)."""
    Holiday.objects.update_or_create(
        date=date(2026, 12, 25), defaults={"name": "Christmas Day", "name_es": "Navidad"}
    )
    Holiday.objects.update_or_create(
        date=date(2027, 1, 1), defaults={"name": "New Year's Day", "name_es": "Año Nuevo"}
    )


def test_the_migration_installs_the_targets_two_holidays_and_the_staff_leads_group():
    levels = {level.urgency: level for level in ServiceLevel.objects.all()}
    assert (levels["urgent"].first_response, levels["urgent"].first_response_unit) == (4, "hours")
    assert (levels["urgent"].next_response, levels["urgent"].next_response_unit) == (8, "hours")
    assert (levels["high"].first_response, levels["high"].next_response) == (1, 2)
    assert (levels["normal"].first_response, levels["low"].first_response) == (3, 10)
    assert levels["low"].first_response_unit == "working_days"
    assert Holiday.objects.count() >= 2
    assert Group.objects.filter(name="Casework leads").exists()


def test_due_times_per_urgency_across_a_weekend_and_a_holiday(christmas):
    thursday = at(2026, 12, 24, 10, 0)  # Christmas Eve; Friday is a holiday, then a weekend
    assert service_levels.due_at(thursday, "urgent", FIRST) == at(2026, 12, 24, 14, 0)
    assert service_levels.due_at(thursday, "urgent", NEXT) == at(2026, 12, 24, 18, 0)
    assert service_levels.due_at(thursday, "high", FIRST) == end_of(date(2026, 12, 28))
    assert service_levels.due_at(thursday, "high", NEXT) == end_of(date(2026, 12, 29))
    assert service_levels.due_at(thursday, "normal", FIRST) == end_of(date(2026, 12, 30))
    # Five working days: 28 to 31 December, then past New Year's Day and a weekend.
    assert service_levels.due_at(thursday, "low", NEXT) == end_of(date(2027, 1, 4))
    # Hours run round the clock, through the night and the weekend.
    friday_night = at(2026, 12, 18, 20, 0)
    assert service_levels.due_at(friday_night, "urgent", NEXT) == at(2026, 12, 19, 4, 0)
    # The desk's older helper goes through the same calendar.
    assert services.working_days_after(date(2026, 12, 24), 1) == date(2026, 12, 28)
    # Staff change a target: the next request follows it.
    ServiceLevel.objects.update_or_create(
        urgency="normal",
        defaults={"first_response": 2, "first_response_unit": "hours", "next_response": 1},
    )
    assert service_levels.due_at(thursday, "normal", FIRST) == at(2026, 12, 24, 12, 0)


def test_a_request_gets_its_due_time_by_urgency(christmas):
    with time_machine.travel(at(2026, 12, 24, 10, 0), tick=False):
        urgent = make_case(urgency="urgent")
        normal = make_case(urgency="normal")
    urgent.refresh_from_db()
    normal.refresh_from_db()
    assert urgent.response_due_at == at(2026, 12, 24, 14, 0)
    assert urgent.first_response_due == date(2026, 12, 24)
    assert normal.response_due_at == end_of(date(2026, 12, 30))
    assert normal.first_response_due == date(2026, 12, 30)
    target = urgent.response_targets.get()
    assert (target.kind, target.started_at, target.met_at) == (FIRST, urgent.submitted_at, None)
    assert target.warn_at == at(2026, 12, 24, 13, 0)  # a quarter of four hours left


def test_an_urgent_request_sorts_first_in_the_queue_ahead_of_older_ones(client):
    staff = StaffFactory()
    with time_machine.travel(at(2026, 12, 1, 9, 0), tick=False):
        older = make_case(urgency="normal")
        oldest_low = make_case(urgency="low")
    with time_machine.travel(at(2026, 12, 2, 9, 0), tick=False):
        urgent = make_case(urgency="urgent")
        answered = make_case(urgency="urgent")
        services.case_post(case=answered, author=staff, body="We are on it.", is_shared=True)
    with time_machine.travel(at(2026, 12, 2, 10, 0), tick=False):
        client.force_login(staff)
        response = client.get("/assistance/queue/")
    order = [case.reference for case in response.context["page_obj"]]
    # Due first: the urgent request (13:00), then the normal (4 Dec), then the low one;
    # nothing is awaited on the answered case, so it comes last.
    assert order == [urgent.reference, older.reference, oldest_low.reference, answered.reference]
    row = _row(response.content.decode(), urgent)
    assert "Urgent" in row and "due in 3\xa0hours" in row and "Overdue" not in row
    assert "Urgent" not in _row(response.content.decode(), older)


def _row(content: str, case) -> str:
    """The queue's table row of `case`."""
    link = content.index(f">{case.reference}</a>")
    return content[content.rindex("<tr", 0, link) : content.index("</tr>", link)]


def test_the_row_says_how_long_ago_a_response_was_due(client):
    staff = StaffFactory()
    with time_machine.travel(at(2026, 12, 1, 9, 0), tick=False):
        late = make_case(urgency="urgent")
    with time_machine.travel(at(2026, 12, 3, 10, 0), tick=False):
        client.force_login(staff)
        content = client.get("/assistance/queue/").content.decode()
        detail = client.get(f"/assistance/cases/{late.reference}/").content.decode()
    row = _row(content, late)  # due 1 December at 13:00: one day and 21 hours ago
    assert "overdue by 1\xa0day" in row and "Overdue" in row and "Urgent" in row
    assert 'datetime="2026-12-01T13:00:00+00:00"' in row
    assert "Response deadline" in detail and "overdue by 1\xa0day" in detail


@pytest.fixture
def desk():
    lead, staff_lead, other_staff = StaffFactory(), StaffFactory(), StaffFactory()
    Group.objects.get_or_create(name="Casework leads")[0].user_set.add(staff_lead)
    return {"lead": lead, "staff_lead": staff_lead, "other": other_staff}


def _told(person) -> list[str]:
    return [m.subject for m in mail.outbox if person.email in m.to]


def test_a_warning_and_an_escalation_fire_once_each_to_the_right_people(desk, on_commit):
    monday = at(2026, 12, 7, 9, 0)
    with time_machine.travel(monday, tick=False):
        case = make_case(urgency="urgent")  # due 13:00, warned from 12:00
        services.case_update(case=case, actor=desk["other"], data={"lead": desk["lead"]})
    mail.outbox.clear()
    with time_machine.travel(at(2026, 12, 7, 11, 59), tick=False), on_commit():
        assert tasks.escalate_response_targets() == {"warned": 0, "escalated": 0}
    assert mail.outbox == []
    with time_machine.travel(at(2026, 12, 7, 12, 0), tick=False), on_commit():
        assert tasks.escalate_response_targets() == {"warned": 1, "escalated": 0}
        assert tasks.escalate_response_targets() == {"warned": 0, "escalated": 0}
    assert [s for s in _told(desk["lead"]) if "due soon" in s]
    assert _told(desk["staff_lead"]) == [] and _told(desk["other"]) == []
    mail.outbox.clear()
    with time_machine.travel(at(2026, 12, 7, 13, 1), tick=False), on_commit():
        assert tasks.escalate_response_targets() == {"warned": 0, "escalated": 1}
    with time_machine.travel(at(2026, 12, 8, 13, 1), tick=False), on_commit():
        assert tasks.escalate_response_targets() == {"warned": 0, "escalated": 0}
    assert [s for s in _told(desk["lead"]) if "missed" in s]
    assert [s for s in _told(desk["staff_lead"]) if "missed" in s]
    assert _told(desk["other"]) == []
    target = case.response_targets.get()
    assert target.warned_at == at(2026, 12, 7, 12, 0)
    assert target.escalated_at == at(2026, 12, 7, 13, 1)
    assert target.lead == desk["lead"]
    events = list(
        case.timeline.exclude(event="").order_by("created_at").values("event", "is_shared")
    )
    assert {"event": "response_due_soon", "is_shared": False} in events
    assert {"event": "response_missed", "is_shared": False} in events
    entry = case.timeline.get(event="response_missed")
    assert "was missed" in entry.text and entry.author is None


def test_without_a_lead_staff_are_warned_and_without_staff_leads_all_staff_are_told(on_commit):
    staff = StaffFactory()
    with time_machine.travel(at(2026, 12, 7, 9, 0), tick=False):
        case = make_case(urgency="urgent")
    mail.outbox.clear()
    with time_machine.travel(at(2026, 12, 7, 12, 30), tick=False), on_commit():
        tasks.escalate_response_targets()
    assert _told(staff)
    mail.outbox.clear()
    with time_machine.travel(at(2026, 12, 7, 14, 0), tick=False), on_commit():
        tasks.escalate_response_targets()
    assert [s for s in _told(staff) if "missed" in s]
    assert case.timeline.filter(event="response_missed").count() == 1


def test_nothing_is_escalated_once_answered_or_closed(desk):
    with time_machine.travel(at(2026, 12, 7, 9, 0), tick=False):
        answered = make_case(urgency="urgent")
        declined = make_case(urgency="urgent")
        services.case_post(case=answered, author=desk["lead"], body="Hello", is_shared=True)
        services.case_post(case=answered, author=desk["lead"], body="Note", is_shared=False)
        services.case_transition(
            case=declined, actor=desk["lead"], to_status="declined", reason="Not ours"
        )
    with time_machine.travel(at(2026, 12, 9, 9, 0), tick=False):
        assert service_levels.escalate() == {"warned": 0, "escalated": 0}
    for case in (answered, declined):
        case.refresh_from_db()
        assert case.response_due_at is None
        target = case.response_targets.get()
        assert target.met_at == at(2026, 12, 7, 9, 0) and target.responder == desk["lead"]


def test_the_next_response_clock_starts_at_a_reply_and_a_shared_message_meets_it(desk):
    staff = desk["lead"]
    with time_machine.travel(at(2026, 12, 7, 9, 0), tick=False):  # Monday
        case = make_case(urgency="high")
        services.case_post(case=case, author=staff, body="Tell us more.", is_shared=True)
    case.refresh_from_db()
    assert case.response_due_at is None
    with time_machine.travel(at(2026, 12, 8, 10, 0), tick=False):  # Tuesday
        services.case_post(case=case, author=case.requester, body="Here it is.", is_shared=True)
    case.refresh_from_db()
    following = case.response_targets.get(kind=NEXT)
    assert following.started_at == at(2026, 12, 8, 10, 0)
    assert case.response_due_at == following.due_at == end_of(date(2026, 12, 10))
    # The requester writes again: the clock keeps running from their first reply.
    with time_machine.travel(at(2026, 12, 9, 10, 0), tick=False):
        services.case_post(case=case, author=case.requester, body="And more.", is_shared=True)
        assert service_levels.requester_replied(case) is None  # part A's entry point
        services.case_post(case=case, author=staff, body="Internal", is_shared=False)
    assert case.response_targets.filter(met_at__isnull=True).count() == 1
    with time_machine.travel(at(2026, 12, 9, 15, 0), tick=False):
        services.case_post(case=case, author=staff, body="Thank you.", is_shared=True)
    following.refresh_from_db()
    case.refresh_from_db()
    assert following.met_at == at(2026, 12, 9, 15, 0) and following.responder == staff
    assert following.is_met_on_time and case.response_due_at is None
    # An emailed reply (part A) starts the clock the same way.
    with time_machine.travel(at(2026, 12, 11, 16, 0), tick=False):  # Friday
        target = service_levels.requester_replied(case)
    assert target.kind == NEXT and target.due_at == end_of(date(2026, 12, 15))
    # A raised urgency brings the awaited response forward.
    services.case_update(case=case, actor=staff, data={"urgency": "urgent"})
    case.refresh_from_db()
    assert case.response_due_at == at(2026, 12, 12, 0, 0)


def _target(case, lead, started, due, met=None):
    return ResponseTarget.objects.create(
        case=case,
        kind=FIRST,
        started_at=started,
        due_at=due,
        warn_at=due,
        met_at=met,
        lead=lead,
    )


@pytest.fixture
def compliance_cases(desk):
    with time_machine.travel(at(2026, 1, 1, 9, 0), tick=False):
        cases = [make_case() for _ in range(6)]
    ResponseTarget.objects.all().delete()
    ana, ben = desk["lead"], desk["staff_lead"]
    for person, name in ((ana, "Ana Alvarez"), (ben, "Ben Brown")):
        profile = profile_ensure(user=person)
        profile.display_name = name
        profile.save()
    march, may = at(2026, 3, 2, 9, 0), at(2026, 5, 4, 9, 0)
    _target(cases[0], ana, march, march + timedelta(days=1), met=march + timedelta(hours=2))
    _target(cases[1], ana, march, march + timedelta(days=1), met=march + timedelta(days=2))
    _target(cases[2], ben, may, may + timedelta(days=1))  # unanswered, past due
    _target(cases[3], ben, may, may + timedelta(days=90))  # not due yet
    _target(cases[4], None, may, may + timedelta(days=1), met=may)
    _target(cases[5], ana, at(2024, 5, 4), at(2024, 5, 5))  # outside the range
    return desk


def test_reports_show_compliance_per_person_and_month_over_a_date_range(client, compliance_cases):
    client.force_login(compliance_cases["other"])
    with time_machine.travel(at(2026, 6, 1, 9, 0), tick=False):
        response = client.get("/assistance/reports/?start=2026-01-01&end=2026-05-31")
    assert response.status_code == 200
    kept = response.context["compliance"]
    people = {row["label"]: (row["met"], row["missed"], row["open"]) for row in kept["by_person"]}
    assert people == {"Ana Alvarez": (1, 1, 0), "Ben Brown": (0, 1, 1), "No lead": (1, 0, 0)}
    months = [
        (row["month"].month, row["met"], row["missed"], row["open"]) for row in kept["by_month"]
    ]
    assert months == [(3, 1, 1, 0), (5, 1, 1, 1)]
    assert (kept["total"]["met"], kept["total"]["missed"], kept["total"]["percent"]) == (2, 2, 50)
    content = response.content.decode()
    assert "Met on time, per person" in content and "Ana Alvarez" in content
    assert 'name="start"' in content and 'value="2026-01-01"' in content
    with time_machine.travel(at(2026, 6, 1, 9, 0), tick=False):
        csv_response = client.get(
            "/assistance/reports.csv?table=compliance&start=2026-01-01&end=2026-05-31"
        )
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["table", "label", "met on time", "missed", "open", "total"]
    assert ["person", "Ana Alvarez", "1", "1", "0", "2", "50"] in rows
    assert ["month", "2026-05", "1", "1", "1", "3", "50"] in rows
    assert ["overall", "All", "2", "2", "1", "5", "50"] in rows


def test_reports_default_to_twelve_months_and_refuse_a_reversed_range(client, compliance_cases):
    client.force_login(compliance_cases["other"])
    with time_machine.travel(at(2026, 6, 1, 9, 0), tick=False):
        response = client.get("/assistance/reports/")
        assert (response.context["start"], response.context["end"]) == (
            date(2025, 6, 1),
            date(2026, 6, 1),
        )
        bad = client.get("/assistance/reports/?start=2026-05-31&end=2026-01-01")
        assert "must not come after" in bad.content.decode()
        assert bad.context["start"] == date(2025, 6, 1)  # the default range, still shown
        garbled = client.get("/assistance/reports/?start=yesterday")
        assert garbled.status_code == 200 and "Enter a valid date" in garbled.content.decode()
        refused = client.get("/assistance/reports.csv?table=compliance&start=2026-05-31&end=1")
        assert refused.status_code == 400
        member = UserFactory()
    client.force_login(member)
    assert client.get("/assistance/reports/").status_code in (403, 404)
    assert client.get("/assistance/reports.csv?table=compliance").status_code in (403, 404)


def test_the_holiday_calendar_is_edited_in_the_admin_with_permissions(client):
    editor = StaffFactory(is_superuser=False)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/cms/assistance_holidays/").status_code in (302, 403)
    assert (
        not client.post(
            "/cms/assistance_holidays/new/", {"date": "2027-05-01", "name": "Labour Day"}
        ).status_code
        == 200
    )
    assert not Holiday.objects.filter(date=date(2027, 5, 1)).exists()
    for codename in ("view_holiday", "add_holiday", "change_holiday"):
        editor.user_permissions.add(Permission.objects.get(codename=codename))
    editor = type(editor).objects.get(pk=editor.pk)  # permissions are cached per instance
    client.force_login(editor)
    assert client.get("/cms/assistance_holidays/").status_code == 200
    response = client.post(
        "/cms/assistance_holidays/new/",
        {"date": "2027-05-01", "name": "Labour Day", "name_es": "Día del Trabajo"},
    )
    assert response.status_code == 302
    holiday = Holiday.objects.get(date=date(2027, 5, 1))
    assert holiday.name_es == "Día del Trabajo"
    # The calendar counts it at once.
    assert services.working_days_after(date(2027, 4, 30), 1) == date(2027, 5, 3)  # Fri → Mon
    assert service_levels.working_days_after(date(2027, 4, 29), 2) == date(2027, 5, 3)
    superuser = StaffFactory()
    client.force_login(superuser)
    assert client.get("/cms/assistance_service_levels/").status_code == 200


def test_deleting_a_responders_account_keeps_the_target_for_the_statistics(desk):
    case = make_case(urgency="urgent")
    services.case_post(case=case, author=desk["lead"], body="Hello", is_shared=True)
    target = case.response_targets.get()
    desk["lead"].delete()
    target.refresh_from_db()
    assert target.responder is None and target.met_at is not None
    assert Case.objects.filter(pk=case.pk).exists()
    assert TimelineEntry.objects.filter(case=case).exists()
