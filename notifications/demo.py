"""Demo notifications: preferences for the demo people, a confirmed newsletter reader, and
one real digest run (to an in-memory mailbox) so the bell, the list and the staff
deliveries page have something to show. Runs after the other apps' demos (their
services have already notified people of what they seeded)."""

from django.contrib.auth import get_user_model
from django.core import mail
from django.test.utils import override_settings
from django.utils import timezone

from . import services
from .models import Delivery

User = get_user_model()


def seed(home_pages=None) -> dict:
    member = User.objects.filter(email="member@wsr.test").first()
    if member is None:
        return {"created": 0}
    created = 0
    if not member.notification_preferences.exists():
        services.preferences_save(
            user=member,
            modes={"resource_published": "daily", "effort_update": "daily"},
            schedule={"daily_hour": 7, "weekly_day": 0, "weekly_hour": 8},
        )
        created += 1
    lucia = User.objects.filter(email="lucia@wsr.test").first()
    if lucia is not None and not lucia.notification_preferences.exists():
        services.preferences_save(
            user=lucia,
            modes={"publication_published": "daily", "group_mention": "daily"},
            schedule={"daily_hour": 18, "weekly_day": 4, "weekly_hour": 9},
        )
        created += 1
    try:
        from promotion.models import Subscriber
    except ImportError:  # pragma: no cover (promotion is always installed here)
        Subscriber = None
    if Subscriber is not None:
        _reader, made = Subscriber.objects.get_or_create(
            email="reader@example.org",
            defaults={"language": "en", "confirmed_at": timezone.now()},
        )
        created += int(made)
    # The demo accounts "joined" a month ago, so that their first digests are due now.
    month_ago = timezone.now() - timezone.timedelta(days=30)
    User.objects.filter(email__endswith="@wsr.test", date_joined__gt=month_ago).update(
        date_joined=month_ago
    )
    if not Delivery.objects.exists():
        # One real run, kept out of the console: the staff page then shows deliveries.
        # The windows are real, and the demo content was published just now: most of it
        # waits for the next digest, so most of these deliveries are "nothing new".
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            outbox = getattr(mail, "outbox", None)
            for kind in ("daily", "weekly"):
                for batch in services.digest_plan(kind=kind):
                    services.digest_deliver_batch(
                        kind=batch.kind,
                        period=batch.period,
                        window_start=batch.window_start,
                        window_end=batch.window_end,
                        user_ids=batch.user_ids,
                    )
            if outbox is not None:
                mail.outbox = outbox
        created += Delivery.objects.count()
    return {"created": created}
