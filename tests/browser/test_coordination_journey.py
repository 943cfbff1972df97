"""A member filters the map to a sector, opens an opportunity from the accessible table,
follows an effort and posts an update with an ask; a second member sees it in the feed; the
working group votes on a proposal and its outcome is recorded; a visitor who is not signed
in sees none of the members-only items anywhere. axe-core scans every page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from coordination.models import Effort, GroupMembership, Opportunity, Proposal, WorkingGroup
from wsr.companies.models import Company
from wsr.members.models import Organization, Sector, User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SECRET = "MEMBERS-ONLY"


@pytest.fixture
def field(tabs):
    owner = User.objects.get(email="orgadmin@wsr.test")
    member = User.objects.get(email="member@wsr.test")
    agriculture, apparel = (
        Sector.objects.get(slug="agriculture"),
        Sector.objects.get(slug="apparel"),
    )

    def place(title, sector, audience, lat, lon):
        return Opportunity.objects.create(
            title=title,
            sector=sector,
            country="US",
            region="north_america",
            stage="research",
            owner=owner,
            audience=audience,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
        )

    place(f"Berry farms {SECRET}", agriculture, "members", 36, -120)
    place(f"Garment lofts {SECRET}", apparel, "members", 34, -118)
    place("Tomato fields", agriculture, "public", 26, -81)
    grocer = Company.objects.create(name="Big Grocer")
    effort = Effort.objects.create(
        name=f"Grocer campaign {SECRET}", owner=owner, audience="members", countries=["US"]
    )
    effort.lead_organizations.add(Organization.objects.get(name="Migrant Justice"))
    effort.sectors.add(agriculture)
    effort.targets.create(company=grocer)
    group = WorkingGroup.objects.create(name="Agriculture strategy", is_open=True)
    GroupMembership.objects.create(group=group, user=owner, role="convener")
    GroupMembership.objects.create(group=group, user=member)
    return {"effort": effort, "group": group, "grocer": grocer, "agriculture": agriculture}


def test_members_coordinate_and_the_public_sees_none_of_it(tabs, field):
    maria = tabs("member@wsr.test")
    maria.goto("/coordination/map/")
    page, t = maria.page, maria.t
    expect(page.locator(".leaflet-interactive")).to_have_count(3)
    maria.reveal(page.get_by_label(t("Sector"))).select_option(str(field["agriculture"].pk))
    page.get_by_role("button", name=t("Filter"), exact=True).click()
    table = page.locator("#opportunity-table")
    expect(table).to_contain_text("Berry farms")
    expect(table).not_to_contain_text("Garment lofts")
    expect(page.locator(".leaflet-interactive")).to_have_count(2)
    maria.check()
    table.get_by_role("link", name=f"Berry farms {SECRET}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Berry farms {SECRET}")
    maria.check()

    maria.goto(field["effort"].get_absolute_url())
    page.get_by_role("button", name=t("Follow this effort")).click()
    expect(page.get_by_role("button", name=t("Stop following"))).to_be_visible()
    page.get_by_label(t("Your update")).fill(
        "We need Mixteco interpreters for Saturday's assembly."
    )
    page.get_by_label(t("An ask?")).select_option("expertise")
    page.get_by_label(t("What you ask")).fill("Two Mixteco interpreters")
    page.get_by_role("button", name=t("Post the update")).click()
    expect(page.locator("#updates").locator("..")).to_contain_text("Two Mixteco interpreters")
    maria.check()

    thomas = tabs("orgadmin@wsr.test")
    thomas.goto("/coordination/feed/")
    expect(thomas.page.locator("main")).to_contain_text("We need Mixteco interpreters")
    thomas.check()

    group_url = field["group"].get_absolute_url()
    maria.goto(group_url)
    page.get_by_text(t("Make a proposal")).click()
    page.locator("#id_proposal-title").fill("Research Georgia watermelons")
    page.locator("#id_proposal-text").fill("Spend next quarter's research budget there.")
    closes = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    page.locator("#id_proposal-closes_at").fill(closes)
    page.get_by_role("button", name=t("Open the vote")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Research Georgia watermelons")
    proposal = Proposal.objects.get()
    # the usual answers (yes, no, abstain) read in each reader's language
    with translation.override(maria.language):
        yes, no = (option.display_label for option in proposal.options.all()[:2])
    you_voted = t("You voted: %(option)s.")
    page.get_by_label(yes, exact=True).check()
    page.get_by_role("button", name=t("Cast the vote")).click()
    expect(page.locator("main")).to_contain_text(you_voted % {"option": yes})
    maria.check()
    thomas.goto(proposal.get_absolute_url())
    thomas.page.get_by_label(no, exact=True).check()
    thomas.page.get_by_role("button", name=t("Cast the vote")).click()
    expect(thomas.page.locator("main")).to_contain_text(you_voted % {"option": no})
    # the clock moves past the closing time
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    thomas.goto(proposal.get_absolute_url())
    votes = maria.tn("%(counter)s vote", "%(counter)s votes", 2) % {"counter": 2}
    expect(thomas.page.locator("#tally")).to_contain_text(votes)
    thomas.page.locator("#id_outcome").fill("Tied: the group will discuss it at the next call.")
    thomas.page.get_by_role("button", name=t("Record the outcome")).click()
    expect(thomas.page.locator("main")).to_contain_text("Tied: the group will discuss it")
    assert Proposal.objects.get().outcome.startswith("Tied")
    thomas.check()

    visitor = tabs(None)
    for path in (
        "/coordination/map/",
        "/coordination/efforts/",
        "/coordination/feed/",
        "/coordination/calendar/?view=list",
        field["grocer"].get_absolute_url(),
        "/search/?q=MEMBERS",
    ):
        visitor.goto(path)
        expect(visitor.page.locator("body")).not_to_contain_text(SECRET)
        expect(visitor.page.locator("body")).not_to_contain_text("Mixteco")
    expect(visitor.page.locator("body")).not_to_contain_text("watermelons")
    response = visitor.goto(field["effort"].get_absolute_url())
    assert response.status == 404
    feed = visitor.page.request.get(visitor.base_url + "/coordination/calendar/public.ics")
    assert feed.ok and SECRET not in feed.text()
