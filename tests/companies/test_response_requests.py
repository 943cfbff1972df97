"""Requests for response (issue 20): staff send a company a link that needs no account; the
link shows only its request, accepts one response and then says "received"; the company page
publishes the response, or the non-response after the deadline, with dates; a public page
gives response rates by sector and country."""

import hashlib
import logging
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification, OutgoingEmail, PendingTask
from notifications.services import outbox
from tests.members.factories import StaffFactory, UserFactory, member
from wsr.companies import response_services as services
from wsr.companies.models import CompanyResponse, ResponseRequest
from wsr.members.models import Sector

from .factories import CompanyFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"/companies/respond/([A-Za-z0-9_-]+)/")


def _form(**overrides):
    deadline = timezone.localtime(timezone.now() + timedelta(days=14))
    data = {
        "subject": "allegation",
        "title": "Wage theft at supplier farms",
        "text": "Workers at two supplier farms report **unpaid overtime**.",
        "source_title": "Field report",
        "source_url": "https://example.org/report",
        "contact_name": "Pat Compliance",
        "contact_email": "compliance@grocer.example.com",
        "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
        "is_published": "on",
    }
    return {**data, **overrides}


def _send(company=None, *, staff=None, **overrides):
    """A request sent by staff through the service; returns it and the link's token."""
    company = company or CompanyFactory(name="Big Grocer")
    staff = staff or StaffFactory()
    fields = {
        "subject": "critique",
        "title": "Our critique of the supplier code",
        "text": "Your code has no enforcement.",
        "deadline": timezone.now() + timedelta(days=10),
        "contact_name": "Pat Compliance",
        "contact_email": "compliance@grocer.example.com",
        **overrides,
    }
    mail.outbox.clear()
    with _commit():
        response_request = services.response_request_create(company=company, actor=staff, **fields)
    token = LINK.search(mail.outbox[-1].body).group(1)
    return response_request, token


def _commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def _answer(client, token, **overrides):
    data = {
        "responder_name": "Pat Compliance",
        "responder_role": "Head of sourcing",
        "text": "We audit every farm.",
        **overrides,
    }
    with _commit():
        return client.post(reverse("companies:request-respond", args=[token]), data)


def _past_deadline(response_request, days=1):
    ResponseRequest.objects.filter(pk=response_request.pk).update(
        deadline=timezone.now() - timedelta(days=days),
        sent_at=timezone.now() - timedelta(days=days + 14),
    )


@pytest.fixture
def everything_logged():
    """Every record of every logger at DEBUG, collected by our own handler (CI runs pytest
    without its logging plugin, so there is no caplog)."""
    from tests.notifications.test_secrets_stay_out_of_logs import Collect

    handler, root = Collect(), logging.getLogger()
    level = root.level
    root.setLevel(logging.DEBUG)
    root.handlers.insert(0, handler)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)


# Sending ------------------------------------------------------------------------------------


def test_staff_send_a_request_and_the_email_carries_the_link_but_nothing_stores_the_token(
    client, monkeypatch, everything_logged
):
    company = CompanyFactory(name="Big Grocer")
    task_arguments = []
    real_dispatch = outbox.dispatch_on_commit

    def recording_dispatch(task, **kwargs):
        task_arguments.append(kwargs)
        return real_dispatch(task, **kwargs)

    monkeypatch.setattr(outbox, "dispatch_on_commit", recording_dispatch)
    client.force_login(StaffFactory())
    with _commit():
        response = client.post(reverse("companies:request-create", args=[company.slug]), _form())
    assert response.status_code == 302 and response["Location"] == company.get_absolute_url()

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["compliance@grocer.example.com"]
    assert "Wage theft at supplier farms" in email.subject
    token = LINK.search(email.body).group(1)
    assert f"http://testserver/companies/respond/{token}/" in email.body
    assert f"/companies/respond/{token}/" in email.alternatives[0][0]

    response_request = ResponseRequest.objects.get()
    assert response_request.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert response_request.status == "sent" and response_request.sent_at is not None
    assert response_request.token_expires_at == response_request.deadline + timedelta(days=14)
    for row in ResponseRequest.objects.values():
        assert token not in str(row)
    assert task_arguments and token not in str(task_arguments)
    assert all(set(kwargs) == {"email_id"} for kwargs in task_arguments)
    logged = " ".join(record.getMessage() for record in everything_logged.records)
    assert everything_logged.records and token not in logged
    assert token not in str(list(Notification.objects.values()))
    assert token not in str(list(PendingTask.objects.values()))
    assert not OutgoingEmail.objects.exists()  # the row that held the link is gone once sent


