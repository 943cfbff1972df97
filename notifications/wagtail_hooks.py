from wagtail import hooks


@hooks.register("wsr_personal_data")
def notifications_personal_data(user) -> dict:
    """For "download my data": settings, notifications and what was emailed when."""
    from .models import Delivery, DigestSchedule, Notification
    from .services import modes_of

    schedule = DigestSchedule.objects.filter(user=user).first()
    return {
        "notification_settings": {
            "modes": modes_of(user),
            "daily_hour": schedule.daily_hour if schedule else None,
            "weekly_day": schedule.weekly_day if schedule else None,
            "weekly_hour": schedule.weekly_hour if schedule else None,
            "section_filters": schedule.section_filters if schedule else {},
        },
        "notifications": [
            {"kind": kind, "created_at": created.isoformat(), "read": read is not None, "url": url}
            for kind, created, read, url in Notification.objects.filter(recipient=user).values_list(
                "kind", "created_at", "read_at", "url"
            )[:1000]
        ],
        "emails_sent": [
            {"kind": kind, "period": period, "status": status, "items": items}
            for kind, period, status, items in Delivery.objects.filter(user=user).values_list(
                "kind", "period", "status", "item_count"
            )[:1000]
        ],
    }


@hooks.register("wsr_account_deletion")
def notifications_account_deletion(user):
    """Notifications, settings and the record of emails sent are the person's own: they go."""
    from django.utils.translation import gettext

    from wsr.members.personal_data import AccountDeletionPart

    return AccountDeletionPart(
        deleted=[gettext("Your notifications, notification settings and the record of emails")]
    )
