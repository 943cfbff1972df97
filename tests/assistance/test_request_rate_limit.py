"""Issue 16, item 7: public forms count accepted submissions (per address and per email),
never refused ones, and a limited person is told how to reach staff another way."""

import pytest
from django.conf import settings as django_settings

from assistance.models import Case
from promotion.models import SpeakerRequest, Subscriber

from .test_request_submit import _form

pytestmark = pytest.mark.django_db


def _limit(settings, action, rate):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, action: rate}


def test_refused_requests_do_not_count_toward_the_limit(client, settings):
    _limit(settings, "assistance_request", "2/h/ip,2/h/key")
    for _n in range(5):
        response = client.post("/assistance/request/", _form(description=""))
        assert response.status_code == 200  # the form with its errors, not 429
    response = client.post("/assistance/request/", _form(urgency="urgent"))
    assert response.status_code == 302
    assert Case.objects.get().urgency == "urgent"


def test_accepted_requests_from_one_address_are_limited_and_told_whom_to_write(client, settings):
    _limit(settings, "assistance_request", "2/h/ip,5/h/key")
    settings.WSR_CONTACT_EMAIL = "desk@wsr.example"
    for n in range(2):
        client.post("/assistance/request/", _form(contact_email=f"r{n}@example.org"))
    response = client.post("/assistance/request/", _form(description="Keep this text"))
    page = response.content.decode()
    assert response.status_code == 429
    assert "desk@wsr.example" in page and "Keep this text" in page
    assert Case.objects.count() == 2


def test_one_email_is_limited_apart_from_the_office_it_writes_from(client, settings):
    _limit(settings, "assistance_request", "30/h/ip,1/h/key")
    assert client.post("/assistance/request/", _form()).status_code == 302
    assert (
        client.post("/assistance/request/", _form(contact_email="ROSA@example.org")).status_code
        == 429
    )
    assert (
        client.post("/assistance/request/", _form(contact_email="ana@example.org")).status_code
        == 302
    )
    assert Case.objects.count() == 2


def test_the_default_limits_leave_room_for_a_shared_office():
    rates = django_settings.ACCOUNT_RATE_LIMITS["assistance_request"]
    assert "30/h/ip" in rates and "5/h/key" in rates


def _speaker(**overrides):
    data = {
        "organization": "Farmworker Alliance",
        "contact_name": "Rosa",
        "email": "rosa@example.org",
        "event": "Harvest Forum",
        "event_date": "2027-03-01",
        "audience": "Growers and buyers",
        "topic": "Binding agreements",
    }
    data.update(overrides)
    return data


def test_refused_speaker_requests_do_not_count_toward_the_limit(client, settings):
    _limit(settings, "speaker_request", "1/h/ip,1/h/key")
    for _n in range(3):
        assert client.post("/talks/request/", _speaker(topic="")).status_code == 400
    assert client.post("/talks/request/", _speaker()).status_code == 302
    response = client.post("/talks/request/", _speaker(email="ana@example.org"))
    assert response.status_code == 429
    assert SpeakerRequest.objects.count() == 1


def test_refused_newsletter_signups_do_not_count_toward_the_limit(client, settings):
    _limit(settings, "newsletter_signup", "1/h/ip,1/h/key")
    for _n in range(3):
        assert client.post("/newsletter/", {"email": "not an address"}).status_code == 400
    assert client.post("/newsletter/", {"email": "reader@example.org"}).status_code == 200
    assert client.post("/newsletter/", {"email": "other@example.org"}).status_code == 429
    assert Subscriber.objects.count() == 1
