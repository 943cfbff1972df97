"""What the platform holds about a person, and what happens to it when they delete their
account (issue 16). Each app answers for its own models through two hooks:

- `wsr_personal_data(user) -> dict`: its part of "download my data", under its own keys;
- `wsr_account_deletion(user) -> AccountDeletionPart | None`: what it will delete, keep
  under "a former member" and hand over, and a function that does it (called inside the one
  transaction that deletes the account, before the user row goes).

Every relation to the user model is either exported or listed below with the reason it is
not; `tests/members/test_personal_data.py` walks them all."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

# The label shown wherever a person who deleted their account used to be named.
FORMER_MEMBER = _("a former member")

HISTORY_REASON = (
    "django-simple-history copies: staff audit history of records that are exported "
    "themselves; they keep only the numeric id of a deleted account"
)
WAGTAIL_EDITING_REASON = (
    "editorial work in the Wagtail admin (staff and editors): pages, revisions, workflow, "
    "comments and uploads belong to the site, not to the person"
)

PERSONAL_DATA_EXCLUDED: dict[str, str] = {
    "admin.LogEntry.user": "Django admin audit log of staff actions",
    "wagtailcore.ModelLogEntry.user": "Wagtail audit log of staff actions",
    "wagtailcore.PageLogEntry.user": "Wagtail audit log of editors' actions",
    "wagtailusers.UserProfile.user": "Wagtail admin display preferences (editors only)",
    "wagtailadmin.EditingSession.user": "transient marker of who has a page open in the admin",
    "wagtailadmin.FormState.user": "transient admin form state",
    "wagtailcore.PageSubscription.user": WAGTAIL_EDITING_REASON,
    "wagtailcore.Comment.user": WAGTAIL_EDITING_REASON,
    "wagtailcore.Comment.resolved_by": WAGTAIL_EDITING_REASON,
    "wagtailcore.CommentReply.user": WAGTAIL_EDITING_REASON,
    "wagtailcore.Revision.user": WAGTAIL_EDITING_REASON,
    "wagtailcore.Page.owner": WAGTAIL_EDITING_REASON,
    "wagtailcore.Page.locked_by": WAGTAIL_EDITING_REASON,
    "wagtailcore.WorkflowState.requested_by": WAGTAIL_EDITING_REASON,
    "wagtailcore.TaskState.finished_by": WAGTAIL_EDITING_REASON,
    "wagtailcore.UploadedFile.uploaded_by_user": WAGTAIL_EDITING_REASON,
    "wagtaildocs.Document.uploaded_by_user": WAGTAIL_EDITING_REASON,
    "wagtailimages.Image.uploaded_by_user": WAGTAIL_EDITING_REASON,
    "members.User.groups": "admin permission groups (staff configuration)",
    "members.User.user_permissions": "admin permissions (staff configuration)",
    "coordination.Block.blocked": (
        "blocks other people made against this person: a block is silent, and the download "
        "must not reveal it; deleted with the account"
    ),
}


def is_history_model(model: type[Model]) -> bool:
    return model.__name__.startswith("Historical") and hasattr(model, "history_object")


def user_relations() -> list[tuple[str, type[Model], str]]:
    """Every foreign key, one-to-one and many-to-many to the user model, hidden ones
    included, as ("app_label.Model.field", model, field name)."""
    user_model = get_user_model()
    relations = []
    for relation in user_model._meta.get_fields(include_hidden=True):
        if relation.concrete:
            if relation.many_to_many:  # the user's own groups and permissions
                relations.append(
                    (f"{user_model._meta.label}.{relation.name}", user_model, relation.name)
                )
            continue
        if not relation.auto_created or relation.related_model._meta.auto_created:
            continue  # an automatic many-to-many table: its field is walked instead
        model, name = relation.related_model, relation.field.name
        relations.append((f"{model._meta.label}.{name}", model, name))
    return sorted(relations, key=lambda item: item[0])


@dataclass
class AccountDeletionPart:
    """One app's answer to "what happens to my things if I delete my account": lines for
    the summary page, and `carry_out` that does it inside the deletion's transaction."""

    deleted: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    handed_over: list[str] = field(default_factory=list)
    carry_out: Callable[[], None] = lambda: None

    @property
    def is_empty(self) -> bool:
        return not (self.deleted or self.kept or self.handed_over)


def describe_hand_over(part: AccountDeletionPart, *, thing: str, successor) -> None:
    """Say on the summary page where `thing` goes: to `successor`, else kept unowned."""
    from django.utils.translation import gettext

    if successor is None:
        part.kept.append(
            gettext("%(thing)s, owned by “%(former)s” (nobody is left to take it over)")
            % {"thing": thing, "former": FORMER_MEMBER}
        )
    else:
        part.handed_over.append(
            gettext("%(thing)s passes to %(person)s")
            % {"thing": thing, "person": successor.display_name}
        )


def hand_over(instance: Model, *, field_name: str, successor, previous) -> None:
    """Give `instance` to `successor` (None: nobody) and record who it went to."""
    from wagtail.log_actions import log

    setattr(instance, field_name, successor)
    instance.save(update_fields=[field_name])
    log(
        instance=instance,
        action="wsr.account.hand_over",
        data={
            "field": field_name,
            "from": previous.pk,
            "to": successor.pk if successor else None,
            "to_name": successor.display_name if successor else "",
        },
    )