@pytest.mark.parametrize("viewer", ["anonymous", "account", "member"])
def test_only_staff_ask_a_company_to_respond(client, viewer):
    company = CompanyFactory()
    url = reverse("companies:request-create", args=[company.slug])
    if viewer == "anonymous":
        assert client.get(url).status_code == 302
        return
    client.force_login(UserFactory() if viewer == "account" else member())
    assert client.get(url).status_code == 403
    assert client.post(url, _form()).status_code == 403
    assert not ResponseRequest.objects.exists()
    assert (
        "Ask this company to respond" not in client.get(company.get_absolute_url()).content.decode()
    )


def test_a_request_with_bad_input_is_400_with_the_text_kept(client):
    company = CompanyFactory()
    client.force_login(StaffFactory())
    response = client.post(
        reverse("companies:request-create", args=[company.slug]),
        _form(contact_email="not an email", deadline="2001-01-01T10:00"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Workers at two supplier farms" in html
    assert "The deadline must be in the future." in html
    assert not ResponseRequest.objects.exists() and not mail.outbox


# The link -----------------------------------------------------------------------------------


def test_the_link_shows_only_its_request_and_a_form(client):
    company = CompanyFactory(name="Big Grocer")
    _send(company, title="Other request", text="Something else entirely.")
    response_request, token = _send(company, text="Your code has **no enforcement**.")
    CompanyFactory(name="Another Company")
    response = client.get(reverse("companies:request-respond", args=[token]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Big Grocer" in html and "Our critique of the supplier code" in html
    assert "<strong>no enforcement</strong>" in html
    assert "Something else entirely" not in html and "Other request" not in html
    assert "Another Company" not in html
    assert "compliance@grocer.example.com" not in html
    assert 'name="responder_name"' in html and "csrfmiddlewaretoken" in html
    assert 'content="noindex, nofollow"' in html


def test_a_wrong_token_is_not_found(client):
    _send()
    for token in ["x" * 43, "wrong"]:
        assert client.get(reverse("companies:request-respond", args=[token])).status_code == 404
    assert services.response_request_for_token("") is None


def test_the_link_accepts_one_response_then_says_received(client):
    response_request, token = _send()
    response = _answer(client, token)
    assert response.status_code == 200
    assert "Your response was received" in response.content.decode()
    assert CompanyResponse.objects.count() == 1
    response_request.refresh_from_db()
    assert response_request.status == "responded" and response_request.token_used_at

    again = client.get(reverse("companies:request-respond", args=[token]))
    assert again.status_code == 410
    html = again.content.decode()
    assert "A response was received through this link" in html
    assert "Your code has no enforcement" not in html and "We audit every farm" not in html
    assert _answer(client, token, text="A second try").status_code == 410
    assert CompanyResponse.objects.count() == 1


def test_staff_issue_a_new_link_and_the_new_response_replaces_the_published_one(client):
    response_request, token = _send()
    _answer(client, token, text="First answer.")
    staff = StaffFactory()
    client.force_login(staff)
    mail.outbox.clear()
    with _commit():
        response = client.post(reverse("companies:request-new-link", args=[response_request.pk]))
    assert response.status_code == 302
    new_token = LINK.search(mail.outbox[0].body).group(1)
    assert new_token != token
    client.logout()
    assert client.get(reverse("companies:request-respond", args=[token])).status_code == 404
    assert _answer(client, new_token, text="Corrected answer.").status_code == 200
    published = CompanyResponse.objects.published()
    assert [r.text for r in published] == ["Corrected answer."]
    assert CompanyResponse.objects.count() == 2


def test_an_expired_link_is_refused(client):
    response_request, token = _send()
    ResponseRequest.objects.filter(pk=response_request.pk).update(
        token_expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(reverse("companies:request-respond", args=[token]))
    assert response.status_code == 410 and "This link has expired" in response.content.decode()
    assert _answer(client, token).status_code == 410
    assert not CompanyResponse.objects.exists()


def test_a_withdrawn_request_closes_its_link_and_leaves_the_company_page(client):
    response_request, token = _send()
    client.force_login(StaffFactory())
    client.post(reverse("companies:request-withdraw", args=[response_request.pk]))
    client.logout()
    closed = client.get(reverse("companies:request-respond", args=[token]))
    assert closed.status_code == 410
    assert "This request is no longer open." in closed.content.decode()
    assert "Your code has no enforcement" not in closed.content.decode()
    assert _answer(client, token).status_code == 410
    assert not CompanyResponse.objects.exists()
    html = client.get(response_request.company.get_absolute_url()).content.decode()
    assert "Our critique of the supplier code" not in html


def test_a_response_with_bad_input_is_400_with_the_text_kept(client):
    _request, token = _send()
    response = _answer(client, token, responder_name="", text="Kept text")
    assert response.status_code == 400
    assert "Kept text" in response.content.decode()
    assert not CompanyResponse.objects.exists()


def test_responses_are_rate_limited_per_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "company_response": "2/h/ip"}
    _request, token = _send()
    url = reverse("companies:request-respond", args=["wrong-token"])
    assert client.post(url, {}).status_code == 404
    assert client.post(url, {}).status_code == 404
    assert client.post(url, {}).status_code == 429
    assert _answer(client, token).status_code == 429
    assert not CompanyResponse.objects.exists()


# The company page ---------------------------------------------------------------------------


def test_a_published_response_is_on_the_company_page_with_its_dates(client):
    response_request, token = _send()
    _answer(client, token, text="We audit *every* farm.")
    client.logout()
    html = client.get(response_request.company.get_absolute_url()).content.decode()
    assert "Requests for response" in html
    assert "Our critique of the supplier code" in html
    assert "Asked on" in html and "Deadline" in html
    assert "Responded on" in html
    assert "We audit <em>every</em> farm." in html
    assert "Pat Compliance (Head of sourcing)" in html
    assert "compliance@grocer.example.com" not in html
    assert "Company response" in html  # the timeline entry


def test_a_request_past_its_deadline_without_a_response_says_so(client):
    response_request, _token = _send()
    html = client.get(response_request.company.get_absolute_url()).content.decode()
    assert "Waiting for a response" in html and "Did not respond by" not in html
    _past_deadline(response_request)
    html = client.get(response_request.company.get_absolute_url()).content.decode()
    assert "Did not respond by" in html
    assert "No response" in html  # the timeline entry


def test_html_in_a_response_is_escaped_or_removed(client):
    response_request, token = _send()
    _answer(
        client,
        token,
        responder_name="<b>Pat</b>",
        text="<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))",
    )
    html = client.get(response_request.company.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "onerror" not in html
    assert "javascript:" not in html
    assert "&lt;b&gt;Pat&lt;/b&gt;" in html


def test_staff_take_a_response_down_leaving_a_dated_note(client):
    response_request, token = _send()
    _answer(client, token, text="Defamatory words.")
    response = CompanyResponse.objects.get()
    client.force_login(member())
    assert (
        client.post(
            reverse("companies:response-take-down", args=[response.pk]), {"reason": "x"}
        ).status_code
        == 403
    )
    client.force_login(StaffFactory())
    client.post(
        reverse("companies:response-take-down", args=[response.pk]),
        {"reason": "Unlawful content"},
    )
    client.logout()
    html = client.get(response_request.company.get_absolute_url()).content.decode()
    assert "Defamatory words." not in html
    assert "was taken down by the Collaborative on" in html and "Unlawful content" in html


def test_an_unpublished_request_is_for_staff_only(client):
    response_request, _token = _send(is_published=False)
    client.force_login(member())
    html = client.get(response_request.company.get_absolute_url()).content.decode()
    assert "Our critique of the supplier code" not in html
    client.force_login(StaffFactory())
    html = client.get(response_request.company.get_absolute_url()).content.decode()
    assert "Our critique of the supplier code" in html and "not published" in html


# Response rates -----------------------------------------------------------------------------


def _rates_world(companies_per_group: int):
    """Agriculture (US): per company one answered, one past its deadline unanswered, one still
    open (not counted). Apparel (BD): per company one past its deadline."""
    agriculture = Sector.objects.get(slug="agriculture")
    apparel = Sector.objects.get(slug="apparel")
    staff = StaffFactory()
    for n in range(companies_per_group):
        farm = CompanyFactory(
            name=f"Farm buyer {n}", headquarters_country="US", sectors=[agriculture]
        )
        answered, token = _send(farm, staff=staff)
        services.response_submit(
            response_request=answered, responder_name="A", responder_role="", text="Yes"
        )
        silent, _t = _send(farm, staff=staff)
        _past_deadline(silent)
        _send(farm, staff=staff)  # still open: not counted
        garment = CompanyFactory(
            name=f"Garment brand {n}", headquarters_country="BD", sectors=[apparel]
        )
        _past_deadline(_send(garment, staff=staff)[0])
    withdrawn, _t = _send(CompanyFactory(headquarters_country="US"), staff=staff)
    _past_deadline(withdrawn)
    services.response_request_withdraw(response_request=withdrawn, actor=staff)


@pytest.mark.parametrize("size", [1, 4])
def test_response_rates_by_sector_and_country_in_a_constant_number_of_queries(
    client, django_assert_num_queries, size
):
    _rates_world(size)
    url = reverse("companies:response-rates")
    client.get(url)  # warm the process caches
    with django_assert_num_queries(4):  # sectors, by sector, by country, total
        response = client.get(url)
    assert response.status_code == 200
    by_sector = {r.label: (r.sent, r.responded, r.rate) for r in response.context["by_sector"]}
    assert by_sector == {
        "Agriculture": (2 * size, size, 50),
        "Apparel and textiles": (size, 0, 0),
    }
    by_country = {r.label: (r.sent, r.responded, r.rate) for r in response.context["by_country"]}
    assert by_country == {
        "United States of America": (2 * size, size, 50),
        "Bangladesh": (size, 0, 0),
    }
    total = response.context["total"]
    assert (total.sent, total.responded, total.rate) == (3 * size, size, 33)
    html = response.content.decode()
    assert "Agriculture" in html and "50%" in html


def test_the_company_list_links_the_response_rates(client):
    html = client.get(reverse("companies:company-list")).content.decode()
    assert reverse("companies:response-rates") in html


# Personal data ------------------------------------------------------------------------------


def test_contacts_are_forgotten_after_the_retention(settings):
    settings.WSR_COMPANY_RESPONSE_CONTACT_RETENTION_DAYS = 30
    old, _t = _send()
    recent, _t = _send()
    ResponseRequest.objects.filter(pk=old.pk).update(
        token_expires_at=timezone.now() - timedelta(days=31)
    )
    assert services.response_contacts_forget() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.contact_name, old.contact_email) == ("", "")
    assert old.contact_forgotten_at is not None
    assert recent.contact_email == "compliance@grocer.example.com"


def test_the_staff_who_sent_a_request_see_it_in_their_data_and_deletion_keeps_it():
    from wsr.members.selectors import user_export
    from wsr.members.services import user_delete

    staff = StaffFactory()
    response_request, _token = _send(staff=staff)
    data = user_export(user=staff)
    assert data["company_requests_sent"][0]["title"] == "Our critique of the supplier code"
    user_delete(user=staff)
    response_request.refresh_from_db()
    assert response_request.sent_by is None


def test_the_demo_has_an_answered_request_and_one_past_its_deadline(client):
    from wsr.companies.demo import DEMO_COMPANY, response_requests_seed

    assert response_requests_seed(staff=StaffFactory()) == 2
    assert response_requests_seed(staff=StaffFactory()) == 0  # once
    html = client.get(ResponseRequest.objects.first().company.get_absolute_url()).content.decode()
    assert DEMO_COMPANY in html and "Demo data." in html
    assert "Responded on" in html and "Did not respond by" in html


def _page_queries(client, url) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm
    with CaptureQueriesContext(connection) as context:
        html = client.get(url).content.decode()
    return len(context.captured_queries), html


def test_the_company_page_shows_requests_in_a_constant_number_of_queries(client):
    """1 request and 5 requests (answered) cost the same queries (the rest of the page is
    pinned in test_query_counts.py)."""
    company = CompanyFactory()
    _response_request, token = _send(company, title="Request 0")
    _answer(client, token)
    one, html = _page_queries(client, company.get_absolute_url())
    assert html.count("Responded on") == 1
    for n in range(1, 5):
        _response_request, token = _send(company, title=f"Request {n}")
        _answer(client, token)
    many, html = _page_queries(client, company.get_absolute_url())
    assert html.count("Responded on") == 5
    assert many == one


def test_the_staff_who_sent_a_request_are_told_when_the_company_responds(client):
    staff = StaffFactory(email="sender@wsr.test")
    response_request, token = _send(staff=staff)
    mail.outbox.clear()
    _answer(client, token)
    assert [email.to for email in mail.outbox] == [["sender@wsr.test"]]
    assert response_request.get_absolute_url() in mail.outbox[0].body


def test_staff_correct_a_request_or_clear_its_contact_in_the_admin(client):
    response_request, _token = _send()
    client.force_login(StaffFactory())
    listing = client.get("/cms/wsr_response_requests/")
    assert listing.status_code == 200
    assert "Our critique of the supplier code" in listing.content.decode()
    edit = client.get(f"/cms/wsr_response_requests/edit/{response_request.pk}/")
    assert edit.status_code == 200 and 'name="contact_email"' in edit.content.decode()
    client.force_login(member())
    assert client.get("/cms/wsr_response_requests/").status_code in (302, 403)
