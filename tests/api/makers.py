"""For each collection of the open-data API, records (or parts of records) that some callers
must not see, made on top of the demo (tests/api/test_visibility.py).

EVERY registered collection needs a maker here: test_visibility fails for a collection
without one. A maker returns what it made, each thing with a marker (a unique word in its
text: if it appears anywhere in a response, the thing is there) and, for a whole record, its
identifier in the collection (its detail URL must then be a 404 for whoever may not see it).
`Reach` says who may see it through the API:

- PUBLIC: everyone (a control: the walk must find it, or the test proves nothing);
- MEMBERS: a member's token as well (never anonymous callers, never a non-member's token);
- NOBODY: no caller of the API (drafts, staff-only, unlisted, withdrawn, confidential parts):
  a token never stands for staff.

The people are fresh: `member` is affiliated with an active member organization (and leads
the initiatives whose work in progress is made here, so being involved is not enough),
`outsider` is signed in without a membership, `staff` has the staff flag and a second
factor but no affiliation."""

import itertools
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils import timezone

MAKERS = {}
_counter = itertools.count(1)


class Reach(StrEnum):
    PUBLIC = "public"
    MEMBERS = "members"
    NOBODY = "nobody"


@dataclass(frozen=True)
class Made:
    reach: Reach
    marker: str
    what: str
    identifier: str | None = None  # the record's id in the collection, for a whole record


@dataclass(frozen=True)
class People:
    member: object
    member_organization: object
    outsider: object
    staff: object


def marker(what: str) -> str:
    """A word no demo record contains (letters only: it survives slugs and JSON)."""
    return f"Zqv{what}{''.join(chr(ord('a') + int(d)) for d in str(next(_counter)))}x"


def maker(name):
    def register(function):
        MAKERS[name] = function
        return function

    return register


# --- companies and the assistance registry ---------------------------------------------------


def _initiative(name, *, listed=True, led_by=None):
    from assistance.models import Initiative

    initiative = Initiative.objects.create(name=name, is_listed=listed, description="Test.")
    if led_by is not None:
        initiative.lead_organizations.add(led_by)
    return initiative


@maker("companies")
def companies(people):
    from assistance.models import InitiativeBuyer
    from tests.companies.factories import CompanyClaimFactory, CompanyFactory

    made = []
    name = marker("Company")
    company = CompanyFactory(name=name)
    made.append(Made(Reach.PUBLIC, name, "a company", company.slug))
    statement = marker("Claim")
    CompanyClaimFactory(company=company, statement=statement, source_is_public=False)
    made.append(Made(Reach.NOBODY, statement, "a claim whose source is not public"))
    unlisted = _initiative(marker("Unlisted"), listed=False)
    InitiativeBuyer.objects.create(initiative=unlisted, company=company, is_public=True)
    made.append(Made(Reach.NOBODY, unlisted.name, "an agreement in an unlisted initiative"))
    confidential = _initiative(marker("Confidential"))
    InitiativeBuyer.objects.create(initiative=confidential, company=company, is_public=False)
    made.append(Made(Reach.NOBODY, confidential.name, "an agreement whose name is confidential"))
    return made


@maker("initiatives")
def initiatives(people):
    from assistance.models import InitiativeBuyer
    from tests.companies.factories import CompanyFactory

    listed = _initiative(marker("Listed"), led_by=people.member_organization)
    unlisted = _initiative(marker("Unlisted"), listed=False, led_by=people.member_organization)
    buyer = CompanyFactory(name=marker("Buyer"))
    InitiativeBuyer.objects.create(initiative=listed, company=buyer, is_public=False)
    return [
        Made(Reach.PUBLIC, listed.name, "a listed initiative", listed.slug),
        Made(Reach.NOBODY, unlisted.name, "an unlisted initiative", unlisted.slug),
        Made(Reach.NOBODY, buyer.name, "a buyer whose name is confidential"),
    ]


def _assessment(initiative, stage, summary):
    from assistance.models import Assessment, FrameworkVersion

    version = FrameworkVersion.objects.published().order_by("-number").first()
    published = stage == "published"
    return Assessment.objects.create(
        initiative=initiative,
        version=version,
        stage=stage,
        summary=summary,
        published_at=timezone.now() if published else None,
    )


