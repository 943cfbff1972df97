"""Issue 20 review of company accountability: what an unpublished request promises, far-future
deadlines, taking a response down once, the deadline's time zone and grace, the contact's
email footer, the timeline's dates and same-day order, the demo's agreement years and the
response rates' column header."""

import datetime
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from assistance.models import InitiativeBuyer
from coordination.models import Effort
from tests.members.factories import StaffFactory, UserFactory
from wsr.companies import response_services as services
from wsr.companies.models import CompanyResponse, ResponseRequest
from wsr.members.models import Profile

from .factories import CompanyFactory
from .test_response_requests import _answer, _commit, _form, _send
from .test_timeline import _agreement, _at, _entries

pytestmark = pytest.mark.django_db

PUBLISHED = "published on the company's page"


# An unpublished request promises no publication ------------------------------------------


def test_an_unpublished_request_does_not_say_the_response_will_be_published(client):
    staff = StaffFactory(email="sender@wsr.test")
    response_request, token = _send(is_published=False, staff=staff)
    page = client.get(reverse("companies:request-respond", args=[token])).content.decode()
    assert PUBLISHED not in page.lower()
    assert "not published" in page
    mail.outbox.clear()
    thanks = _answer(client, token).content.decode()
    assert "Your response was received" in thanks and PUBLISHED not in thanks
    assert [email.to for email in mail.outbox] == [["sender@wsr.test"]]
    received = mail.outbox[0]
    assert PUBLISHED not in received.body and "not published" in received.body
    assert PUBLISHED not in received.alternatives[0][0]
    assert "not published" in received.alternatives[0][0]
    assert response_request.get_absolute_url() in received.body


def test_a_published_request_still_says_so(client):
    _request, token = _send(staff=StaffFactory(email="sender@wsr.test"))
    assert (
        PUBLISHED in client.get(reverse("companies:request-respond", args=[token])).content.decode()
    )
    mail.outbox.clear()
    assert PUBLISHED in _answer(client, token).content.decode()
    assert PUBLISHED in mail.outbox[0].body


# Far-future deadlines ---------------------------------------------------------------------


