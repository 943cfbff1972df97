from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            # The language a person signs up in is the one we write to them in.
            language = translation.get_language() or "en"
            profile = user.profile
            profile.preferred_language = language[:2]
            profile.save(update_fields=["preferred_language"])
        return user
