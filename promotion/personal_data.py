"""Promotion's part of "download my data" and of deleting an account (issue 16; hooks
`wsr_personal_data` and `wsr_account_deletion`, see wsr.members.personal_data).

The newsletter and speaker requests are not tied to accounts: they are found by the person's
email addresses. Deleted: the newsletter subscription. Kept: speaker requests (an
organization's request to the Collaborative, answered by staff) and, for staff, the replies
and planned publications they own, without their name."""

from django.utils.translation import gettext

from wsr.members.personal_data import AccountDeletionPart

from .models import PlannedPublication, SpeakerRequest, Subscriber


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _addresses(user) -> list[str]:
    """The addresses `user` proved are theirs: an address added to an account but never
    confirmed must not open (or delete) what someone else sent from it."""
    from allauth.account.models import EmailAddress

    verified = EmailAddress.objects.filter(user=user, verified=True)
    return sorted({email.lower() for email in verified.values_list("email", flat=True)})


def _by_email(queryset, user):
    from django.db.models import Q

    addresses = _addresses(user)
    if not addresses:
        return queryset.none()  # an empty Q() would match everyone's rows
    condition = Q()
    for email in addresses:
        condition |= Q(email__iexact=email)
    return queryset.filter(condition)


def personal_data(user) -> dict:
    """Everything promotion holds about `user`, for "download my data"."""
    return {
        "newsletter_subscriptions": [
            {
                "email": s.email,
                "language": s.language,
                "confirmed_at": _when(s.confirmed_at),
                "unsubscribed_at": _when(s.unsubscribed_at),
            }
            for s in _by_email(Subscriber.objects.all(), user)
        ],
        "speaker_requests": [
            {
                "organization": r.organization,
                "contact_name": r.contact_name,
                "email": r.email,
                "event": r.event,
                "event_date": _when(r.event_date),
                "topic": r.topic,
                "status": r.status,
                "reply": r.reply,
            }
            for r in _by_email(SpeakerRequest.objects.all(), user)
        ],
        "speaker_requests_answered": [
            {"event": r.event, "replied_at": _when(r.replied_at)}
            for r in SpeakerRequest.objects.filter(replied_by=user)
        ],
        "planned_publications": [
            {"title": p.title, "planned_on": _when(p.planned_on)}
            for p in PlannedPublication.objects.filter(owner=user)
        ],
    }


def account_deletion(user) -> AccountDeletionPart:
    """What deleting `user`'s account does here."""
    part = AccountDeletionPart()
    subscriptions = _by_email(Subscriber.objects.all(), user)
    if subscriptions.exists():
        part.deleted.append(gettext("Your newsletter subscription"))
    if _by_email(SpeakerRequest.objects.all(), user).exists():
        part.kept.append(gettext("Speaker requests you sent (they are not tied to your account)"))
    if (
        SpeakerRequest.objects.filter(replied_by=user).exists()
        or PlannedPublication.objects.filter(owner=user).exists()
    ):
        part.kept.append(gettext("Replies you sent and publications you planned, for the record"))

    def carry_out():
        subscriptions.delete()

    part.carry_out = carry_out
    return part