@pytest.mark.parametrize("deadline", ["9999-12-31T23:59", "2999-01-01T10:00"])
def test_a_deadline_more_than_a_year_ahead_is_refused_by_the_form(client, deadline):
    company = CompanyFactory()
    client.force_login(StaffFactory())
    response = client.post(
        reverse("companies:request-create", args=[company.slug]), _form(deadline=deadline)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "no more than a year ahead" in html
    assert "Workers at two supplier farms" in html
    assert not ResponseRequest.objects.exists() and not mail.outbox


def test_the_services_refuse_a_deadline_more_than_a_year_ahead():
    staff = StaffFactory()
    far = datetime.datetime(9999, 12, 31, 23, 59, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError):
        services.response_request_create(
            company=CompanyFactory(),
            actor=staff,
            subject="critique",
            title="t",
            text="x",
            deadline=far,
            contact_name="Pat",
            contact_email="pat@example.com",
        )
    response_request, _token = _send(staff=staff)
    ResponseRequest.objects.filter(pk=response_request.pk).update(deadline=far)
    response_request.refresh_from_db()
    with pytest.raises(ValidationError):
        services.response_request_send(response_request=response_request, actor=staff)


def test_a_deadline_within_the_year_is_accepted(client):
    company = CompanyFactory()
    client.force_login(StaffFactory())
    deadline = timezone.localtime(timezone.now() + timedelta(days=360))
    with _commit():
        response = client.post(
            reverse("companies:request-create", args=[company.slug]),
            _form(deadline=deadline.strftime("%Y-%m-%dT%H:%M")),
        )
    assert response.status_code == 302 and ResponseRequest.objects.count() == 1


# Taking down once -------------------------------------------------------------------------


def test_a_response_is_taken_down_once(client):
    _request, token = _send()
    _answer(client, token, text="Defamatory words.")
    response = CompanyResponse.objects.get()
    client.force_login(StaffFactory())
    url = reverse("companies:response-take-down", args=[response.pk])
    client.post(url, {"reason": "Unlawful content"})
    response.refresh_from_db()
    first = (response.withdrawn_at, response.withdrawn_reason, response.withdrawn_by_id)
    again = client.post(url, {"reason": "Another reason"}, follow=True)
    assert "already taken down" in again.content.decode()
    response.refresh_from_db()
    assert (response.withdrawn_at, response.withdrawn_reason, response.withdrawn_by_id) == first
    with pytest.raises(ValidationError):
        services.response_take_down(response=response, actor=StaffFactory(), reason="Again")


# The deadline's help text -----------------------------------------------------------------


def test_the_deadline_help_names_the_staff_time_zone_and_the_grace(client, settings):
    settings.WSR_COMPANY_RESPONSE_GRACE_DAYS = 9
    staff = StaffFactory()
    Profile.objects.update_or_create(user=staff, defaults={"time_zone": "America/New_York"})
    client.force_login(staff)
    company = CompanyFactory()
    html = client.get(reverse("companies:request-create", args=[company.slug])).content.decode()
    assert "America/New_York" in html
    assert "for 9 more days" in html


# The contact's email footer ---------------------------------------------------------------


def test_the_contact_is_not_told_of_an_account_they_do_not_have(client):
    staff = StaffFactory(email="sender@wsr.test")
    _send(staff=staff)
    contact_html = mail.outbox[-1].alternatives[0][0]
    assert "because of your account" not in contact_html
    assert "no account" in contact_html
    # Staff, who have an account, keep the usual footer.
    _request, token = _send(staff=staff)
    mail.outbox.clear()
    _answer(client, token)
    assert "because of your account" in mail.outbox[0].alternatives[0][0]


# The timeline -----------------------------------------------------------------------------


def test_figures_are_dated_by_their_period_not_the_verification_day(client, site_tree):
    from assistance.models import EnforcementReport

    company = CompanyFactory()
    _agreement(company, joined=2015, years=(2021, 2022))
    EnforcementReport.objects.update(verified_at=_at(2024, 5, 5))  # verified the same day
    response, entries = _entries(client, company)
    figures = sorted((e for e in entries if e.kind == "figures"), key=lambda e: e.date)
    assert [(e.date.year, e.precision) for e in figures] == [(2021, "year"), (2022, "year")]
    html = response.content.decode()
    assert '<time datetime="2022">2022</time>' in html
    assert '<time datetime="2021">2021</time>' in html


def test_figures_of_a_part_year_period_are_dated_by_its_end(client, site_tree):
    from assistance.models import EnforcementReport

    company = CompanyFactory()
    _agreement(company, years=(2021,))
    EnforcementReport.objects.update(
        period_start=datetime.date(2021, 1, 1),
        period_end=datetime.date(2021, 6, 30),
        verified_at=_at(2024, 5, 5),
    )
    _response, entries = _entries(client, company)
    (figures,) = [e for e in entries if e.kind == "figures"]
    assert (figures.date, figures.precision) == (datetime.date(2021, 6, 30), "day")


def test_same_day_entries_are_newest_first(client, site_tree):
    company = CompanyFactory()
    effort = Effort.objects.create(
        name="Fair Wages Now", owner=UserFactory(), countries=["US"], audience="public"
    )
    effort.targets.create(company=company, added_at=_at(2024, 6, 7))
    Effort.history.filter(id=effort.pk).update(history_date=_at(2024, 6, 7))
    effort._history_date = _at(2024, 6, 7)  # won the same day (same time: the step decides)
    effort.status = Effort.Status.WON
    effort.save()
    _response, entries = _entries(client, company)
    titles = [entry.title for entry in entries]
    assert titles.index("“Fair Wages Now” was won") < titles.index(
        "“Fair Wages Now” targets the company"
    )


def test_the_demo_memberships_have_joined_years_and_show_the_agreement(client, site_tree):
    from assistance import demo_initiatives

    demo_initiatives._organizations()
    demo_initiatives._companies()
    demo_initiatives._initiatives()
    memberships = list(InitiativeBuyer.objects.select_related("company"))
    assert memberships
    assert all(1990 < (m.joined_year or 0) <= timezone.now().year for m in memberships)
    walmart = next(m for m in memberships if m.company.name == "Walmart")
    assert walmart.joined_year == 2014
    html = client.get(walmart.company.get_absolute_url()).content.decode()
    assert "Agreement signed" in html and "Signed the Fair Food Program agreement" in html


# The response rates' column ---------------------------------------------------------------


def test_the_responded_column_has_its_own_msgid():
    from pathlib import Path

    from django.conf import settings as django_settings

    table = Path(django_settings.BASE_DIR, "wsr/companies/templates/companies")
    source = (table / "_response_rate_table.html").read_text()
    assert '{% translate "Responded" context "column" %}' in source
    assert '{% translate "Responded" %}' not in source
    with translation.override("es"):
        assert translation.pgettext("column", "Responded") == "Respondidas"
