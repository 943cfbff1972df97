from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation


def site() -> SimpleNamespace:
    """The site as allauth's emails name it: SITE_NAME, and the host of SITE_URL (the
    sites framework is not installed; one site, configured by the environment)."""
    return SimpleNamespace(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


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

    def send_mail(self, template_prefix, email, context):
        """Account emails (address confirmation, password reset, security notices) leave
        the request: rendered here, in the request's language, then handed to the Celery
        queue with every other email (retried there when the mail server is away). They
        carry keys that open the account: the message waits in a database row and only its
        id goes through the broker, so no key reaches the broker or a log (issue 16)."""
        from notifications.services import rendered_email_queue

        # allauth's own send_mail adds the site; without it its emails read "Hello from !".
        context = {"email": email, "current_site": site(), **context}
        rendered_email_queue(message=self.render_mail(template_prefix, email, context))
