"""Who wants what, when: per-kind modes, digest times, one-click unsubscribe tokens."""

from django.core import signing
from django.db import transaction

from ..kinds import KINDS, Mode
from ..models import DigestSchedule, Preference

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
# What a one-click link may switch off: one kind of notification, or one digest.
DIGEST_SCOPES = ("daily", "weekly")


def modes_of(user) -> dict[str, str]:
    """Every kind's mode for `user`: their choice, else the kind's default."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "mode"))
    return {key: chosen.get(key, kind.default) for key, kind in KINDS.items()}


def modes_for_users(user_ids) -> dict[int, dict[str, str]]:
    """`modes_of` for many people in one query."""
    chosen: dict[int, dict[str, str]] = {user_id: {} for user_id in user_ids}
    for user_id, kind, mode in Preference.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "kind", "mode"
    ):
        chosen[user_id][kind] = mode
    return {
        user_id: {key: picks.get(key, kind.default) for key, kind in KINDS.items()}
        for user_id, picks in chosen.items()
    }


def schedule_of(user) -> DigestSchedule:
    schedule = DigestSchedule.objects.filter(user=user).first()
    return schedule or DigestSchedule(user=user)


@transaction.atomic
def preferences_save(*, user, modes: dict[str, str], schedule: dict | None = None) -> None:
    """Store `user`'s choices; a choice equal to the default is stored too (the default may
    change later, the person's choice should not)."""
    for key, mode in modes.items():
        kind = KINDS[key]
        if mode not in kind.modes:
            raise ValueError(f"{mode} is not a mode of {key}")
        Preference.objects.update_or_create(user=user, kind=key, defaults={"mode": mode})
    if schedule is not None:
        DigestSchedule.objects.update_or_create(user=user, defaults=schedule)


def unsubscribe_token(*, user, scope: str) -> str:
    """A signed, non-expiring token that can switch off `scope` for `user` only."""
    return signing.dumps({"u": user.pk, "s": scope}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_read(token: str) -> tuple[int, str] | None:
    """(user id, scope) from a token, or None when it was not made here or was altered."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user_id, scope = data.get("u"), data.get("s")
    if not isinstance(user_id, int) or not (scope in KINDS or scope in DIGEST_SCOPES):
        return None
    return user_id, scope


@transaction.atomic
def unsubscribe_apply(*, user, scope: str) -> list[str]:
    """Switch off `scope` for `user`: one kind, or every kind now in that digest. Returns
    the kinds switched off."""
    modes = modes_of(user)
    if scope in KINDS:
        keys = [scope] if modes[scope] != Mode.NEVER else []
    else:
        keys = [key for key, mode in modes.items() if mode == scope]
    for key in keys:
        Preference.objects.update_or_create(user=user, kind=key, defaults={"mode": Mode.NEVER})
    return keys
