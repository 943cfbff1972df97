"""Demo coordination data: opportunities across sectors and continents, companies and the
voluntary schemes they cite, efforts with updates, funders, working groups with threads,
a meeting with minutes, proposals open and closed. Everything here is invented (names of
real companies and programs appear, but every claim, plan and figure is demo data and
marked so on the pages)."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from wsr.companies.models import Company, CompanyClaim, VoluntaryScheme
from wsr.members.models import Organization, Sector

from . import services
from .models import (
    Audience,
    CalendarItem,
    Effort,
    Funder,
    FundingApplication,
    FundingOpportunity,
    GroupMembership,
    Meeting,
    Opportunity,
    Proposal,
    Update,
    Vote,
    WorkingGroup,
)

User = get_user_model()

COMPANIES = [
    ("McDonald's", "US", "agriculture"),
    ("Walmart", "US", "agriculture"),
    ("Yum! Brands", "US", "agriculture"),
    ("Burger King", "US", "agriculture"),
    ("Subway", "US", "agriculture"),
    ("Whole Foods Market", "US", "agriculture"),
    ("Trader Joe's", "US", "agriculture"),
    ("Chipotle Mexican Grill", "US", "agriculture"),
    ("Ahold Delhaize", "NL", "agriculture"),
    ("Ben & Jerry's", "US", "dairy"),
    ("H&M Group", "SE", "apparel"),
    ("Inditex", "ES", "apparel"),
    ("Primark", "IE", "apparel"),
    ("PVH Corp.", "US", "apparel"),
    ("Fresh Valley Markets (demo)", "US", "agriculture"),
    ("Harbor Foods Group (demo)", "TH", "seafood"),
    ("Wendy's", "US", "agriculture"),
    ("Kroger", "US", "agriculture"),
    ("Publix", "US", "agriculture"),
    ("Levi Strauss & Co.", "US", "apparel"),
    ("Gap Inc.", "US", "apparel"),
    ("Thai Union Group", "TH", "seafood"),
    ("Gulf Build Contracting (demo)", "QA", "construction"),
    ("Dairy Farmers Co-op (demo)", "US", "dairy"),
    ("Andean Berries Export (demo)", "PE", "agriculture"),
]

SCHEMES = [
    ("amfori BSCI", "audit"),
    ("SMETA (Sedex)", "audit"),
    ("Fair Trade USA", "certification"),
    ("Rainforest Alliance", "certification"),
    ("WRAP", "certification"),
    ("Supplier code of conduct", "code"),
]
CLAIMS = [
    ("Walmart", "Supplier code of conduct"),
    ("Walmart", "SMETA (Sedex)"),
    ("Wendy's", "Supplier code of conduct"),
    ("Kroger", "Fair Trade USA"),
    ("H&M Group", "amfori BSCI"),
    ("Inditex", "Supplier code of conduct"),
    ("Thai Union Group", "SMETA (Sedex)"),
    ("Ahold Delhaize", "amfori BSCI"),
]

# title, sector, country, region, place, lat, lon, stage, audience
OPPORTUNITIES = [
    (
        "Tomato harvest in southwest Florida",
        "agriculture",
        "US",
        "north_america",
        "Immokalee, Florida",
        26.42,
        -81.42,
        "won",
        "public",
    ),
    (
        "Mexican tomato exporters to US buyers",
        "agriculture",
        "MX",
        "latin_america",
        "Sinaloa",
        24.8,
        -107.4,
        "negotiating",
        "members",
    ),
    (
        "Berry farms of San Quintín",
        "agriculture",
        "MX",
        "latin_america",
        "Baja California",
        30.56,
        -115.94,
        "organizing",
        "members",
    ),
    (
        "Dairy farms of Vermont",
        "dairy",
        "US",
        "north_america",
        "Vermont",
        44.26,
        -72.58,
        "won",
        "public",
    ),
    (
        "Dairy farms of New York State",
        "dairy",
        "US",
        "north_america",
        "Finger Lakes, New York",
        42.7,
        -76.9,
        "organizing",
        "members",
    ),
    (
        "Ready-made garments in Dhaka",
        "apparel",
        "BD",
        "south_asia",
        "Dhaka",
        23.81,
        90.41,
        "won",
        "public",
    ),
    (
        "Garment and textile mills of Karachi",
        "apparel",
        "PK",
        "south_asia",
        "Karachi",
        24.86,
        67.0,
        "negotiating",
        "members",
    ),
    (
        "Spinning mills of Tamil Nadu",
        "apparel",
        "IN",
        "south_asia",
        "Dindigul",
        10.36,
        77.98,
        "research",
        "members",
    ),
    (
        "Shrimp processing in Samut Sakhon",
        "seafood",
        "TH",
        "east_asia",
        "Samut Sakhon",
        13.55,
        100.27,
        "organizing",
        "group",
    ),
    (
        "Stadium and metro construction",
        "construction",
        "QA",
        "middle_east",
        "Doha",
        25.29,
        51.53,
        "research",
        "staff",
    ),
    (
        "Strawberry fields of Huelva",
        "agriculture",
        "ES",
        "europe",
        "Huelva",
        37.26,
        -6.95,
        "idea",
        "members",
    ),
    (
        "Banana plantations of the north coast",
        "agriculture",
        "HN",
        "latin_america",
        "Cortés",
        15.5,
        -88.03,
        "research",
        "members",
    ),
    ("Cocoa cooperatives", "agriculture", "CI", "africa", "Soubré", 5.78, -6.6, "idea", "staff"),
    (
        "Electronics assembly",
        "electronics",
        "MY",
        "east_asia",
        "Penang",
        5.41,
        100.33,
        "dormant",
        "members",
    ),
    (
        "Meatpacking plants of the Midwest",
        "meat-poultry",
        "US",
        "north_america",
        "Nebraska",
        41.5,
        -99.9,
        "research",
        "members",
    ),
]

EFFORTS = [
    (
        "Fair Food expansion to Mexican tomato suppliers (demo)",
        "program",
        "Coalition of Immokalee Workers",
        ["agriculture"],
        ["MX", "US"],
        ["Walmart", "Ahold Delhaize", "Kroger"],
        "member@wsr.test",
        "members",
    ),
    (
        "Milk with Dignity: bring Hannaford in (demo)",
        "campaign",
        "Migrant Justice",
        ["dairy"],
        ["US"],
        ["Ahold Delhaize"],
        "orgadmin@wsr.test",
        "public",
    ),
    (
        "Pakistan garment safety accord (demo)",
        "program",
        "Worker Rights Consortium",
        ["apparel"],
        ["PK"],
        ["H&M Group", "Inditex", "Levi Strauss & Co."],
        "expert@wsr.test",
        "members",
    ),
    (
        "Thai shrimp worker-driven pilot (demo)",
        "campaign",
        "Coastal Seafood Workers Alliance (demo)",
        ["seafood"],
        ["TH"],
        ["Thai Union Group", "Harbor Foods Group (demo)"],
        "expert@wsr.test",
        "group",
    ),
    (
        "Heat-stress standards for Gulf construction (demo)",
        "campaign",
        "Global Labor Justice",
        ["construction"],
        ["QA"],
        ["Gulf Build Contracting (demo)"],
        "staff@wsr.test",
        "staff",
    ),
    (
        "Wendy's: join the Fair Food Program (demo)",
        "campaign",
        "Coalition of Immokalee Workers",
        ["agriculture"],
        ["US"],
        ["Wendy's", "Walmart"],
        "member@wsr.test",
        "public",
    ),
]

UPDATES = [
    ("Met with two grower associations; both asked for the code of conduct in Spanish.", "", ""),
    (
        "Worker committee elected on three farms. We need trainers who speak Mixteco.",
        "expertise",
        "Mixteco-speaking trainers for worker education",
    ),
    (
        "Buyer meeting set: hold the date for a joint delegation.",
        "date",
        "Delegation to the buyer's headquarters",
    ),
    (
        "Press coverage after the march; a shareholder resolution is being drafted.",
        "help",
        "Reviewers for the shareholder resolution",
    ),
]

FUNDERS = [
    ("Harvest Justice Foundation (demo)", "foundation", "agriculture", "US"),
    ("Garment Workers Safety Fund (demo)", "foundation", "apparel", "BD"),
    ("Ministry of Labour Cooperation Grants (demo)", "government", "construction", "QA"),
    ("Open Hands Giving Fund (demo)", "daf", "dairy", "US"),
    ("A. Rivera (demo individual donor)", "individual", "agriculture", "MX"),
    ("Ocean Fair Trust (demo)", "foundation", "seafood", "TH"),
    ("Retail Responsibility Program (demo)", "corporate", "apparel", "PK"),
    ("Worker Voice Collaborative Fund (demo)", "foundation", "agriculture", "US"),
]

GROUPS = [
    (
        "Agriculture and food (demo)",
        True,
        "Strategy across farmworker programs: new crops, new regions, shared buyers.",
    ),
    (
        "Apparel enforcement (demo)",
        True,
        "Accords, inspections and complaint mechanisms in garment supply chains.",
    ),
    (
        "Seafood strategy (demo)",
        False,
        "A closed group for the seafood pilot: campaign plans stay here.",
    ),
]


def _user(email):
    return User.objects.filter(email=email).first()


def _companies():
    for name, country, sector in COMPANIES:
        company, created = Company.objects.get_or_create(
            name=name, defaults={"headquarters_country": country, "is_demo": "(demo)" in name}
        )
        if created:
            company.sectors.set(Sector.objects.filter(slug=sector))
    for name, kind in SCHEMES:
        VoluntaryScheme.objects.get_or_create(name=name, defaults={"kind": kind})
    for company, scheme in CLAIMS:
        CompanyClaim.objects.get_or_create(
            company=Company.objects.get(name=company),
            scheme=VoluntaryScheme.objects.get(name=scheme),
            defaults={
                "statement": "Demo claim: the company says its suppliers follow this scheme.",
                "source_title": "Invented for the demo site",
                "source_is_public": True,
                "checked_on": timezone.localdate() - timedelta(days=30),
            },
        )


def _groups(people):
    groups = {}
    for name, is_open, purpose in GROUPS:
        group = WorkingGroup.objects.create(
            name=name, is_open=is_open, purpose=purpose, is_demo=True
        )
        groups[name] = group
        for email, role in (
            ("staff@wsr.test", "convener"),
            ("member@wsr.test", "member"),
            ("orgadmin@wsr.test", "member"),
            ("expert@wsr.test", "convener" if "Seafood" in name else "member"),
            ("lucia@wsr.test", "member"),
        ):
            if people.get(email) and (email != "lucia@wsr.test" or "Seafood" not in name):
                GroupMembership.objects.create(group=group, user=people[email], role=role)
    return groups


def _threads(groups, people):
    agriculture = groups["Agriculture and food (demo)"]
    thread = services.thread_create(
        group=agriculture,
        author=people["member@wsr.test"],
        title="Which crop next? (demo)",
        body="We have **three** candidates:\n\n- Florida peppers\n- Georgia watermelons\n"
        "- Mexican berries\n\n@thomas-reyes, how did Milk with Dignity choose its first farms?",
    )
    services.post_create(
        thread=thread,
        author=people["orgadmin@wsr.test"],
        body="We started where workers were already organized and a buyer was exposed. "
        "Happy to share our [organizing map](https://example.org/demo-map).",
    )
    apparel = groups["Apparel enforcement (demo)"]
    services.thread_create(
        group=apparel,
        author=people["expert@wsr.test"],
        title="Complaint response times in Pakistan (demo)",
        body="The first quarter's complaints took *too long*. Ideas for a 48-hour escalation?",
    )
    seafood = groups["Seafood strategy (demo)"]
    services.thread_create(
        group=seafood,
        author=people["expert@wsr.test"],
        title="Buyer mapping for the shrimp pilot (demo, confidential plan)",
        body="Draft list of buyers to approach first; not for circulation.",
    )


def _meetings_and_proposals(groups, people):
    now = timezone.now()
    agriculture = groups["Agriculture and food (demo)"]
    meeting = Meeting.objects.create(
        group=agriculture,
        title="Quarterly strategy call (demo)",
        starts_at=now - timedelta(days=12),
        ends_at=now - timedelta(days=12) + timedelta(hours=1, minutes=30),
        place="Video call",
        agenda="1. Next crop\n2. Shared buyers\n3. Funding",
        minutes="- Agreed to research two crops before choosing.\n"
        "- Ahold Delhaize is targeted by two efforts: owners will coordinate.\n"
        "- Funding: apply to the Harvest Justice Foundation together.",
        audience=Audience.GROUP,
        working_group=agriculture,
        is_demo=True,
    )
    meeting.attendees.set([p for p in people.values() if p is not None][:4])
    upcoming = Meeting.objects.create(
        group=agriculture,
        title="Next strategy call (demo)",
        starts_at=now + timedelta(days=9),
        place="Video call",
        online_url="https://meet.example.org/wsr-agriculture-demo",  # issue 20: group only
        agenda="Decide the next crop.",
        audience=Audience.GROUP,
        working_group=agriculture,
        is_demo=True,
    )
    from .models import MeetingResponse  # issue 20: answers, with their counts

    MeetingResponse.objects.create(
        meeting=upcoming, user=people["staff@wsr.test"], answer=MeetingResponse.Answer.YES
    )
    open_proposal = services.proposal_create(
        group=agriculture,
        actor=people["staff@wsr.test"],
        title="Research Georgia watermelons next (demo)",
        text="Spend the next quarter's research budget on Georgia watermelon farms.",
        options=["Yes", "No", "Abstain"],
        closes_at=now + timedelta(days=5),
        results=Proposal.Results.LIVE,
    )
    options = list(open_proposal.options.all())
    services.vote_cast(proposal=open_proposal, voter=people["orgadmin@wsr.test"], option=options[0])
    closed = services.proposal_create(
        group=agriculture,
        actor=people["staff@wsr.test"],
        title="Joint application to the Harvest Justice Foundation (demo)",
        text="Apply together, one budget, the Collaborative as fiscal lead.",
        options=["Apply together", "Apply separately"],
        closes_at=now + timedelta(minutes=1),
        voter_mode=Proposal.VoterMode.ORGANIZATION,
    )
    first = closed.options.first()
    for email in ("member@wsr.test", "orgadmin@wsr.test", "expert@wsr.test"):
        services.vote_cast(proposal=closed, voter=people[email], option=first)
    Proposal.objects.filter(pk=closed.pk).update(closes_at=now - timedelta(days=3))
    Vote.objects.filter(proposal=closed).update(cast_at=now - timedelta(days=4))
    closed.refresh_from_db()
    services.proposal_outcome_record(
        proposal=closed,
        actor=people["staff@wsr.test"],
        outcome="Adopted: one joint application, the Collaborative as fiscal lead (demo).",
    )
    Proposal.objects.filter(pk__in=[open_proposal.pk, closed.pk]).update(is_demo=True)
    _results(closed, people)


def _results(decision, people):
    """Issue 20: the adopted decision's follow-through, one result under way."""
    from .services.results import result_create, result_update_post

    staff = people["staff@wsr.test"]
    result = result_create(
        proposal=decision,
        actor=staff,
        title="Joint application submitted (demo)",
        description="One budget for the three organizations; letters of support attached.",
        owner=staff,
        status="in_progress",
        progress=40,
        due_date=timezone.localdate() + timedelta(days=21),
    )
    result_update_post(
        result=result,
        author=staff,
        text="Budget agreed with the three organizations; letters of support to collect.",
        progress=50,
    )
    result_create(
        proposal=decision,
        actor=staff,
        title="Report to the foundation after six months (demo)",
        owner=staff,
        due_date=timezone.localdate() + timedelta(days=200),
    )


