"""Delivery you can trust: retries with backoff, permanent failures stop further sends,
immediate notifications re-check the audience, and concurrent runs send once."""

import threading

import pytest
from django.core import mail
from django.db import connection

from coordination.models import Effort
from notifications import services
from notifications.models import Delivery, Notification, Suppression
from notifications.services.delivery import backoff_seconds, classify
from tests.coordination.builders import effort, people
from tests.members.factories import StaffFactory, UserFactory, member
from tests.notifications.backends import FlakyBackend, RefusingBackend
from tests.notifications.conftest import notify_about, utc

WINDOW = {"window_start": utc(2026, 11, 25, 7), "window_end": utc(2026, 11, 26, 7)}


def mention(person, target, on_commit):
    with on_commit():
        return notify_about(person, target, kind="group_mention")


@pytest.mark.django_db
def test_an_immediate_notification_is_emailed_once_with_its_unsubscribe_headers(on_commit):
    p = people()
    target = effort("members", None, p["owner"])
    notification = mention(p["member"], target, on_commit)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [p["member"].email]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Stop these emails" in message.body
    # A repeated task finds the delivery done.
    assert services.notification_deliver(notification_id=notification.pk) == "skipped"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_immediate_email_is_not_sent_when_the_target_was_hidden_before_sending():
    p = people()
    target = effort("members", None, p["owner"])
    notification = notify_about(p["member"], target)
    Effort.objects.filter(pk=target.pk).update(audience="staff")
    assert services.notification_deliver(notification_id=notification.pk) == "empty"
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_person_who_chose_the_digest_gets_no_immediate_email(on_commit):
    p = people()
    services.preferences_save(user=p["member"], modes={"group_mention": "daily"})
    mention(p["member"], effort("members", None, p["owner"]), on_commit)
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=p["member"]).count() == 1


@pytest.mark.django_db
def test_a_dropped_connection_is_retried_and_then_delivered(settings, on_commit):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    FlakyBackend.calls, FlakyBackend.failures = 0, 1
    p = people()
    mention(p["member"], effort("members", None, p["owner"]), on_commit)
    delivery = Delivery.objects.get(user=p["member"])
    assert delivery.status == Delivery.Status.SENT
    assert delivery.attempts == 2
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_server_that_stays_down_is_given_up_after_the_last_attempt(settings, on_commit):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    FlakyBackend.calls, FlakyBackend.failures = 0, 100
    p = people()
    mention(p["member"], effort("members", None, p["owner"]), on_commit)
    delivery = Delivery.objects.get(user=p["member"])
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == 6
    assert "SMTPServerDisconnected" in delivery.last_error
    # A server outage says nothing about the address: it is not suppressed.
    assert not Suppression.objects.exists()


def test_backoff_grows_and_is_capped():
    assert 60 <= backoff_seconds(1) <= 75
    assert 120 <= backoff_seconds(2) <= 150
    assert backoff_seconds(20) <= 3600 * 1.25


def test_only_a_refused_address_is_a_permanent_failure():
    import smtplib

    assert classify(smtplib.SMTPRecipientsRefused({"a@b": (550, b"no")})) == "permanent"
    assert classify(smtplib.SMTPRecipientsRefused({"a@b": (450, b"busy")})) == "transient"
    assert classify(smtplib.SMTPServerDisconnected()) == "transient"
    assert classify(ConnectionRefusedError()) == "transient"
    assert classify(smtplib.SMTPSenderRefused(550, b"no", "us@x")) == "transient"


@pytest.mark.django_db
def test_a_refused_address_is_suppressed_until_staff_clear_it(settings, client, on_commit):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingBackend"
    p = people()
    gone = member(user__email=RefusingBackend.refused)
    target = effort("members", None, p["owner"])
    mention(gone, target, on_commit)
    failed = Delivery.objects.get(user=gone)
    assert failed.status == Delivery.Status.FAILED
    assert Suppression.objects.filter(email=RefusingBackend.refused).exists()
    # The next email to that address is not attempted at all.
    mention(gone, target, on_commit)
    assert Delivery.objects.filter(user=gone).order_by("pk").last().status == "suppressed"
    # Staff see it and clear it.
    staff = StaffFactory()
    client.force_login(staff)
    page = client.get("/notifications/staff/deliveries/")
    assert RefusingBackend.refused in page.content.decode()
    suppression = Suppression.objects.get()
    client.post(f"/notifications/staff/suppressions/{suppression.pk}/clear/")
    assert not Suppression.objects.exists()


@pytest.mark.django_db
def test_the_deliveries_page_is_for_staff_only(client):
    suppression = Suppression.objects.create(email="gone@example.org", reason="550")
    client.force_login(member())
    assert client.get("/notifications/staff/deliveries/").status_code == 403
    assert (
        client.post(f"/notifications/staff/suppressions/{suppression.pk}/clear/").status_code == 403
    )
    assert client.get("/notifications/staff/previews/digest-daily/").status_code == 403
    client.force_login(UserFactory())
    assert client.get("/notifications/staff/previews/").status_code == 403
    assert Suppression.objects.filter(pk=suppression.pk).exists()
    client.logout()
    response = client.get("/notifications/staff/deliveries/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_same_batch_send_each_digest_once(index):
    from tests.notifications.conftest import publish_at
    from tests.repository.factories import resource

    readers = [member() for _ in range(12)]
    for person in readers:
        services.preferences_save(user=person, modes={"resource_published": "daily"})
    publish_at(resource(index, "Open toolkit"), utc(2026, 11, 25, 20))
    barrier = threading.Barrier(3)
    errors = []

    def worker():
        try:
            barrier.wait()
            services.digest_deliver_batch(
                kind="daily", period="2026-11-26", user_ids=[p.pk for p in readers], **WINDOW
            )
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sent_to = sorted(m.to[0] for m in mail.outbox)
    assert sent_to == sorted(p.email for p in readers)
    assert Delivery.objects.filter(status="sent").count() == 12


@pytest.mark.django_db
def test_the_deliveries_page_names_the_schedules_in_the_readers_language(client):
    client.force_login(StaffFactory(), second_factor=True)
    page = client.get("/es/notifications/staff/deliveries/").content.decode()
    assert '<th scope="row">Resumen diario</th>' in page
    assert '<th scope="row">daily</th>' not in page
