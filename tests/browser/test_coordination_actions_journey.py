"""Issue 20, as the issue's reader will check it: two members of different organizations
answer an ask and talk in a private conversation; the effort is edited and handed over;
a meeting is answered and its .ics read by a calendar parser; staff ask a company to
respond, the company answers through its link without an account and the answer is on the
company page; the site search finds an effort by its target company's name (for members,
not for the public). The meeting is answered by keyboard alone. axe-core and the 360 px
check run on every page."""

from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import timezone
from django.utils.text import capfirst
from playwright.sync_api import expect

from coordination import services
from coordination.models import Conversation, Effort, GroupMembership, Meeting, WorkingGroup
from wsr.companies.models import Company, CompanyResponse
from wsr.members.models import Organization, User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COMPANY = "Northwind Grocers"


@pytest.fixture
def field(tabs):
    thomas = User.objects.get(email="orgadmin@wsr.test")  # Migrant Justice
    maria = User.objects.get(email="member@wsr.test")  # Coalition of Immokalee Workers
    grocer = Company.objects.create(name=COMPANY, aliases="Northwind Foods Inc.")
    effort = Effort.objects.create(
        name="Dignity in the dairy aisle", owner=thomas, audience="members", countries=["US"]
    )
    effort.lead_organizations.add(Organization.objects.get(name="Migrant Justice"))
    effort.targets.create(company=grocer)
    services.update_post(
        effort=effort,
        author=thomas,
        body="Assemblies on three farms next month.",
        ask="expertise",
        ask_detail="Two Mixteco interpreters",
    )
    group = WorkingGroup.objects.create(name="Dairy strategy", is_open=True)
    GroupMembership.objects.create(group=group, user=thomas, role="convener")
    GroupMembership.objects.create(group=group, user=maria)
    starts = (timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    meeting = Meeting.objects.create(
        group=group,
        title="Dairy strategy call",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        audience="group",
        working_group=group,
        online_url="https://meet.example.org/dairy-strategy",
    )
    return {"effort": effort, "grocer": grocer, "meeting": meeting}


def test_members_act_together_and_a_company_answers(tabs, field):
    effort, meeting, grocer = field["effort"], field["meeting"], field["grocer"]

    # María (another organization) answers Thomas's ask: a private conversation opens
    maria = tabs("member@wsr.test")
    page, t = maria.page, maria.t
    maria.goto(effort.get_absolute_url())
    page.get_by_role("link", name=t("I can help")).first.click()
    maria.check()
    page.get_by_label(t("What you can offer")).fill("Two of our promoters speak Mixteco.")
    page.get_by_role("button", name=t("Send the offer")).click()
    expect(page.locator("main")).to_contain_text("Two of our promoters speak Mixteco.")
    maria.check()
    conversation = Conversation.objects.get()

    thomas = tabs("orgadmin@wsr.test")
    thomas.goto("/coordination/messages/")
    thomas.check()
    thomas.page.locator(f"main a[href$='{conversation.get_absolute_url()}']").first.click()
    expect(thomas.page.locator("main")).to_contain_text("Two of our promoters speak Mixteco.")
    thomas.page.get_by_label(t("Your message")).fill("Wonderful: can they come on Saturday?")
    thomas.page.get_by_role("button", name=t("Send"), exact=True).click()
    expect(thomas.page.locator("main")).to_contain_text("can they come on Saturday?")
    thomas.check()
    maria.goto(conversation.get_absolute_url())
    expect(page.locator("main")).to_contain_text("can they come on Saturday?")

    # Thomas edits the effort, then hands it to Abel of his organization
    thomas.goto(effort.get_absolute_url())
    thomas.page.get_by_role("link", name=t("Edit the effort")).click()
    thomas.check()
    thomas.page.locator("#id_summary").fill("Binding agreements for dairy workers.")
    thomas.page.get_by_role("button", name=t("Save the effort")).click()
    expect(thomas.page.locator("main")).to_contain_text("Binding agreements for dairy workers.")
    thomas.page.locator("#id_owner-owner").select_option(label="Abel Martínez")
    thomas.page.get_by_role("button", name=t("Hand over the effort")).click()
    expect(thomas.page.locator("main")).to_contain_text("Abel Martínez")
    thomas.check()
    effort.refresh_from_db()
    assert effort.owner.email == "abel@wsr.test"
    assert effort.summary == "Binding agreements for dairy workers."

    # María answers the meeting; the online link appears; the .ics parses
    # by keyboard alone: the answer chosen with Space, sent with Enter, the focus visible
    maria.goto(meeting.get_absolute_url())
    page.get_by_label(t("Yes, I will attend")).focus()
    page.keyboard.press("Space")
    expect(page.get_by_label(t("Yes, I will attend"))).to_be_checked()
    answer = page.get_by_role("button", name=t("Answer"), exact=True)
    answer.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name=t("Join online"))).to_be_visible()
    maria.check()
    ics = page.request.get(maria.base_url + f"/coordination/meetings/{meeting.pk}/meeting.ics")
    assert ics.ok
    event = next(iter(icalendar.Calendar.from_ical(ics.body()).walk("VEVENT")))
    assert event.decoded("DTSTART") == meeting.starts_at
    assert str(event.get("SUMMARY")) == "Dairy strategy call"

    # Staff ask the company to respond; the company answers through its link, no account
    staff = tabs("staff@wsr.test")
    staff.goto(grocer.get_absolute_url())
    staff.page.get_by_role("link", name=staff.t("Ask this company to respond")).click()
    staff.check()
    staff.page.locator("#id_subject").select_option("campaign_ask")
    staff.page.locator("#id_title").fill("Join the dairy agreement")
    staff.page.locator("#id_text").fill("Will Northwind sign the worker-driven agreement?")
    staff.page.locator("#id_contact_name").fill("Dana Buyer")
    staff.page.locator("#id_contact_email").fill("dana@northwind.example")
    deadline = timezone.localtime() + timedelta(days=14)
    staff.page.locator("#id_deadline").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    staff.page.get_by_role("button", name=staff.t("Send the request")).click()
    expect(staff.page.locator("#responses")).to_contain_text("Join the dairy agreement")
    staff.check()
    email = next(m for m in mail.outbox if m.to == ["dana@northwind.example"])
    link = next(word for word in email.body.split() if "/companies/respond/" in word)
    path = link[link.index("/companies/respond/") :].rstrip(".,)>")

    company = tabs(None)
    company.goto(path)
    expect(company.page.locator("main")).to_contain_text("Join the dairy agreement")
    company.check()
    company.page.locator("#id_responder_name").fill("Dana Buyer")
    company.page.locator("#id_text").fill("We will meet the workers' organization in May.")
    company.page.get_by_role("button", name=company.t("Send the response")).click()
    company.check()
    assert CompanyResponse.objects.get().text.startswith("We will meet")
    again = company.goto(path)
    assert again.status == 410  # one response per link
    company.goto(grocer.get_absolute_url())
    expect(company.page.locator("#responses")).to_contain_text("We will meet the workers")
    company.check()

    # The site search finds the effort by its target company's name, for members only
    maria.goto("/search/?q=Northwind")
    results = page.locator("main")
    expect(results.get_by_role("link", name="Dignity in the dairy aisle")).to_be_visible()
    expect(results).to_contain_text(capfirst(t("effort")))  # the type label
    maria.check()
    company.goto("/search/?q=Northwind")
    expect(company.page.get_by_role("link", name=COMPANY).first).to_be_visible()
    expect(company.page.locator("main")).not_to_contain_text("Dignity in the dairy aisle")
