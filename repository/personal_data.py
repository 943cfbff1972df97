"""Repository's part of "download my data" and of deleting an account (issue 16; hooks
`wsr_personal_data` and `wsr_account_deletion`, see wsr.members.personal_data).

Deleted: event registrations and saved resources. Kept: proposed resources (the contribution
record, without the person) and author credits on resources (the page keeps the credit's
other names; the person's name goes with the account)."""

from django.utils.translation import gettext

from wsr.members.personal_data import AccountDeletionPart

from .models import Contribution, Registration, ResourceAuthor, SavedResource


def _when(value) -> str | None:
    return value.isoformat() if value else None


def personal_data(user) -> dict:
    """Everything the repository holds about `user`, for "download my data"."""
    return {
        "event_registrations": [
            {"event": r.event.title, "status": r.status, "registered_at": _when(r.created_at)}
            for r in Registration.objects.filter(user=user).select_related("event")
        ],
        "saved_resources": [
            {"resource": s.resource.title, "saved_at": _when(s.created_at)}
            for s in SavedResource.objects.filter(user=user).select_related("resource")
        ],
        "contributions": [
            {
                "resource": c.page.title,
                "outcome": c.outcome,
                "comment": c.comment,
                "proposed_at": _when(c.created_at),
                "decided_at": _when(c.decided_at),
            }
            for c in Contribution.objects.filter(contributor=user).select_related("page")
        ],
        "resources_authored": [
            {"resource": a.page.title}
            for a in ResourceAuthor.objects.filter(person=user).select_related("page")
        ],
    }


def account_deletion(user) -> AccountDeletionPart:
    """What deleting `user`'s account does here."""
    part = AccountDeletionPart()
    if (
        Registration.objects.filter(user=user).exists()
        or SavedResource.objects.filter(user=user).exists()
    ):
        part.deleted.append(gettext("Your event registrations and saved resources"))
    if (
        Contribution.objects.filter(contributor=user).exists()
        or ResourceAuthor.objects.filter(person=user).exists()
    ):
        part.kept.append(gettext("Resources you proposed or wrote, without your name"))
    return part
