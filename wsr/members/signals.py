from allauth.account.signals import email_confirmed
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import services


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.profile_ensure(user=instance)


@receiver(email_confirmed)
def accept_invitations_on_confirmation(sender, request, email_address, **kwargs):
    # A verified address proves the invitee owns it: their invitations take effect.
    services.invitations_accept_for_email(user=email_address.user, email=email_address.email)