def seed(home_pages=None) -> dict:
    """The demo's coordination data, written as the demo people through the services; the
    write limit is off (it guards against people and scripts, not the seed)."""
    from .services.limits import write_limit_off

    with write_limit_off():
        return _seed(home_pages)


def _seed(home_pages=None) -> dict:
    links = [
        {
            "en": ("Coordination", "/coordination/map/"),
            "es": ("Coordinación", "/es/coordination/map/"),
        },
        {"en": ("Companies", "/companies/"), "es": ("Empresas", "/es/companies/")},
    ]
    emails = (
        "staff@wsr.test",
        "member@wsr.test",
        "orgadmin@wsr.test",
        "expert@wsr.test",
        "lucia@wsr.test",
    )
    people = {email: _user(email) for email in emails}
    if people["staff@wsr.test"] is None or people["member@wsr.test"] is None:
        return {"created": 0, "links": links}
    _companies()
    from wsr.companies.demo_timeline import company_events_seed  # issue 20

    company_events_seed()
    if Opportunity.objects.exists():
        return {"created": 0, "links": links}
    now = timezone.now()
    groups = _groups(people)
    seafood_group = groups["Seafood strategy (demo)"]
    if people.get("lucia@wsr.test"):  # issue 20: an invitation waiting for an answer
        from .models import GroupInvitation

        GroupInvitation.objects.create(
            group=seafood_group,
            invitee=people["lucia@wsr.test"],
            invited_by=people.get("expert@wsr.test"),
        )
    for n, (title, sector, country, region, place, lat, lon, stage, audience) in enumerate(
        OPPORTUNITIES
    ):
        opportunity = Opportunity.objects.create(
            title=title,
            sector=Sector.objects.get(slug=sector),
            country=country,
            region=region,
            place=place,
            latitude=Decimal(str(lat)),
            longitude=Decimal(str(lon)),
            stage=stage,
            owner=people["staff@wsr.test"],
            audience=audience,
            working_group=seafood_group if audience == "group" else None,
            supply_chain="Demo description: growers or factories, the exporters that buy from "
            "them, and the brands and retailers at the end of the chain.",
            updated_at=now - timedelta(days=3 * n),
            is_demo=True,
        )
        opportunity.buyers.set(Company.objects.filter(sectors__slug=sector)[:3])
        opportunity.worker_organizations.set(
            Organization.objects.filter(sectors__slug=sector, is_worker_led=True)[:2]
        )
    for n, (name, kind, lead, sectors, countries, targets, owner, audience) in enumerate(EFFORTS):
        effort = Effort(
            name=name,
            kind=kind,
            summary="Demo effort: invented plans, shown to explain how coordination works.",
            countries=countries,
            owner=people[owner],
            audience=audience,
            working_group=seafood_group if audience == "group" else None,
            created_at=now - timedelta(days=150 - 10 * n),
            is_demo=True,
        )
        effort.save()
        effort.lead_organizations.set(Organization.objects.filter(name=lead))
        effort.sectors.set(Sector.objects.filter(slug__in=sectors))
        for company in Company.objects.filter(name__in=targets):
            services.effort_target_add(effort=effort, actor=people[owner], company=company)
        for k, (body, ask, detail) in enumerate(UPDATES):
            update = services.update_post(
                effort=effort,
                author=people[owner],
                body=f"{body} (demo)",
                ask=ask,
                ask_detail=detail,
                ask_date=timezone.localdate() + timedelta(days=10 + 7 * n)
                if ask == "date"
                else None,
            )
            Update.objects.filter(pk=update.pk).update(
                created_at=now - timedelta(days=120 - 30 * k - 3 * n)
            )
    services.effort_follow(
        effort=Effort.objects.order_by("pk").first(), user=people["orgadmin@wsr.test"]
    )
    _threads(groups, people)
    _meetings_and_proposals(groups, people)
    from .demo_comments import comments_seed  # issue 20

    comments_seed(people)
    today = timezone.localdate()
    for n, (name, kind, sector, country) in enumerate(FUNDERS):
        funder = Funder.objects.create(name=name, kind=kind, audience="members", is_demo=True)
        opportunity = FundingOpportunity.objects.create(
            funder=funder,
            program=f"{sector.title()} worker power grants (demo)",
            amount_min=Decimal(25000 * (n + 1)),
            amount_max=Decimal(75000 * (n + 1)),
            currency="USD",
            deadline=today + timedelta(days=12 + 9 * n),
            eligibility="Worker organizations and their allies (demo).",
            countries=[country],
            link="https://example.org/demo-funding",
            audience="members",
            is_demo=True,
        )
        opportunity.sectors.set(Sector.objects.filter(slug=sector))
        if n < 4:
            FundingApplication.objects.create(
                funder=funder,
                opportunity=opportunity,
                title=f"Application to {name}",
                owner=people["staff@wsr.test"],
                status=["prospect", "drafting", "submitted", "awarded"][n],
                amount_asked=Decimal(60000 * (n + 1)),
                amount_awarded=Decimal(50000) if n == 3 else None,
                deadline=opportunity.deadline if n < 3 else today + timedelta(days=40),
                deadline_note="Report due" if n == 3 else "Proposal due",
            )
    for kind, title, days, audience in (
        ("action", "Day of action at a retailer's headquarters (demo)", 6, "members"),
        (
            "shareholder",
            "Annual shareholder meeting: resolution on supply chains (demo)",
            20,
            "public",
        ),
        ("hearing", "State legislature hearing on heat standards (demo)", 27, "public"),
        ("deadline", "Comments due on the buyer's draft code (demo)", 15, "staff"),
    ):
        CalendarItem.objects.create(
            kind=kind,
            title=title,
            starts_at=now + timedelta(days=days),
            all_day=kind == "deadline",
            audience=audience,
            is_demo=True,
        )
    return {"created": Opportunity.objects.count(), "links": links}
