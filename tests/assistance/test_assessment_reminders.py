"""Reminders of the reply deadline (issue 19): 7 days and 1 day before it, once each, to the
people of the initiative's lead organizations in their language; none once they replied."""

from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail

from assistance import services
from assistance.models import ReplyReminder
from assistance.tasks import send_reply_reminders
from tests.assistance.registry import assessment_at, cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return cast()


def _noon(day):
    return datetime.combine(day, time(12), tzinfo=UTC)


def _reminded(people) -> list:
    return [m for m in mail.outbox if people["lead"].email in m.to]


def test_reminders_fire_once_at_seven_days_and_at_one_day(people, on_commit):
    assessment = assessment_at("reply", people, evidence=False)
    due = assessment.reply_due
    mail.outbox.clear()
    sent = []
    for days_left in (8, 7, 7, 6, 2, 1, 1, 0):
        with time_machine.travel(_noon(due - timedelta(days=days_left)), tick=False):
            with on_commit():
                sent.append(send_reply_reminders())
    assert sent == [0, 1, 0, 0, 0, 1, 0, 0]
    assert sorted(ReplyReminder.objects.values_list("days_before", flat=True)) == [1, 7]
    emails = _reminded(people)
    assert len(emails) == 2
    assert "7 days left to respond" in emails[0].subject
    assert "One day left to respond" in emails[1].subject
    assert assessment.get_absolute_url() in emails[0].body


def test_a_missed_day_is_caught_up_but_the_week_reminder_never_comes_late(people, on_commit):
    assessment = assessment_at("reply", people, evidence=False)
    due = assessment.reply_due
    with on_commit():
        assert services.reply_reminders_send(today=due - timedelta(days=5)) == 1
    assert ReplyReminder.objects.get().days_before == 7
    # The beat was down until the last day: only the one-day reminder is still useful.
    ReplyReminder.objects.all().delete()
    with on_commit():
        assert services.reply_reminders_send(today=due - timedelta(days=1)) == 1
    assert ReplyReminder.objects.get().days_before == 1


def test_no_reminder_once_they_replied(people, on_commit):
    assessment = assessment_at("reply", people, evidence=False)
    services.reply_submit(assessment=assessment, actor=people["lead"], text="Our reply.")
    mail.outbox.clear()
    with on_commit():
        for days_left in (7, 1):
            assert (
                services.reply_reminders_send(today=assessment.reply_due - timedelta(days_left))
                == 0
            )
    assert not _reminded(people)
    assert not ReplyReminder.objects.exists()


def test_no_week_reminder_when_the_reply_opened_within_the_week(people, settings, on_commit):
    settings.ASSESSMENT_REPLY_DAYS = 5
    assessment = assessment_at("reply", people, evidence=False)
    due = assessment.reply_due
    assert services.reply_reminders_send(today=due - timedelta(days=5)) == 0
    assert services.reply_reminders_send(today=due - timedelta(days=1)) == 1


def test_a_new_deadline_is_reminded_again(people):
    assessment = assessment_at("reply", people, evidence=False)
    assert services.reply_reminders_send(today=assessment.reply_due - timedelta(days=7)) == 1
    assessment.reply_due += timedelta(days=10)
    assessment.save(update_fields=["reply_due"])
    assert services.reply_reminders_send(today=assessment.reply_due - timedelta(days=7)) == 1


def test_the_reminder_reads_in_the_recipients_language(people, on_commit):
    profile = people["lead"].profile
    profile.preferred_language = "es"
    profile.save()
    assessment = assessment_at("reply", people, evidence=False)
    mail.outbox.clear()
    with on_commit():
        services.reply_reminders_send(today=assessment.reply_due - timedelta(days=7))
    (email,) = _reminded(people)
    assert "Lea el borrador y responda:" in email.body


def test_reminders_show_in_the_assessors_trail(client, people):
    assessment = assessment_at("reply", people, evidence=False)
    services.reply_reminders_send(today=assessment.reply_due - timedelta(days=7))
    client.force_login(people["expert"])
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "Reminder of the reply deadline" in page
    assert "7 days before the deadline" in page


def test_the_reminders_run_daily_from_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["assistance-reply-reminders"]
    assert entry["task"] == "assistance.tasks.send_reply_reminders"
