from wagtail import hooks


@hooks.register("wsr_personal_data")
def api_personal_data(user) -> dict:
    """For "download my data": each personal API token's name and when it was made, used and
    revoked; never its digest (the secret itself is stored nowhere)."""
    from wagtail.models import APIToken

    def when(value):
        return value.isoformat() if value else None

    return {
        "api_tokens": [
            {
                "name": name,
                "prefix": prefix,
                "created": when(created),
                "last_used_at": when(last_used_at),
                "revoked_at": when(revoked_at),
            }
            for name, prefix, created, last_used_at, revoked_at in APIToken.objects.filter(
                user=user
            )
            .order_by("created", "pk")
            .values_list("name", "prefix", "created", "last_used_at", "revoked_at")
        ]
    }


@hooks.register("wsr_account_deletion")
def api_account_deletion(user):
    """Tokens are the person's own: they go with the account (a cascade of the user row)."""
    from django.utils.translation import gettext

    from wsr.members.personal_data import AccountDeletionPart

    if not user.api_tokens.exists():
        return None
    return AccountDeletionPart(deleted=[gettext("Your API tokens")])
