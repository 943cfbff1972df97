"""A company page's dated timeline and its figures over the years (issue 20): entries from
every app with their dates and kinds, within the viewer's audience; the verified figures of
each agreement it signed, charted per period with their table; a constant number of
queries; Spanish labels."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from assistance.models import EnforcementReport, Initiative, InitiativeBuyer
from coordination.models import Effort
from promotion.models import ArticleIndexPage, ArticlePage
from tests.members.factories import AffiliationFactory, StaffFactory, UserFactory
from wsr.companies.models import CompanyEvent
from wsr.companies.timeline import KIND_LABELS, TimelineEntry, company_timeline

from .factories import CompanyFactory

pytestmark = pytest.mark.django_db


def _at(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=datetime.UTC)


def _report(initiative, year, received, resolved, *, status=EnforcementReport.Status.VERIFIED):
    return EnforcementReport.objects.create(
        initiative=initiative,
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        workers_covered=1000,
        complaints_received=received,
        complaints_resolved=resolved,
        audits=10,
        suppliers_suspended=1,
        suppliers_corrective_action=2,
        education_sessions=3,
        status=status,
        verified_at=_at(year + 1, 3, 1) if status == EnforcementReport.Status.VERIFIED else None,
    )


def _agreement(company, name="Fair Food Program", *, joined=2015, years=(), is_public=True):
    initiative = Initiative.objects.create(name=name, has_binding_agreements=True, start_year=2011)
    InitiativeBuyer.objects.create(
        initiative=initiative, company=company, joined_year=joined, is_public=is_public
    )
    for n, year in enumerate(years):
        _report(initiative, year, 100 + n * 10, 90 + n * 10)
    return initiative


def _effort(company, *, name, audience="public", added=None, owner=None):
    effort = Effort.objects.create(
        name=name, owner=owner or UserFactory(), countries=["US"], audience=audience
    )
    effort.targets.create(company=company, added_at=added or _at(2023, 5, 4))
    return effort


def _article(home, company, *, title, kind, published_on, locale_home=None):
    listing = ArticleIndexPage.objects.child_of(home).first()
    if listing is None:
        listing = home.add_child(
            instance=ArticleIndexPage(title="Publications", slug=f"publications-{home.pk}")
        )
    return listing.add_child(
        instance=ArticlePage(
            title=title,
            kind=kind,
            standfirst=f"{title}: what the company claims.",
            published_on=published_on,
            companies=[company],
        )
    )


def _entries(client, company, user=None, **params):
    if user is not None:
        client.force_login(user)
    response = client.get(company.get_absolute_url(), params)
    assert response.status_code == 200
    return response, response.context["timeline"]["entries"]


def _by_title(entries):
    return {entry.title: entry for entry in entries}


def test_the_entry_kinds_are_fixed_and_a_datetime_becomes_a_day():
    with pytest.raises(ValueError):
        TimelineEntry(date=datetime.date(2024, 1, 1), kind="rumour", title="x")
    entry = TimelineEntry(date=_at(2024, 2, 3), kind="news", title="x")
    assert entry.date == datetime.date(2024, 2, 3)
    assert set(KIND_LABELS) == {
        "critique",
        "news",
        "allegation",
        "campaign",
        "response",
        "non_response",
        "agreement",
        "figures",
        "other",
    }


def test_every_app_adds_its_entries_with_their_dates_and_kinds(client, site_tree):
    company = CompanyFactory(name="Big Grocer")
    _agreement(company, joined=2015, years=(2022, 2023))
    effort = _effort(company, name="Fair Wages Now", added=_at(2023, 5, 4))
    Effort.history.filter(id=effort.pk).update(history_date=_at(2023, 5, 4))
    effort._history_date = _at(2024, 6, 7)
    effort.status = Effort.Status.WON
    effort.save()
    _article(
        site_tree["en"],
        company,
        title="The audits that failed",
        kind="critique",
        published_on=datetime.date(2024, 9, 1),
    )
    _article(
        site_tree["en"],
        company,
        title="Big Grocer signs up",
        kind="news",
        published_on=datetime.date(2015, 3, 2),
    )
    CompanyEvent.objects.create(
        company=company,
        date=datetime.date(2024, 2, 14),
        kind="allegation",
        title="Workers report wage theft at a supplier",
        source_title="Local paper",
        source_url="https://example.org/story",
    )

    response, entries = _entries(client, company)
    found = _by_title(entries)
    expected = {
        "The audits that failed": ("critique", datetime.date(2024, 9, 1)),
        "Big Grocer signs up": ("news", datetime.date(2015, 3, 2)),
        "“Fair Wages Now” targets the company": ("campaign", datetime.date(2023, 5, 4)),
        "“Fair Wages Now” was won": ("campaign", datetime.date(2024, 6, 7)),
        "Signed the Fair Food Program agreement": ("agreement", datetime.date(2015, 1, 1)),
        "Fair Food Program: verified enforcement figures for 2022": (
            "figures",
            datetime.date(2022, 12, 31),  # by their period, not the day they were verified
        ),
        "Fair Food Program: verified enforcement figures for 2023": (
            "figures",
            datetime.date(2023, 12, 31),  # by their period, not the day they were verified
        ),
        "Workers report wage theft at a supplier": ("allegation", datetime.date(2024, 2, 14)),
    }
    assert {title: (found[title].kind, found[title].date) for title in expected} == expected
    assert [entry.date for entry in entries] == sorted(
        (entry.date for entry in entries), reverse=True
    )
    assert found["Workers report wage theft at a supplier"].url == "https://example.org/story"
    html = response.content.decode()
    assert 'id="timeline-title"' in html
    assert "Workers report wage theft at a supplier" in html
    assert 'href="https://example.org/story" rel="noopener nofollow"' in html
    assert html.index("The audits that failed") < html.index("Big Grocer signs up")
    # The agreement is dated by its year only.
    assert '<time datetime="2015">2015</time>' in html


def test_the_timeline_filters_by_kind(client, site_tree):
    company = CompanyFactory()
    _effort(company, name="Fair Wages Now")
    CompanyEvent.objects.create(
        company=company,
        date=datetime.date(2024, 2, 14),
        kind="news",
        title="A news item",
        summary="<script>alert(1)</script>",
    )
    response, entries = _entries(client, company, kind="news")
    assert [entry.title for entry in entries] == ["A news item"]
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "?kind=campaign#timeline" in html and "?kind=news" not in html
    _response, entries = _entries(client, company, kind="nonsense")
    assert len(entries) == 2


def test_a_members_only_effort_milestone_is_shown_to_members_only(client, site_tree):
    company = CompanyFactory()
    _effort(company, name="Quiet pressure", audience="members")
    title = "“Quiet pressure” targets the company"
    _response, entries = _entries(client, company)
    assert title not in _by_title(entries)
    _response, entries = _entries(client, company, user=UserFactory())  # no member org
    assert title not in _by_title(entries)
    _response, entries = _entries(client, company, user=AffiliationFactory().user)
    assert title in _by_title(entries)


def test_a_non_public_event_is_shown_to_staff_only(client, site_tree):
    company = CompanyFactory()
    CompanyEvent.objects.create(
        company=company,
        date=datetime.date(2024, 2, 14),
        kind="allegation",
        title="Unverified allegation",
        is_public=False,
    )
    response, entries = _entries(client, company)
    assert entries == [] and "Unverified allegation" not in response.content.decode()
    _response, entries = _entries(client, company, user=AffiliationFactory().user)
    assert entries == []
    response, entries = _entries(client, company, user=StaffFactory())
    assert [entry.title for entry in entries] == ["Unverified allegation"]
    assert "Only staff see this." in response.content.decode()


def test_a_confidential_buyer_and_unverified_figures_stay_off(client, site_tree):
    company = CompanyFactory()
    initiative = _agreement(company, name="Secret Program", is_public=False, years=(2022,))
    other = _agreement(company, name="Open Program", years=())
    _report(other, 2023, 50, 40, status=EnforcementReport.Status.SUBMITTED)
    response, entries = _entries(client, company)
    titles = [entry.title for entry in entries]
    assert titles == ["Signed the Open Program agreement"]
    html = response.content.decode()
    assert initiative.name not in html
    assert "No verified enforcement figures from an agreement it signed." in html


def test_figures_over_the_years_match_the_data(client, site_tree):
    company = CompanyFactory()
    _agreement(company, years=(2021, 2022, 2023))
    _agreement(company, name="Milk with Dignity", years=(2023,))
    response = client.get(company.get_absolute_url())
    html = response.content.decode()
    assert 'id="figures-years-title"' in html
    # Three periods: a chart (an SVG with one point per period and measure) and the table.
    assert html.count('class="trend-chart__svg"') == 1  # one period only: table, no chart
    assert html.count('class="trend-chart__dot series--received"') == 3
    assert "Fair Food Program: verified enforcement figures by period" in html
    assert "Milk with Dignity: verified enforcement figures by period" in html
    table = html.split("Fair Food Program: verified enforcement figures by period")[1]
    table = table.split("</table>")[0]
    rows = table.split("<tr>")[2:]
    assert [row.split("</th>")[0].rsplit(">", 1)[-1] for row in rows] == [
        "2021",
        "2022",
        "2023",
    ]
    # days | received, per year, per 1,000 workers a year | resolved, ... (periods of 365
    # days and 1,000 workers: the same values), as on the initiative page (one component)
    cells = ["".join(row.split()) for row in rows]
    assert "<td>365</td><td>100</td><td>100</td><td>100.0</td><td>90</td><td>90</td>" in cells[0]
    assert "<td>120</td><td>120</td><td>120.0</td><td>110</td><td>110</td>" in cells[2]


def test_the_labels_are_in_spanish(client, site_tree):
    company = CompanyFactory()
    _effort(company, name="Salario justo")
    CompanyEvent.objects.create(
        company=company, date=datetime.date(2024, 2, 14), kind="news", title="Una noticia"
    )
    with translation.override("es"):
        url = reverse("companies:company-detail", kwargs={"slug": company.slug})
        assert str(KIND_LABELS["critique"]) == "Crítica"
    assert url.startswith("/es/")
    html = client.get(url).content.decode()
    assert ">Cronología</h2>" in html
    assert '<span class="badge">Noticias</span>' in html
    assert '<span class="badge">Campaña</span>' in html
    assert "14 de febrero de 2024" in html


def _busy(n: int, owner, name):
    company = CompanyFactory(name=name)
    for i in range(n):
        _agreement(company, name=f"{name} program {i}", years=range(2020, 2020 + n))
        effort = _effort(company, name=f"{name} campaign {i}", owner=owner)
        effort.status = Effort.Status.ENDED
        effort.save()
        CompanyEvent.objects.create(
            company=company, date=datetime.date(2024, 1, 1 + i), kind="news", title=f"News {i}"
        )
    return company


@pytest.mark.parametrize("viewer", ["anonymous", "member", "staff"])
def test_the_timeline_and_figures_run_a_constant_number_of_queries(
    client, site_tree, django_assert_num_queries, viewer
):
    """One agreement, effort and event, then four of each with four periods each: the same
    number of queries (measured on the first, asserted on the second)."""
    owner = UserFactory()
    user = {"anonymous": None, "member": AffiliationFactory().user, "staff": StaffFactory()}[viewer]
    if user is not None:
        client.force_login(user)
    one, many = _busy(1, owner, "One Grocer"), _busy(4, owner, "Busy Grocer")
    for company in (one, many):
        client.get(company.get_absolute_url())  # warm
    with CaptureQueriesContext(connection) as measured:
        response = client.get(one.get_absolute_url())
    assert len(response.context["timeline"]["entries"]) == 5
    with django_assert_num_queries(len(measured)):
        response = client.get(many.get_absolute_url())
    # 4 agreements, 4 × 4 figures, 4 × 2 campaign milestones, 4 events
    assert len(response.context["timeline"]["entries"]) == 4 + 16 + 8 + 4
    assert response.content.decode().count('class="trend-chart__svg"') == 4


def test_company_timeline_gathers_the_hooks_newest_first(rf, site_tree):
    company = CompanyFactory()
    CompanyEvent.objects.create(company=company, date=datetime.date(2020, 1, 1), title="Old")
    CompanyEvent.objects.create(company=company, date=datetime.date(2025, 1, 1), title="New")
    request = rf.get("/")
    request.user = StaffFactory()
    request.LANGUAGE_CODE = "en"
    titles = [entry.title for entry in company_timeline(request, company)]
    assert titles == ["New", "Old"]


def test_the_demo_adds_events_to_demo_companies_only_once(site_tree):
    from wsr.companies.demo_timeline import company_events_seed

    real = CompanyFactory(name="Harbor Foods Group (demo)", is_demo=False)
    demo = CompanyFactory(name="Fresh Valley Markets (demo)", is_demo=True)
    assert company_events_seed() == 3
    assert company_events_seed() == 0
    assert not real.events.exists()
    assert demo.events.filter(is_public=False).count() == 1


def test_staff_add_an_event_in_the_admin(client, site_tree, settings):
    settings.WSR_STAFF_MFA_REQUIRED = False
    company = CompanyFactory()
    client.force_login(StaffFactory())
    assert client.get("/cms/wsr_company_events/").status_code == 200
    response = client.post(
        "/cms/wsr_company_events/new/",
        {
            "company": company.pk,
            "date": "2024-02-14",
            "kind": "allegation",
            "title": "Workers report unpaid overtime",
            "summary": "",
            "source_title": "Local paper",
            "source_url": "https://example.org/overtime",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    event = CompanyEvent.objects.get()
    assert (event.company, event.kind, event.is_public) == (company, "allegation", True)
