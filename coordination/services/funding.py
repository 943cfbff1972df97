"""Reminders of the staff pipeline's deadlines, by email to each application's owner."""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications.services import email_queue

from ..models import FundingApplication

REMIND_DAYS_BEFORE = (14, 3)


@transaction.atomic
def funding_reminders_send(*, today: date | None = None) -> int:
    """Remind owners 14 and 3 days before a deadline, once per deadline and threshold
    (`reminded_for` remembers the last reminder's date), so a re-run sends nothing twice."""
    today = today or timezone.localdate()
    sent = 0
    due = FundingApplication.objects.select_for_update().filter(
        owner__isnull=False,
        deadline__gte=today,
        deadline__lte=today + timedelta(days=max(REMIND_DAYS_BEFORE)),
        status__in=[
            FundingApplication.Status.PROSPECT,
            FundingApplication.Status.DRAFTING,
            FundingApplication.Status.SUBMITTED,
            FundingApplication.Status.AWARDED,
            FundingApplication.Status.REPORTING,
        ],
    )
    for application in due.select_related("owner", "funder"):
        days_left = (application.deadline - today).days
        threshold = min(d for d in REMIND_DAYS_BEFORE if days_left <= d)
        marker = application.deadline - timedelta(days=threshold)
        if application.reminded_for is not None and application.reminded_for >= marker:
            continue
        email_queue(
            template="coordination/email/funding_deadline",
            to=[application.owner.email],
            context={
                "title": application.title,
                "funder": application.funder.name,
                "deadline": application.deadline.isoformat(),
                "what": application.deadline_note,
                "days": days_left,
                "pipeline_url": reverse("coordination:pipeline"),
                "site_url": settings.SITE_URL,
            },
        )
        FundingApplication.objects.filter(pk=application.pk).update(reminded_for=marker)
        sent += 1
    return sent
