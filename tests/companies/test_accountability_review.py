"""Code-review fixes of issue 20's company accountability: the admin neither adds nor deletes
requests, an answered request is not withdrawn, requests, responses and events keep their
history, one Markdown renderer, the sender is told in their language, withdrawn requests say
so, the company list searches as the site search does."""

import datetime

import pytest
from django.urls import reverse

from coordination.services import groups
from notifications.models import OutgoingEmail
from tests.members.factories import StaffFactory
from wsr.companies import response_services as services
from wsr.companies.models import CompanyEvent, CompanyResponse, ResponseRequest
from wsr.members.models import Profile
from wsr.site import markdown

from .factories import CompanyFactory
from .test_response_requests import _answer, _send

pytestmark = pytest.mark.django_db

ADMIN = "/cms/wsr_response_requests/"


# 1. The admin edits requests, and neither adds nor deletes them ------------------------------


def test_the_admin_refuses_to_add_a_request(client):
    client.force_login(StaffFactory())
    assert client.get(f"{ADMIN}new/").status_code in (302, 403)
    assert ADMIN + "new/" not in client.get(ADMIN).content.decode()


def test_the_admin_refuses_to_delete_a_request_and_its_response(client):
    response_request, token = _send()
    _answer(client, token)
    client.force_login(StaffFactory())
    url = f"{ADMIN}delete/{response_request.pk}/"
    assert client.get(url).status_code in (302, 403)
    assert client.post(url).status_code in (302, 403)
    assert ResponseRequest.objects.filter(pk=response_request.pk).exists()
    assert CompanyResponse.objects.filter(request=response_request).exists()


def test_staff_still_edit_a_request_in_the_admin_and_its_history_is_kept(client):
    response_request, _token = _send()
    client.force_login(StaffFactory())
    url = f"{ADMIN}edit/{response_request.pk}/"
    assert client.get(url).status_code == 200
    data = {
        "title": "A corrected title",
        "subject": response_request.subject,
        "text": response_request.text,
        "source_title": "",
        "source_url": "",
        "contact_name": response_request.contact_name,
        "contact_email": response_request.contact_email,
        "is_published": "on",
    }
    assert client.post(url, data).status_code == 302
    response_request.refresh_from_db()
    assert response_request.title == "A corrected title"
    titles = list(response_request.history.order_by("history_id").values_list("title", flat=True))
    assert titles[0] == "Our critique of the supplier code" and titles[-1] == "A corrected title"


# 2. An answered request is not withdrawn; a withdrawn one gets no new link -------------------


def test_an_answered_request_is_not_withdrawn(client):
    response_request, token = _send()
    _answer(client, token)
    client.force_login(StaffFactory())
    page = client.get(response_request.company.get_absolute_url()).content.decode()
    assert reverse("companies:request-withdraw", args=[response_request.pk]) not in page
    client.post(reverse("companies:request-withdraw", args=[response_request.pk]))
    response_request.refresh_from_db()
    assert response_request.status == ResponseRequest.Status.RESPONDED
    client.logout()
    html = client.get(response_request.company.get_absolute_url()).content.decode()
    assert "We audit every farm." in html
    with pytest.raises(services.ValidationError):
        services.response_request_withdraw(response_request=response_request, actor=StaffFactory())


def test_a_sent_request_shows_the_withdraw_button_to_staff(client):
    response_request, _token = _send()
    client.force_login(StaffFactory())
    page = client.get(response_request.company.get_absolute_url()).content.decode()
    assert reverse("companies:request-withdraw", args=[response_request.pk]) in page


def test_a_withdrawn_request_gets_no_new_link_and_says_withdrawn(client, mailoutbox):
    response_request, _token = _send()
    client.force_login(StaffFactory())
    client.post(reverse("companies:request-withdraw", args=[response_request.pk]))
    response_request.refresh_from_db()
    token_hash = response_request.token_hash
    mailoutbox.clear()
    client.post(reverse("companies:request-new-link", args=[response_request.pk]))
    response_request.refresh_from_db()
    assert response_request.status == ResponseRequest.Status.WITHDRAWN
    assert response_request.token_hash == token_hash and not mailoutbox
    html = client.get(response_request.company.get_absolute_url()).content.decode()
    assert "Withdrawn by the Collaborative" in html
    assert "Waiting for a response" not in html


def test_a_take_down_without_a_reason_is_400_and_changes_nothing(client):
    response_request, token = _send()
    _answer(client, token)
    response = CompanyResponse.objects.get()
    client.force_login(StaffFactory())
    url = reverse("companies:response-take-down", args=[response.pk])
    for reason in ["", "   "]:
        answer = client.post(url, {"reason": reason})
        assert answer.status_code == 400
        assert 'name="reason"' in answer.content.decode()
    response.refresh_from_db()
    assert response.withdrawn_at is None and response.withdrawn_reason == ""


# 3. Histories --------------------------------------------------------------------------------


def test_responses_and_events_keep_their_history_without_the_contact(client):
    response_request, token = _send()
    _answer(client, token)
    response = CompanyResponse.objects.get()
    services.response_take_down(response=response, actor=StaffFactory(), reason="Unlawful")
    assert response.history.count() == 2
    assert response.history.first().withdrawn_reason == "Unlawful"
    event = CompanyEvent.objects.create(
        company=response_request.company, date=datetime.date(2024, 1, 1), title="News"
    )
    assert event.history.count() == 1
    record = response_request.history.first()
    assert not hasattr(record, "contact_email") and not hasattr(record, "token_hash")


# 4. One Markdown renderer --------------------------------------------------------------------


def test_one_markdown_renderer_for_coordination_and_companies(client):
    assert groups.render_markdown is markdown.render_markdown
    assert markdown.render_markdown("<img src=x onerror=1>**a**") == "<p><strong>a</strong></p>"
    response_request, _token = _send(text="A [link](https://example.org) <script>x</script>")
    html = client.get(response_request.company.get_absolute_url()).content.decode()
    assert '<a href="https://example.org" rel="noopener nofollow">link</a>' in html
    assert "<script>x" not in html


# 5. The sender is told in their language -----------------------------------------------------


def test_the_sender_is_told_of_the_response_in_their_language():
    staff = StaffFactory(email="sender@wsr.test")
    Profile.objects.update_or_create(user=staff, defaults={"preferred_language": "es"})
    response_request, _token = _send(staff=staff)
    services.response_submit(
        response_request=response_request,
        responder_name="Pat",
        responder_role="",
        text="We audit.",
    )
    email = OutgoingEmail.objects.get(template="companies/email/response_received")
    assert email.language == "es"


# 6. No draft state ---------------------------------------------------------------------------


def test_a_request_has_no_draft_state():
    assert "draft" not in ResponseRequest.Status.values
    response_request, _token = _send()
    assert response_request.status == ResponseRequest.Status.SENT and response_request.sent_at


# 7. The company list searches as the site search does ----------------------------------------


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("acucar", True),
        ("Açúcar", True),
        ("pao acucar", True),
        ('"pao de acucar"', True),
        ('"acucar pao"', False),
        ("pao walmart", False),
    ],
)
def test_the_company_list_ignores_accents_and_matches_every_word(client, query, found):
    CompanyFactory(name="Pão de Açúcar", brands="")
    CompanyFactory(name="Walmart", brands="")
    response = client.get(reverse("companies:company-list"), {"q": query})
    names = [company.name for company in response.context["page_obj"]]
    assert names == (["Pão de Açúcar"] if found else [])
