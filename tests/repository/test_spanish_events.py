"""Spanish events (issue 17): an event and its translation are one event: one list of seats
and one waitlist whichever page people register from; each calendar and feed lists the event
once, in its language."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from repository.models import EventIndexPage, EventPage, Registration
from tests.members.factories import AffiliationFactory
from wsr.site import services as site_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_pair(site_tree):
    spanish = Locale.objects.get(language_code="es")
    index = site_services.page_child_add(
        parent=site_tree["en"], instance=EventIndexPage(title="Events", slug="events")
    )
    starts = timezone.now() + timedelta(days=10)
    event = site_services.page_child_add(
        parent=index,
        instance=EventPage(
            title="Seafood exchange",
            slug="seafood-exchange",
            format="virtual",
            summary="s",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            audience="public",
            capacity=1,
        ),
    )
    site_services.page_translation_ensure(
        page=index, locale=spanish, fields={"title": "Eventos", "slug": "eventos"}
    )
    event_es = site_services.page_translation_ensure(
        page=event,
        locale=spanish,
        fields={"title": "Intercambio de productos del mar", "slug": "intercambio"},
    )
    return event, event_es


def _register(client, event):
    return client.post(f"/es/events/{event.pk}/register/", follow=True)


def test_registering_from_the_spanish_page_takes_a_seat_of_the_one_event(client, event_pair):
    event, event_es = event_pair
    first, second = AffiliationFactory().user, AffiliationFactory().user
    client.force_login(first)
    response = client.post(f"/events/{event.pk}/register/", follow=True)
    assert response.status_code == 200
    client.force_login(second)

    response = _register(client, event_es)

    assert response.redirect_chain[-1][0] == "/es/eventos/intercambio/"
    assert Registration.objects.get(user=first).status == "registered"
    assert Registration.objects.get(user=second).status == "waitlisted"  # one seat, not two
    assert {r.event_id for r in Registration.objects.all()} == {event.pk}
    page = client.get(event_es.url).content.decode()
    assert "waitlist" in page.lower() or "espera" in page.lower()


def test_cancelling_from_the_spanish_page_frees_the_seat(client, event_pair):
    event, event_es = event_pair
    person = AffiliationFactory().user
    client.force_login(person)
    _register(client, event_es)
    response = client.post(f"/es/events/{event_es.pk}/cancel/", follow=True)
    assert response.status_code == 200
    assert Registration.objects.get(user=person).status == "cancelled"


def test_each_calendar_feed_lists_the_event_once_in_its_language(client, event_pair):
    english = client.get("/feeds/events.ics").content.decode()
    spanish = client.get("/es/feeds/events.ics").content.decode()
    assert english.count("BEGIN:VEVENT") == 1 and "Seafood exchange" in english
    assert spanish.count("BEGIN:VEVENT") == 1 and "Intercambio de productos del mar" in spanish


def test_a_spanish_reader_is_written_about_the_spanish_event(event_pair, on_commit):
    from django.core import mail

    from repository import services

    event, event_es = event_pair
    reader = AffiliationFactory().user
    reader.profile.preferred_language = "es"
    reader.profile.save()
    with on_commit():
        services.event_register(event=event, user=reader)  # from the English page
    email = mail.outbox[-1]
    assert "Intercambio de productos del mar" in email.subject + email.body
    assert "Seafood exchange" not in email.subject + email.body
    assert "/es/eventos/intercambio/" in email.body


def test_the_switcher_keeps_a_listings_filters_and_hides_what_the_reader_may_not_see(
    client, event_pair
):
    event, event_es = event_pair
    index = event.get_parent()
    response = client.get("/i18n/switch/es/?next=/events/%3Fq%3Dseafood%26page%3D2")
    assert response["Location"] == "/es/eventos/?q=seafood&page=2"
    starts = timezone.now() + timedelta(days=3)
    private = site_services.page_child_add(
        parent=index,
        instance=EventPage(
            title="Members' strategy call",
            slug="strategy-call",
            format="virtual",
            summary="s",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            audience="members",
        ),
    )
    unknown = client.get("/i18n/switch/es/?next=/events/no-such-event/")["Location"]
    hidden = client.get(f"/i18n/switch/es/?next={private.url}")["Location"]
    assert hidden == unknown  # an anonymous reader learns nothing of a members' event
    client.force_login(AffiliationFactory().user)
    assert client.get(f"/i18n/switch/es/?next={private.url}")["Location"] == "/es/eventos/"