@maker("assessments")
def assessments(people):
    listed = _initiative(marker("Assessed"), led_by=people.member_organization)
    unlisted = _initiative(marker("Unlisted"), listed=False, led_by=people.member_organization)
    made = []
    for initiative, stage, reach, what in (
        (listed, "published", Reach.PUBLIC, "a published assessment"),
        (listed, "draft", Reach.NOBODY, "a draft assessment"),
        (listed, "review", Reach.NOBODY, "an assessment in review"),
        (listed, "reply", Reach.NOBODY, "an assessment at the right of reply (member leads)"),
        (listed, "approved", Reach.NOBODY, "an approved, unpublished assessment"),
        (unlisted, "published", Reach.NOBODY, "a published assessment of an unlisted initiative"),
    ):
        summary = marker("Summary")
        assessment = _assessment(initiative, stage, summary)
        made.append(Made(reach, summary, what, str(assessment.pk)))
    return made


@maker("enforcement-figures")
def enforcement_figures(people):
    from assistance.models import EnforcementReport

    listed = _initiative(marker("Reporting"), led_by=people.member_organization)
    unlisted = _initiative(marker("Unlisted"), listed=False, led_by=people.member_organization)
    made = []
    for year, (initiative, status, reach, what) in enumerate(
        (
            (listed, "verified", Reach.PUBLIC, "verified figures"),
            (listed, "submitted", Reach.NOBODY, "figures waiting for verification"),
            (listed, "rejected", Reach.NOBODY, "figures returned for correction"),
            (unlisted, "verified", Reach.NOBODY, "verified figures of an unlisted initiative"),
        ),
        start=2001,
    ):
        note = marker("Source")
        report = EnforcementReport.objects.create(
            initiative=initiative,
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            workers_covered=100,
            complaints_received=3,
            complaints_resolved=2,
            audits=1,
            suppliers_suspended=0,
            suppliers_corrective_action=1,
            education_sessions=4,
            source_note=note,
            status=status,
            verified_at=timezone.now() if status == "verified" else None,
        )
        made.append(Made(reach, note, what, str(report.pk)))
    return made


@maker("frameworks")
def frameworks(people):
    from django.db.models import Max

    from assistance.models import FrameworkVersion

    top = FrameworkVersion.objects.aggregate(top=Max("number"))["top"] or 0
    public_title, draft_title = marker("Framework"), marker("Draft")
    # the draft's number is below the published one's: "current" stays the demo's story
    FrameworkVersion.objects.create(number=top + 1, title=draft_title)
    FrameworkVersion.objects.create(number=top + 2, title=public_title, published_at=timezone.now())
    return [
        Made(Reach.PUBLIC, public_title, "a published version", str(top + 2)),
        Made(Reach.NOBODY, draft_title, "a draft version", str(top + 1)),
    ]


# --- pages: resources, events, articles, publications ---------------------------------------


def _restrict(page):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


def _draft(parent, page):
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page


@maker("resources")
def resources(people):
    from repository.models import RepositoryIndexPage, ResourcePage
    from tests.repository.factories import resource

    index = RepositoryIndexPage.objects.filter(locale__language_code="en").first()
    made = []
    for audience, reach, what in (
        ("public", Reach.PUBLIC, "a public resource"),
        ("members", Reach.MEMBERS, "a members-only resource"),
        ("staff", Reach.NOBODY, "a staff-only resource"),
    ):
        title = marker("Resource")
        page = resource(index, title, audience=audience)
        made.append(Made(reach, title, what, str(page.pk)))
    title = marker("Restricted")
    page = resource(index, title)
    _restrict(page)
    made.append(Made(Reach.NOBODY, title, "a resource under a password", str(page.pk)))
    title = marker("Draft")
    page = _draft(index, ResourcePage(title=title, summary="Draft.", kind="toolkit"))
    made.append(Made(Reach.NOBODY, title, "a draft resource", str(page.pk)))
    return made


def _event(parent, title, *, audience="public", live=True, online_link=""):
    from repository.models import EventPage

    starts = timezone.now() + timedelta(days=20)
    event = EventPage(
        title=title,
        summary="An exchange.",
        kind="exchange",
        format="hybrid",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        time_zone="UTC",
        place="Immokalee",
        online_link=online_link,
        audience=audience,
    )
    if not live:
        return _draft(parent, event)
    parent.add_child(instance=event)
    event.save_revision().publish()
    return event


@maker("events")
def events(people):
    from repository.models import EventIndexPage

    index = EventIndexPage.objects.filter(locale__language_code="en").first()
    made = []
    room = marker("Room").lower()
    title = marker("Event")
    page = _event(index, title, online_link=f"https://meet.example.org/{room}")
    made.append(Made(Reach.PUBLIC, title, "a public event", str(page.pk)))
    made.append(Made(Reach.NOBODY, room, "the online link of an event (for registrants)"))
    for audience, reach, what in (
        ("members", Reach.MEMBERS, "a members-only event"),
        ("staff", Reach.NOBODY, "a staff-only event"),
    ):
        title = marker("Event")
        page = _event(index, title, audience=audience)
        made.append(Made(reach, title, what, str(page.pk)))
    title = marker("Draft")
    page = _event(index, title, live=False)
    made.append(Made(Reach.NOBODY, title, "a draft event", str(page.pk)))
    title = marker("Restricted")
    page = _event(index, title)
    _restrict(page)
    made.append(Made(Reach.NOBODY, title, "an event under a password", str(page.pk)))
    return made


def _article_index():
    from promotion.models import ArticleIndexPage

    return ArticleIndexPage.objects.filter(locale__language_code="en").first()


@maker("articles")
def articles(people):
    from tests.promotion import builders

    index = _article_index()
    made = []
    title = marker("Article")
    page = builders.article(index, title)
    made.append(Made(Reach.PUBLIC, title, "a live article", str(page.pk)))
    title = marker("Draft")
    page = builders.article(index, title, live=False)
    made.append(Made(Reach.NOBODY, title, "a draft article", str(page.pk)))
    title = marker("Embargoed")
    page = builders.embargoed(index, title)
    made.append(Made(Reach.NOBODY, title, "an article under embargo", str(page.pk)))
    title = marker("Restricted")
    page = builders.article(index, title)
    _restrict(page)
    made.append(Made(Reach.NOBODY, title, "an article under a password", str(page.pk)))
    return made


def _publication(index, title, *, live=True, go_live_at=None):
    from promotion.models import PublicationPage

    page = PublicationPage(title=title, summary="A report.", published_on="2026-05-01")
    if not live:
        return _draft(index, page)
    index.add_child(instance=page)
    if go_live_at is not None:
        page.go_live_at = go_live_at
    page.save_revision().publish()
    return page


@maker("publications")
def publications(people):
    index = _article_index()
    made = []
    title = marker("Publication")
    page = _publication(index, title)
    made.append(Made(Reach.PUBLIC, title, "a live publication", str(page.pk)))
    title = marker("Draft")
    page = _publication(index, title, live=False)
    made.append(Made(Reach.NOBODY, title, "a draft publication", str(page.pk)))
    title = marker("Scheduled")
    page = _publication(index, title, go_live_at=timezone.now() + timedelta(days=2))
    made.append(Made(Reach.NOBODY, title, "a publication scheduled for later", str(page.pk)))
    title = marker("Restricted")
    page = _publication(index, title)
    _restrict(page)
    made.append(Made(Reach.NOBODY, title, "a publication under a password", str(page.pk)))
    return made


# --- coordination ---------------------------------------------------------------------------


@maker("opportunities")
def opportunities(people):
    from coordination.models import Opportunity, WorkingGroup
    from tests.members.factories import OrganizationFactory
    from wsr.members.models import Sector

    sector = Sector.objects.first()
    group = WorkingGroup.objects.first()
    made = []

    def opportunity(audience, reach, what, **extra):
        title = marker("Opportunity")
        record = Opportunity.objects.create(
            title=title,
            sector=sector,
            country="MX",
            region="latin_america",
            latitude=19.4,
            longitude=-99.1,
            owner=people.member,
            audience=audience,
            **extra,
        )
        made.append(Made(reach, title, what, str(record.pk)))
        return record

    public = opportunity("public", Reach.PUBLIC, "a public opportunity")
    opportunity("members", Reach.MEMBERS, "a members-only opportunity")
    opportunity(
        "members", Reach.MEMBERS, "a members' proposal for the public", public_requested=True
    )
    opportunity("staff", Reach.NOBODY, "a staff-only opportunity")
    opportunity("group", Reach.NOBODY, "a working group's opportunity", working_group=group)
    # not a member: no public profile, but the opportunity's page names it to everyone, so
    # the record does too (its id is null: tests/api/test_opportunities_api.py)
    named = OrganizationFactory(name=marker("Organization"))
    public.worker_organizations.add(named)
    made.append(Made(Reach.PUBLIC, named.name, "a worker organization the page names"))
    return made
